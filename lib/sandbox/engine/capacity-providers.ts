/**
 * Auto Scaling group capacity providers (ecs-behavior.md §6.3): CreateCapacityProvider, DescribeCapacityProviders,
 * UpdateCapacityProvider, DeleteCapacityProvider. Each names a simulated Auto Scaling group (auto-scaling-groups.ts)
 * and carries managed scaling and managed termination protection (managed-scaling.ts acts on them); FARGATE and
 * FARGATE_SPOT exist in every account without being created.
 */
import type {
  AutoScalingGroupProvider,
  CreateCapacityProviderResponse,
  DeleteCapacityProviderResponse,
  DescribeCapacityProvidersResponse,
  ManagedScaling,
  UpdateCapacityProviderResponse,
} from "@aws-sdk/client-ecs";
import { groupOfArn } from "./auto-scaling-groups";
import { FARGATE_PROVIDERS } from "./clusters";
import { clientException, invalidParameter } from "./errors";
import { optEnum, optInteger, optObject, optString, optStringList, type Input } from "./input";
import { scheduleCapacityCheck } from "./managed-scaling";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import type { SandboxState, WireCapacityProvider } from "./state";
import { readTags } from "./tags";
import type { Wire } from "./wire";

/** [AWS-doc] ManagedScaling: defaults and ranges. */
export const MANAGED_SCALING_DEFAULTS = {
  targetCapacity: 100,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 10_000,
  instanceWarmupPeriod: 300,
} as const;
const RANGES: Record<keyof typeof MANAGED_SCALING_DEFAULTS, [number, number]> = {
  targetCapacity: [1, 100],
  minimumScalingStepSize: [1, 10_000],
  maximumScalingStepSize: [1, 10_000],
  instanceWarmupPeriod: [0, 10_000],
};
/** [AWS-doc] BOTO CreateCapacityProvider.name: up to 255 letters, digits, `_` and `-`; not prefixed aws, ecs or fargate. */
const PROVIDER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const RESERVED_PREFIX = /^(aws|ecs|fargate)/i;

/** AWS's texts, [observed] unless marked. */
export const CAPACITY_PROVIDER_ERRORS = {
  /** [observed] aws/containers-roadmap#688, terraform-aws-modules/terraform-aws-ecs#96. */
  exists: () => clientException("The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider."),
  /** [observed] aws/containers-roadmap#632. */
  groupInUse: () => clientException("The specified Auto Scaling group ARN is already being used by another capacity provider. Specify a unique Auto Scaling group ARN and try again."),
  /** [inferred] the sandbox's own: only its simulated groups exist. */
  noGroup: (arn: string) =>
    clientException(`The specified Auto Scaling group ARN ${arn} was not found. The sandbox has no Auto Scaling API: create the group with DojoSandbox.CreateAutoScalingGroup and use the ARN it returns.`),
  /** [inferred] worded like the managed termination protection error AWS gave before 2024 (containers-roadmap#860). */
  protectionNeedsScaling: () =>
    clientException("The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, managed scaling must be enabled."),
  /** [inferred] BOTO documents the rule, not its text. */
  badName: () => invalidParameter("The capacity provider name can have up to 255 letters, numbers, hyphens and underscores, and cannot begin with aws, ecs or fargate."),
  /** [inferred] The same words AWS uses for a capacity provider it cannot find (clusters.ts readProviders). */
  notFound: () => invalidParameter("The specified capacity provider does not exist. Specify a valid name or ARN and try again."),
  /** [inferred] */
  reserved: (name: string) => invalidParameter(`The ${name} capacity provider is reserved and cannot be changed or deleted.`),
  range: (member: string, low: number, high: number) => invalidParameter(`managedScaling.${member} must be between ${low} and ${high}.`),
};

export const capacityProviderArn = (state: SandboxState, name: string) => `arn:aws:ecs:${state.region}:${state.accountId}:capacity-provider/${name}`;

/** The ACTIVE capacity provider a request names (name or ARN), Fargate's included. */
export function findCapacityProvider(state: SandboxState, ref: string): WireCapacityProvider | undefined {
  const name = ref.startsWith("arn:") ? ref.slice(ref.lastIndexOf("/") + 1) : ref;
  if ((FARGATE_PROVIDERS as readonly string[]).includes(name)) return fargateProvider(state, name);
  const provider = state.capacityProviders?.[name];
  return provider?.status === "ACTIVE" && (!ref.startsWith("arn:") || ref === provider.capacityProviderArn) ? provider : undefined;
}

