import type { CapacityProviderStrategyItem } from "@aws-sdk/client-ecs";
import { FARGATE_PROVIDERS, readStrategy } from "./clusters";
import { invalidParameter } from "./errors";
import { optEnum, type Input } from "./input";
import type { WireCluster } from "./state";

/**
 * Where one task runs: on Fargate (possibly through a FARGATE/FARGATE_SPOT provider) or on the cluster's EC2 instances
 * (through an Auto Scaling group capacity provider: on its group's instances only, managed-scaling.ts).
 */
export interface Placement {
  launchType: "FARGATE" | "EC2";
  capacityProviderName?: string;
}

/** The launch choice of a RunTask/CreateService request, before it is split into one placement per task. */
export interface LaunchChoice {
  launchType?: "FARGATE" | "EC2";
  strategy?: CapacityProviderStrategyItem[];
}

/**
 * Resolves launchType / capacityProviderStrategy / the cluster's default strategy. With none of them ECS falls back
 * to the EC2 launch type.
 */
export function readLaunchChoice(cluster: WireCluster, input: Input): LaunchChoice {
  const launchType = optEnum(input, "launchType", ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"] as const);
  if (launchType && input.capacityProviderStrategy != null) {
    throw invalidParameter(
      "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.",
    );
  }
  const requested = readStrategy(input, "capacityProviderStrategy", cluster.capacityProviders ?? []);
  if (launchType === "EXTERNAL" || launchType === "MANAGED_INSTANCES") {
    throw invalidParameter(`The ECS sandbox has no ${launchType} capacity; use FARGATE or EC2.`);
  }
  if (launchType) return { launchType };
  const strategy = requested ?? (cluster.defaultCapacityProviderStrategy?.length ? cluster.defaultCapacityProviderStrategy : undefined);
  if (strategy && new Set(strategy.map((item) => isFargateProvider(item.capacityProvider))).size > 1) {
    // [AWS-doc] fargate-capacity-providers: a strategy holds Fargate or Auto Scaling group providers, not both; [inferred] text.
    throw invalidParameter("A capacity provider strategy cannot contain both Fargate capacity providers and Auto Scaling group capacity providers. Use one kind or the other.");
  }
  return strategy ? { strategy: strategy as CapacityProviderStrategyItem[] } : { launchType: "EC2" };
}

const isFargateProvider = (name: string | undefined) => (FARGATE_PROVIDERS as readonly string[]).includes(name ?? "");

/** Whether a capacity provider strategy runs its tasks on Fargate (FARGATE/FARGATE_SPOT) rather than on Auto Scaling groups. */
export const isFargateStrategy = (strategy: { capacityProvider?: string }[] | undefined) =>
  strategy !== undefined && strategy.some((item) => isFargateProvider(item.capacityProvider));

export function placementsFor(choice: LaunchChoice, count: number): Placement[] {
  if (choice.launchType) return Array.from({ length: count }, () => ({ launchType: choice.launchType! }));
  return distribute(choice.strategy!, count).map((capacityProviderName) => ({ launchType: isFargateProvider(capacityProviderName) ? "FARGATE" : "EC2", capacityProviderName }));
}

/** `base` tasks go to the provider that has one; the rest follow the weights (1:4 ⇒ one on A per four on B). */
function distribute(strategy: CapacityProviderStrategyItem[], count: number): string[] {
  const chosen: string[] = [];
  const withBase = strategy.find((item) => (item.base ?? 0) > 0);
  while (withBase && chosen.length < Math.min(count, withBase.base!)) chosen.push(withBase.capacityProvider!);
  const weighted = strategy.filter((item) => (item.weight ?? 0) > 0);
  if (chosen.length < count && weighted.length === 0) {
    throw invalidParameter("The capacity provider strategy must have at least one capacity provider with a weight greater than zero.");
  }
  const assigned = new Map<string, number>();
  while (chosen.length < count) {
    // The provider furthest below its share so far takes the next task.
    const next = weighted.reduce((best, item) =>
      ((assigned.get(item.capacityProvider!) ?? 0) + 1) / item.weight! <
      ((assigned.get(best.capacityProvider!) ?? 0) + 1) / best.weight!
        ? item
        : best,
    );
    assigned.set(next.capacityProvider!, (assigned.get(next.capacityProvider!) ?? 0) + 1);
    chosen.push(next.capacityProvider!);
  }
  return chosen;
}
