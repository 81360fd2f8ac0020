/** How a deployment in progress ends as failed, and how it rolls back (scheduler.ts, service-deployments.ts). */
import { serviceRevisionArn } from "./arns";
import { clusterNameOf, historyOf, ROLLOUT_REASONS, startDeployment } from "./deployments";
import { addEvent, SERVICE_EVENTS } from "./events";
import type { SandboxState, ServiceRecord } from "./state";
import { rollBackShift } from "./traffic-shift";
import { epochSeconds } from "./wire";

/**
 * The PRIMARY deployment failed (circuit breaker, alarms) or was stopped (StopServiceDeployment). With rollback, a
 * traffic-shifting deployment returns traffic to blue (traffic-shift.ts); a rolling one opens a new PRIMARY deployment
 * of the last completed deployment's task definition (ecs-behavior.md §5.4). Without, it stays FAILED and launches
 * nothing more.
 */
export function failDeployment(state: SandboxState, record: ServiceRecord, atMs: number, reason: string, event: string | undefined, rollback: boolean): void {
  const service = record.service;
  const primary = record.deployments[0];
  const failedId = primary.deployment.id!;
  if (event) addEvent(state, record, event, atMs);
  if (rollback && primary.shift && rollBackShift(state, record, atMs, reason)) return;
  primary.deployment.rolloutState = "FAILED";
  primary.deployment.rolloutStateReason = reason;
  primary.deployment.updatedAt = epochSeconds(atMs);
  delete primary.shift;
  const entry = historyOf(record, failedId);
  const target = record.lastCompletedDeploymentId;
  if (!rollback || !target || !record.completedTaskDefinition) {
    if (entry) {
      entry.status = "STOPPED";
      entry.statusReason = reason;
      entry.stoppedAt = epochSeconds(atMs);
    }
    return;
  }
  // Roll back: a new PRIMARY deployment of the last completed deployment's task definition.
  service.taskDefinition = record.completedTaskDefinition;
  addEvent(state, record, SERVICE_EVENTS.rollingBack(service.serviceName!, target), atMs);
  startDeployment(state, record, atMs, ROLLOUT_REASONS.rollingBack(target));
  if (entry) {
    entry.status = "ROLLBACK_IN_PROGRESS";
    entry.statusReason = reason;
    entry.rollback = { reason: ROLLOUT_REASONS.rollingBack(target), startedAt: epochSeconds(atMs), serviceRevisionArn: serviceRevisionArn(state, clusterNameOf(service.clusterArn!), service.serviceName!, target) };
    // The rollback belongs to this service deployment: it needs no entry (or revision) of its own.
    record.history.pop();
    record.revisions?.pop();
    record.rollbackOf = failedId;
  }
}