function fargateProvider(state: SandboxState, name: string): WireCapacityProvider {
  return { capacityProviderArn: capacityProviderArn(state, name), name, status: "ACTIVE", tags: [], type: name as WireCapacityProvider["type"] };
}

function readManagedScaling(input: Input | undefined, current: Wire<ManagedScaling> | undefined): Wire<ManagedScaling> {
  const scaling: Wire<ManagedScaling> = {
    // [inferred] off unless asked for: AWS documents no default for status.
    status: (input ? optEnum(input, "status", ["ENABLED", "DISABLED"] as const) : undefined) ?? current?.status ?? "DISABLED",
  };
  for (const member of Object.keys(MANAGED_SCALING_DEFAULTS) as (keyof typeof MANAGED_SCALING_DEFAULTS)[]) {
    const value = (input ? optInteger(input, member) : undefined) ?? current?.[member] ?? MANAGED_SCALING_DEFAULTS[member];
    const [low, high] = RANGES[member];
    if (value < low || value > high) throw CAPACITY_PROVIDER_ERRORS.range(member, low, high);
    scaling[member] = value;
  }
  return scaling;
}

function readProtection(input: Input, scaling: Wire<ManagedScaling>, current?: Wire<AutoScalingGroupProvider>) {
  const managedTerminationProtection = optEnum(input, "managedTerminationProtection", ["ENABLED", "DISABLED"] as const) ?? current?.managedTerminationProtection ?? "DISABLED";
  if (managedTerminationProtection === "ENABLED" && scaling.status !== "ENABLED") throw CAPACITY_PROVIDER_ERRORS.protectionNeedsScaling();
  // [AWS-doc] managed instance draining: on by default since 2024; the sandbox shows it and drains nothing more.
  const managedDraining = optEnum(input, "managedDraining", ["ENABLED", "DISABLED"] as const) ?? current?.managedDraining ?? "ENABLED";
  return { managedTerminationProtection, managedDraining };
}

function createCapacityProvider(state: SandboxState, input: Input, clockMs: number): Wire<CreateCapacityProviderResponse> {
  const name = optString(input, "name") ?? "";
  if (!PROVIDER_NAME.test(name) || RESERVED_PREFIX.test(name)) throw CAPACITY_PROVIDER_ERRORS.badName();
  const providers = (state.capacityProviders ??= {});
  if (providers[name]?.status === "ACTIVE") throw CAPACITY_PROVIDER_ERRORS.exists();
  const asg = optObject(input, "autoScalingGroupProvider");
  if (!asg) throw invalidParameter("autoScalingGroupProvider is required: the sandbox has Auto Scaling group capacity providers only.");
  const groupArn = optString(asg, "autoScalingGroupArn") ?? "";
  const group = groupOfArn(state, groupArn);
  if (!group) throw CAPACITY_PROVIDER_ERRORS.noGroup(groupArn);
  if (Object.values(providers).some((p) => p.status === "ACTIVE" && p.autoScalingGroupProvider?.autoScalingGroupArn === groupArn)) {
    throw CAPACITY_PROVIDER_ERRORS.groupInUse();
  }
  const managedScaling = readManagedScaling(optObject(asg, "managedScaling"), undefined);
  const provider: WireCapacityProvider = {
    capacityProviderArn: capacityProviderArn(state, name),
    name,
    status: "ACTIVE",
    autoScalingGroupProvider: { autoScalingGroupArn: groupArn, managedScaling, ...readProtection(asg, managedScaling) },
    tags: readTags(input),
    type: "EC2_AUTOSCALING",
  };
  providers[name] = provider;
  scheduleCapacityCheck(state, name, clockMs);
  return { capacityProvider: provider };
}

function requireOwnProvider(state: SandboxState, ref: string | undefined): WireCapacityProvider {
  const name = ref?.startsWith("arn:") ? ref.slice(ref.lastIndexOf("/") + 1) : ref;
  if (name && (FARGATE_PROVIDERS as readonly string[]).includes(name)) throw CAPACITY_PROVIDER_ERRORS.reserved(name);
  const provider = ref ? findCapacityProvider(state, ref) : undefined;
  if (!provider) throw CAPACITY_PROVIDER_ERRORS.notFound();
  return provider;
}

