import type { CapacityProviderStrategyItem } from "@aws-sdk/client-ecs";
import { readStrategy } from "./clusters";
import { invalidParameter } from "./errors";
import { optEnum, type Input } from "./input";
import type { WireCluster } from "./state";

/** Where one task of a RunTask call runs. Only Fargate capacity exists until container instances are modelled. */
export interface Placement {
  launchType: "FARGATE";
  capacityProviderName?: string;
}

const NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";

/**
 * Resolves launchType / capacityProviderStrategy / the cluster's default strategy into one placement per task.
 * With none of them ECS falls back to the EC2 launch type, which needs container instances.
 */
export function placementsFor(cluster: WireCluster, input: Input, count: number): Placement[] {
  const launchType = optEnum(input, "launchType", ["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"] as const);
  if (launchType && input.capacityProviderStrategy != null) {
    throw invalidParameter(
      "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.",
    );
  }
  const requested = readStrategy(input, "capacityProviderStrategy", cluster.capacityProviders ?? []);
  if (launchType === "FARGATE") return Array.from({ length: count }, () => ({ launchType }));
  if (launchType) throw invalidParameter(NO_CONTAINER_INSTANCES);
  const strategy = requested ?? (cluster.defaultCapacityProviderStrategy?.length ? cluster.defaultCapacityProviderStrategy : undefined);
  if (!strategy) throw invalidParameter(NO_CONTAINER_INSTANCES);
  return distribute(strategy as CapacityProviderStrategyItem[], count).map((capacityProviderName) => ({
    launchType: "FARGATE",
    capacityProviderName,
  }));
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
