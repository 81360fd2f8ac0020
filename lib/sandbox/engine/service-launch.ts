/**
 * Starting a service's tasks: on Fargate, through the cluster's EC2 placement, or one per instance for DAEMON
 * services; placement problems become the service's events.
 */
import type { Account } from "./account";
import { taskIdOf } from "./arns";
import { placementsFor, type LaunchChoice } from "./capacity";
import { instancesOf } from "./container-instances";
import { clusterNameOf, deploymentOf, serviceKeyOf } from "./deployments";
import { EcsError } from "./errors";
import { reportProblem, resolveProblems, SERVICE_EVENTS } from "./events";
import type { FargateRefusal } from "./fargate-quota";
import { idOfInstanceArn } from "./ids";
import {
  firstFailure,
  place,
  PLACEMENT_FAILURES,
  readConstraints,
  reservationOf,
  SERVICE_DEFAULT_STRATEGY,
  type PlacementRequest,
} from "./placement";
import { FARGATE_REFUSALS, SANDBOX_FULL_REASON } from "./quotas";
import { roomForTasks } from "./sandbox-bounds";
import type { SandboxState, ServiceRecord, WireTask } from "./state";
import { findTaskDefinition } from "./task-definitions";
import { createTask, fargateRefusalFor, type TaskPlan } from "./task-creation";
import { LAUNCH_RETRY_MS } from "./scheduler-rules";
import { roleRefusalOf } from "./task-roles";
import { scheduleOnce } from "./timers";

/** DAEMON services run one task on each ACTIVE instance of the cluster that meets the constraints. */
export function daemonInstances(state: SandboxState, record: ServiceRecord) {
  const service = record.service;
  const definition = findTaskDefinition(state, service.taskDefinition!)?.taskDefinition;
  const constraints = readConstraints([...(definition?.placementConstraints ?? []), ...(service.placementConstraints ?? [])] as never, true)
    .filter((c) => c.type === "memberOf");
  const request: PlacementRequest = {
    clusterName: clusterNameOf(service.clusterArn!),
    reservation: { cpu: 0, memory: 0, ports: [], portsUdp: [] },
    constraints,
    strategies: [],
    group: `service:${service.serviceName}`,
    count: 1,
  };
  return instancesOf(state, request.clusterName).filter((r) => r.instance.status === "ACTIVE" && firstFailure(state, r, request, 0) === undefined);
}

/** Capacity the account or the sandbox lacks, as opposed to instances that do not fit the task. */
const CAPACITY_REASONS = [FARGATE_REFUSALS.vcpus.event, FARGATE_REFUSALS.taskTooLarge.event, FARGATE_REFUSALS.zone.event, SANDBOX_FULL_REASON];

/** Reports the reason tasks were not started, once; once tasks start again with nothing refused, it may come again. */
function reportCapacity(state: SandboxState, record: ServiceRecord, reason: string | undefined, started: number, atMs: number): void {
  const name = record.service.serviceName!;
  if (reason) reportProblem(state, record, SERVICE_EVENTS.unableToPlace(name, reason), atMs);
  else if (started > 0) resolveProblems(record, (m) => CAPACITY_REASONS.some((r) => m === SERVICE_EVENTS.unableToPlace(name, r)));
}