function updateCapacityProvider(state: SandboxState, input: Input, clockMs: number): Wire<UpdateCapacityProviderResponse> {
  const provider = requireOwnProvider(state, optString(input, "name"));
  const update = optObject(input, "autoScalingGroupProvider");
  if (!update) throw invalidParameter("autoScalingGroupProvider is required.");
  const current = provider.autoScalingGroupProvider!;
  const managedScaling = readManagedScaling(optObject(update, "managedScaling"), current.managedScaling);
  provider.autoScalingGroupProvider = { ...current, managedScaling, ...readProtection(update, managedScaling, current) };
  // [inferred] AWS answers UPDATE_IN_PROGRESS and completes within seconds; the sandbox completes at once.
  provider.updateStatus = "UPDATE_COMPLETE";
  scheduleCapacityCheck(state, provider.name!, clockMs);
  return { capacityProvider: { ...provider, updateStatus: "UPDATE_IN_PROGRESS" } };
}

/** [observed] terraform-provider-aws#48156: what DeleteCapacityProvider records while a cluster still has the provider. */
export const associatedReason = (cluster: string) =>
  `The capacity provider cannot be deleted because it is associated with cluster: ${cluster}. Remove the capacity provider from the cluster and try again.`;

function deleteCapacityProvider(state: SandboxState, input: Input): Wire<DeleteCapacityProviderResponse> {
  const provider = requireOwnProvider(state, optString(input, "capacityProvider"));
  const cluster = Object.values(state.clusters).find((c) => c.status === "ACTIVE" && (c.capacityProviders ?? []).includes(provider.name!));
  if (cluster) {
    // [observed] Not an error: the provider stays ACTIVE with updateStatus DELETE_FAILED and the reason.
    provider.updateStatus = "DELETE_FAILED";
    provider.updateStatusReason = associatedReason(cluster.clusterName!);
    return { capacityProvider: provider };
  }
  delete provider.updateStatusReason;
  // [inferred] AWS answers DELETE_IN_PROGRESS; the provider is INACTIVE (DELETE_COMPLETE) at once here, and its name free.
  provider.status = "INACTIVE";
  provider.updateStatus = "DELETE_COMPLETE";
  return { capacityProvider: { ...provider, status: "ACTIVE", updateStatus: "DELETE_IN_PROGRESS" } };
}

function describeCapacityProviders(state: SandboxState, input: Input): Wire<DescribeCapacityProvidersResponse> {
  const refs = optStringList(input, "capacityProviders");
  const includeTags = (optStringList(input, "include") ?? []).includes("TAGS");
  const shown = (p: WireCapacityProvider) => (includeTags ? p : { ...p, tags: undefined });
  if (refs !== undefined && refs.length > 0) {
    const response: Wire<DescribeCapacityProvidersResponse> = { capacityProviders: [], failures: [] };
    for (const ref of refs) {
      const name = ref.startsWith("arn:") ? ref.slice(ref.lastIndexOf("/") + 1) : ref;
      // A deleted provider stays describable by name as INACTIVE.
      const provider = findCapacityProvider(state, ref) ?? state.capacityProviders?.[name];
      if (provider) response.capacityProviders!.push(shown(provider));
      else response.failures!.push({ arn: ref.startsWith("arn:") ? ref : capacityProviderArn(state, ref), reason: "MISSING" });
    }
    return response;
  }
  const all = [
    ...FARGATE_PROVIDERS.map((name) => fargateProvider(state, name)),
    ...Object.values(state.capacityProviders ?? {}).filter((p) => p.status === "ACTIVE"),
  ].map(shown);
  // [AWS-doc] BOTO: maxResults 1–10, 10 by default.
  const { page, nextToken } = paginate(all, input, 10);
  return nextToken ? { capacityProviders: page, failures: [], nextToken } : { capacityProviders: page, failures: [] };
}

export const capacityProviderOperations: Record<string, Operation> = {
  CreateCapacityProvider: { readOnly: false, run: createCapacityProvider },
  UpdateCapacityProvider: { readOnly: false, run: updateCapacityProvider },
  DeleteCapacityProvider: { readOnly: false, run: deleteCapacityProvider },
  DescribeCapacityProviders: { readOnly: true, run: describeCapacityProviders },
};
