/**
 * Operations of the sandbox itself (`X-Amz-Target: DojoSandbox.<Op>`), which AWS does not have: they set up what a
 * lesson needs. Same contract as the ECS operations: pure, deterministic, errors as EcsError. AdvanceClock stays in
 * the gateway, which owns the clock.
 *
 * | Operation               | Input                                                              | Output                              |
 * |-------------------------|--------------------------------------------------------------------|-------------------------------------|
 * | `AddContainerInstances` | `{"cluster", "instanceType", "count", "availabilityZone", "agentConnected"}` (instance-types.ts lists the types; AZs rotate when omitted; `agentConnected: false` for a disconnected agent) | `{"containerInstances": [...]}` as DescribeContainerInstances shows them |
 * | `ApplyScenario`         | a scenario (scenarios.ts, SCENARIO_SCHEMA), bare or as `{"scenario": {...}}` | the clusters' ARNs and the roles, secrets, parameters and log groups that now exist |
 * | `ResetScenario`         | a scenario, like ApplyScenario                                     | the same, after removing the scenario's clusters and everything in them |
 * | `InterruptSpotTasks`    | `{"cluster", "count"}` (count: default every RUNNING FARGATE_SPOT task) | `{"taskArns": [...]}` the interrupted tasks |
 * | `ImpairAvailabilityZone` | `{"availabilityZone"}` (fault F12, zone-impairment.ts): the zone's instances stop, its tasks stop or fail their load balancers' checks, placement avoids it | `{"availabilityZones": [{"zoneName", "impaired"}]}` |
 * | `RestoreAvailabilityZone` | `{"availabilityZone"}`: the zone works again; services with AZ rebalancing move tasks back (az-rebalancing.ts) | the same |
 * | `SetLoad`               | `{"cluster", "service", "requestsPerSecond"}` or `{"targetGroupArn", …}`, or a `"schedule": [{"afterSeconds", "requestsPerSecond"}, …]` (services/cloudwatch/load.ts) | `{"target", "schedule": [{"at", "requestsPerSecond"}]}` |
 * | `SetHookVerdict`        | `{"hookTargetArn", "verdict": "SUCCEEDED" \| "FAILED"}`: what a simulated Lambda lifecycle hook answers (service-deployments.ts) | the same |
 * | `CreateAutoScalingGroup`, `UpdateAutoScalingGroup`, `DescribeAutoScalingGroups` | a simulated EC2 Auto Scaling group for an ECS capacity provider (auto-scaling-groups.ts; the sandbox has no Auto Scaling API) | its ARN and state |
 * | `PushImage`             | `{"repositoryName", "imageTag"?, "build"?, "source"?, "sizeInBytes"?}`: what `docker push` does to ECR (services/ecr/images.ts) | PutImage's answer: `{"image": {imageId, imageManifest, …}}` |
 */
import { loadOperations } from "../services/cloudwatch/load";
import { ecrSandboxOperations } from "../services/ecr";
import type { Account } from "./account";
import { autoScalingGroupOperations } from "./auto-scaling-groups";
import { containerInstanceSandboxOperations } from "./container-instances";
import { EcsError } from "./errors";
import type { Operation } from "./operation";
import { scenarioOperations } from "./scenarios";
import { hookSandboxOperations } from "./service-deployments";
import { spotOperations } from "./spot";
import { zoneOperations } from "./zone-impairment";
import { runOperation } from "./simulation";
import type { SandboxState } from "./state";

const SANDBOX_OPERATIONS: Record<string, Operation> = {
  ...containerInstanceSandboxOperations,
  ...ecrSandboxOperations,
  ...scenarioOperations,
  ...spotOperations,
  ...zoneOperations,
  ...loadOperations,
  ...hookSandboxOperations,
  ...autoScalingGroupOperations,
};

export function isSandboxOperation(operation: string): boolean {
  return Object.hasOwn(SANDBOX_OPERATIONS, operation);
}

export const sandboxOperations = (): string[] => Object.keys(SANDBOX_OPERATIONS);

/** A DojoSandbox operation that only reads (DescribeAutoScalingGroups), for the site's views; undefined otherwise. */
export function sandboxRead(operation: string): Operation | undefined {
  const handler = Object.hasOwn(SANDBOX_OPERATIONS, operation) ? SANDBOX_OPERATIONS[operation] : undefined;
  return handler?.readOnly ? handler : undefined;
}

/** Runs one DojoSandbox operation at simulated time clockMs. `state` is left untouched. */
export function handleSandboxOperation(
  state: SandboxState,
  operation: string,
  input: unknown,
  clockMs: number,
  account: Account,
): { state: SandboxState; output: object } {
  if (!isSandboxOperation(operation)) {
    throw new EcsError("UnknownOperationException", `Unknown operation DojoSandbox.${operation}.`);
  }
  // All of them write: new capacity, say, may let waiting services place their tasks at once.
  return runOperation(state, SANDBOX_OPERATIONS[operation], input, clockMs, account);
}
