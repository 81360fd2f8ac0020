/**
 * DojoSandbox.InterruptSpotTasks (fault F11): Fargate Spot reclaims capacity from RUNNING tasks that run on the
 * FARGATE_SPOT capacity provider. Each gets the two-minute warning and SIGTERM at once, then its containers' stopTimeout
 * before SIGKILL (lifecycle.ts interruptSpotTask); services replace them at the warning (desiredStatus STOPPED).
 */
import { taskIdOf } from "./arns";
import { requireCluster } from "./clusters";
import { invalidParameter } from "./errors";
import { optInteger, optString, type Input } from "./input";
import { interruptSpotTask } from "./lifecycle";
import type { Operation } from "./operation";
import type { SandboxState } from "./state";

/** `{"cluster", "count"}`: interrupts up to `count` (default all) RUNNING Fargate Spot tasks, oldest first. */
function interruptSpotTasks(state: SandboxState, input: Input, clockMs: number): object {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const count = optInteger(input, "count");
  if (count !== undefined && count < 1) throw invalidParameter("count must be at least 1.");
  const targets = Object.values(state.tasks)
    .filter((t) => t.clusterArn === cluster.clusterArn && t.capacityProviderName === "FARGATE_SPOT")
    .filter((t) => t.lastStatus === "RUNNING" && t.desiredStatus === "RUNNING")
    .slice(0, count);
  for (const task of targets) interruptSpotTask(state, taskIdOf(task.taskArn!), clockMs);
  return { taskArns: targets.map((t) => t.taskArn) };
}

export const spotOperations: Record<string, Operation> = {
  InterruptSpotTasks: { readOnly: false, run: interruptSpotTasks },
};