/** Starts up to `wanted` tasks of the PRIMARY deployment; reports why when they cannot be started or placed. */
export function launch(
  state: SandboxState,
  record: ServiceRecord,
  wanted: number,
  daemonTargets: ReturnType<typeof daemonInstances>,
  atMs: number,
  account: Account,
): string[] {
  const service = record.service;
  const name = service.serviceName!;
  const primaryId = record.deployments[0].deployment.id!;
  const definitionRecord = findTaskDefinition(state, service.taskDefinition!);
  if (!definitionRecord) return [];
  const failedToLaunch = (m: string) => m.startsWith(`(service ${name}) failed to launch a task`);
  const refusal = roleRefusalOf(state, definitionRecord.taskDefinition, account);
  if (refusal) {
    resolveProblems(record, (m) => failedToLaunch(m) && m !== SERVICE_EVENTS.failedToLaunch(name, refusal));
    reportProblem(state, record, SERVICE_EVENTS.failedToLaunch(name, refusal), atMs);
    scheduleOnce(state, serviceKeyOf(record), "service-check", atMs + LAUNCH_RETRY_MS);
    return [];
  }
  resolveProblems(record, failedToLaunch);
  const n = roomForTasks(state, wanted);
  const sandboxFull = n < wanted ? SANDBOX_FULL_REASON : undefined;
  const taskDefinition = definitionRecord.taskDefinition;
  const cluster = state.clusters[clusterNameOf(service.clusterArn!)];
  const choice: LaunchChoice = service.launchType
    ? { launchType: service.launchType as "FARGATE" | "EC2" }
    : { strategy: service.capacityProviderStrategy as never };
  const placements = placementsFor(choice, n);
  const propagated =
    service.propagateTags === "SERVICE" ? (service.tags ?? []) : service.propagateTags === "TASK_DEFINITION" ? definitionRecord.tags : [];
  const plan = (index: number): TaskPlan => ({
    cluster,
    taskDefinition,
    placement: placements[index],
    network: {
      subnets: service.networkConfiguration?.awsvpcConfiguration?.subnets ?? [],
      securityGroups: service.networkConfiguration?.awsvpcConfiguration?.securityGroups ?? [],
      assignPublicIp: service.networkConfiguration?.awsvpcConfiguration?.assignPublicIp,
    },
    overrides: { task: {}, containers: [] },
    platformVersion: service.platformVersion ?? "LATEST",
    group: `service:${name}`,
    startedBy: primaryId,
    tags: [...propagated, ...(service.enableECSManagedTags ? [{ key: "aws:ecs:serviceName", value: name }, { key: "aws:ecs:clusterName", value: cluster.clusterName }] : [])],
    enableExecuteCommand: service.enableExecuteCommand ?? false,
    serviceKey: serviceKeyOf(record),
  });
  const started: string[] = [];
  const adopt = (taskId: string) => {
    started.push(taskId);
    record.taskIds.push(taskId);
  };
  if (n === 0) {
    reportCapacity(state, record, sandboxFull, 0, atMs);
    return started;
  }
  if (placements[0].launchType === "FARGATE") {
    let refused: FargateRefusal | undefined;
    for (let i = 0; i < n; i++) {
      const refusal = fargateRefusalFor(state, plan(i));
      if (refusal) refused ??= refusal;
      else adopt(taskIdOf(createTask(state, plan(i), atMs).taskArn!));
    }
    reportCapacity(state, record, sandboxFull ?? (refused && FARGATE_REFUSALS[refused].event), started.length, atMs);
    return started;
  }
  if (service.schedulingStrategy === "DAEMON") {
    const covered = new Set(
      record.taskIds
        .map((id) => state.tasks[id])
        .filter((t): t is WireTask => t?.desiredStatus === "RUNNING" && deploymentOf(state, t) === primaryId)
        .map((t) => t.containerInstanceArn),
    );
    const reservation = reservationOf(taskDefinition);
    for (const target of daemonTargets) {
      if (started.length >= n || covered.has(target.instance.containerInstanceArn)) continue;
      const failure = firstFailure(state, target, { clusterName: cluster.clusterName!, reservation, constraints: [], strategies: [], group: `service:${name}`, count: 1 }, 0);
      if (failure) {
        reportProblem(state, record, SERVICE_EVENTS.closestInstance(name, idOfInstanceArn(target.instance.containerInstanceArn!), PLACEMENT_FAILURES[failure].event), atMs);
        continue;
      }
      adopt(taskIdOf(createTask(state, plan(started.length), atMs, target).taskArn!));
    }
    reportCapacity(state, record, sandboxFull, started.length, atMs);
    return started;
  }
  const request: PlacementRequest = {
    clusterName: cluster.clusterName!,
    reservation: reservationOf(taskDefinition),
    constraints: readConstraints([...(taskDefinition.placementConstraints ?? []), ...(service.placementConstraints ?? [])] as never, true),
    strategies: service.placementStrategy?.length ? service.placementStrategy : SERVICE_DEFAULT_STRATEGY,
    group: `service:${name}`,
    count: n,
  };
  let results;
  try {
    results = place(state, request, (instance) => adopt(taskIdOf(createTask(state, plan(started.length), atMs, instance).taskArn!)));
  } catch (error) {
    if (!(error instanceof EcsError)) throw error;
    reportProblem(state, record, SERVICE_EVENTS.noContainerInstances(name), atMs);
    return started;
  }
  const failed = results.find((r) => !r.placed);
  if (failed && !failed.placed && failed.instance && failed.failure) {
    const message = SERVICE_EVENTS.closestInstance(name, idOfInstanceArn(failed.instance.instance.containerInstanceArn!), PLACEMENT_FAILURES[failed.failure].event);
    resolveProblems(record, (m) => m.includes("was unable to place a task because") && m !== message);
    reportProblem(state, record, message, atMs);
  } else if (started.length > 0) {
    resolveProblems(record, (m) => m.includes("was unable to place a task because"));
  }
  reportCapacity(state, record, sandboxFull, started.length, atMs);
  return started;
}
