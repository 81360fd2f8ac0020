/**
 * The console's capacity view of the chosen cluster (lesson L702): its capacity providers with the cluster's default
 * strategy, each Auto Scaling group provider's managed scaling and termination protection, and the group behind it —
 * sizes, instances (zone, scale-in protection, registered or still booting) and its recent activities. Read with
 * DescribeCapacityProviders and DojoSandbox.DescribeAutoScalingGroups (the sandbox's stand-in for Auto Scaling), so
 * it shows what those calls answer.
 */
import { MANAGED_SCALING_DEFAULTS } from "./engine/capacity-providers";
import type { ServiceRead } from "./console-series";

/** The group activities the console lists (DescribeAutoScalingGroups answers newest first). */
const ACTIVITIES_SHOWN = 5;

export interface CapacityGroupView {
  name: string;
  minSize: number;
  desiredCapacity: number;
  maxSize: number;
  instances: { id: string; instanceType: string; availabilityZone: string; protectedFromScaleIn: boolean; registered: boolean }[];
  activities: { at: number; description: string }[];
}

export interface CapacityProviderView {
  name: string;
  /** FARGATE, FARGATE_SPOT or EC2_AUTOSCALING. */
  type: string;
  /** Its place in the cluster's default capacity provider strategy, when it has one. */
  strategy?: { weight: number; base: number };
  managedScaling?: { status: string; targetCapacity: number; minimumScalingStepSize: number; maximumScalingStepSize: number; instanceWarmupPeriod: number };
  managedTerminationProtection?: string;
  /** DELETE_FAILED and its reason, say, when a delete was refused. */
  updateStatus?: string;
  updateStatusReason?: string;
  /** The Auto Scaling group behind it, where the backend can describe it (the embedded sandbox). */
  group?: CapacityGroupView;
}

export interface ClusterCapacity {
  capacityProviders?: string[];
  defaultCapacityProviderStrategy?: { capacityProvider?: string; weight?: number; base?: number }[];
}

interface DescribedProvider {
  name?: string;
  type?: string;
  updateStatus?: string;
  updateStatusReason?: string;
  autoScalingGroupProvider?: {
    autoScalingGroupArn?: string;
    managedScaling?: { status?: string; targetCapacity?: number; minimumScalingStepSize?: number; maximumScalingStepSize?: number; instanceWarmupPeriod?: number };
    managedTerminationProtection?: string;
  };
}

interface DescribedGroup {
  AutoScalingGroupName: string;
  AutoScalingGroupARN: string;
  MinSize: number;
  MaxSize: number;
  DesiredCapacity: number;
  Instances: { InstanceId: string; InstanceType: string; AvailabilityZone: string; ProtectedFromScaleIn: boolean; ContainerInstanceArn?: string }[];
  Activities: { StartTime: number; Description: string }[];
}

/**
 * The cluster's providers as the console shows them. `describeProviders` is ECS's DescribeCapacityProviders (every
 * backend answers it); `read` reaches DojoSandbox.DescribeAutoScalingGroups on the embedded sandbox only.
 */
export async function capacityViews(
  cluster: ClusterCapacity,
  describeProviders: (names: string[]) => Promise<DescribedProvider[]>,
  read?: ServiceRead,
): Promise<CapacityProviderView[]> {
  const names = cluster.capacityProviders ?? [];
  if (names.length === 0) return [];
  const described = new Map((await describeProviders(names)).map((p) => [p.name, p]));
  const groups = read && [...described.values()].some((p) => p.autoScalingGroupProvider) ? await describeGroups(read) : new Map<string, DescribedGroup>();
  return names.map((name) => {
    const provider = described.get(name);
    const strategy = cluster.defaultCapacityProviderStrategy?.find((s) => s.capacityProvider === name);
    const asg = provider?.autoScalingGroupProvider;
    const scaling = asg?.managedScaling;
    const group = asg?.autoScalingGroupArn ? groups.get(asg.autoScalingGroupArn) : undefined;
    return {
      name,
      type: provider?.type ?? (name.startsWith("FARGATE") ? name : "EC2_AUTOSCALING"),
      ...(strategy ? { strategy: { weight: strategy.weight ?? 0, base: strategy.base ?? 0 } } : {}),
      ...(scaling
        ? {
            managedScaling: {
              status: scaling.status ?? "DISABLED",
              targetCapacity: scaling.targetCapacity ?? MANAGED_SCALING_DEFAULTS.targetCapacity,
              minimumScalingStepSize: scaling.minimumScalingStepSize ?? MANAGED_SCALING_DEFAULTS.minimumScalingStepSize,
              maximumScalingStepSize: scaling.maximumScalingStepSize ?? MANAGED_SCALING_DEFAULTS.maximumScalingStepSize,
              instanceWarmupPeriod: scaling.instanceWarmupPeriod ?? MANAGED_SCALING_DEFAULTS.instanceWarmupPeriod,
            },
          }
        : {}),
      ...(asg?.managedTerminationProtection ? { managedTerminationProtection: asg.managedTerminationProtection } : {}),
      ...(provider?.updateStatus ? { updateStatus: provider.updateStatus } : {}),
      ...(provider?.updateStatusReason ? { updateStatusReason: provider.updateStatusReason } : {}),
      ...(group ? { group: groupView(group) } : {}),
    };
  });
}

async function describeGroups(read: ServiceRead): Promise<Map<string, DescribedGroup>> {
  const { autoScalingGroups } = (await read("dojo-sandbox", "DescribeAutoScalingGroups", {})) as { autoScalingGroups?: DescribedGroup[] };
  return new Map((autoScalingGroups ?? []).map((g) => [g.AutoScalingGroupARN, g]));
}

function groupView(g: DescribedGroup): CapacityGroupView {
  return {
    name: g.AutoScalingGroupName,
    minSize: g.MinSize,
    desiredCapacity: g.DesiredCapacity,
    maxSize: g.MaxSize,
    instances: g.Instances.map((i) => ({
      id: i.InstanceId,
      instanceType: i.InstanceType,
      availabilityZone: i.AvailabilityZone,
      protectedFromScaleIn: i.ProtectedFromScaleIn,
      // The ECS agent registers the instance a while after launch (managed-scaling.ts): until then it takes no task.
      registered: i.ContainerInstanceArn !== undefined,
    })),
    activities: g.Activities.slice(0, ACTIVITIES_SHOWN).map((a) => ({ at: a.StartTime * 1000, description: a.Description })),
  };
}
