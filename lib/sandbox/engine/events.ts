/**
 * Service events with AWS's texts (ecs-behavior.md §5.6, [observed]/[AWS-doc] unless marked), newest first, at most
 * 100 kept. A message that describes an unresolved problem (placement, throttling, a deadlocked deployment) is not
 * repeated until the problem is resolved, as AWS suppresses duplicates.
 */
import { nextUuid } from "./ids";
import { SCHEDULER_STEP, SERVICE_EVENTS_KEPT } from "./quotas";
import type { ServiceRecord, SandboxState } from "./state";
import { epochSeconds } from "./wire";

const TROUBLESHOOTING = "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
const tasksList = (ids: string[]) => ids.map((id) => `(task ${id})`).join(" ");

export const SERVICE_EVENTS = {
  steadyState: (service: string) => `(service ${service}) has reached a steady state.`,
  /** The plural "tasks" is kept for one task, as AWS writes it. */
  started: (service: string, taskIds: string[]) => `(service ${service}) has started ${taskIds.length} tasks: ${tasksList(taskIds)}.`,
  replacedUnhealthy: (count: number) => `Amazon ECS replaced ${count} tasks due to an unhealthy status.`,
  stopped: (service: string, taskIds: string[]) => `(service ${service}) has stopped ${taskIds.length} running tasks: ${tasksList(taskIds)}.`,
  failedHealthChecks: (service: string, taskId: string) => `(service ${service}) (task ${taskId}) failed container health checks.`,
  deploymentCompleted: (service: string, deploymentId: string) => `(service ${service}) (deployment ${deploymentId}) deployment completed.`,
  deploymentFailed: (service: string, deploymentId: string) =>
    `(service ${service}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  rollingBack: (service: string, deploymentId: string) => `(service ${service}) rolling back to deployment ${deploymentId}.`,
  /** [inferred] worded as the circuit breaker's failure, naming the alarms (AWS publishes no text for it). */
  deploymentFailedAlarms: (service: string, deploymentId: string, alarms: string[]) =>
    `(service ${service}) (deployment ${deploymentId}) deployment failed: alarm detected: ${alarms.join(", ")}.`,
  noContainerInstances: (service: string) =>
    `(service ${service}) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. ${TROUBLESHOOTING}`,
  closestInstance: (service: string, instanceId: string, problem: string) =>
    `(service ${service}) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${instanceId}) ${problem} ${TROUBLESHOOTING}`,
  unableToPlace: (service: string, reason: string) => `(service ${service}) was unable to place a task. Reason: ${reason}`,
  /** [observed] "service X failed to launch a task with (error ...)." (task-roles.ts), in today's "(service X)" form. */
  failedToLaunch: (service: string, error: string) => `(service ${service}) failed to launch a task with (error ${error}).`,
  startImpaired: (service: string) => `(service ${service}) is unable to consistently start tasks successfully. ${TROUBLESHOOTING}`,
  deploymentConfigurationDeadlock: (service: string) =>
    `(service ${service}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
};

export function addEvent(state: SandboxState, record: ServiceRecord, message: string, atMs: number): void {
  const events = (record.service.events ??= []);
  events.unshift({ id: nextUuid(state, "event"), createdAt: epochSeconds(atMs), message });
  if (events.length > SERVICE_EVENTS_KEPT) events.length = SERVICE_EVENTS_KEPT;
}

/**
 * "has started/stopped N tasks" naming each task, at most SCHEDULER_STEP.batch to an event, as the scheduler starts and
 * stops them a step at a time (quotas.ts): tasks that end together (a fleet drained at once) take several events, so
 * no event, and no service document, grows with the service.
 */
export function addTasksEvents(state: SandboxState, record: ServiceRecord, message: (taskIds: string[]) => string, taskIds: string[], atMs: number): void {
  for (let from = 0; from < taskIds.length; from += SCHEDULER_STEP.batch) addEvent(state, record, message(taskIds.slice(from, from + SCHEDULER_STEP.batch)), atMs);
}

/** Emits a problem message once; it may come again only after `resolveProblems` cleared it. */
export function reportProblem(state: SandboxState, record: ServiceRecord, message: string, atMs: number): void {
  if (record.openMessages.includes(message)) return;
  record.openMessages.push(message);
  addEvent(state, record, message, atMs);
}

export function resolveProblems(record: ServiceRecord, which: (message: string) => boolean): void {
  record.openMessages = record.openMessages.filter((m) => !which(m));
}
