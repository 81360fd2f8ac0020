/**
 * Starting a service's tasks: on Fargate, through the cluster's EC2 placement, or one per instance for DAEMON
 * services; placement problems become the service's events.
 */
import { taskIdOf } from "./arns";
import { placementsFor, type LaunchChoice } from "./capacity";
import { instancesOf } from "./container-instances";
import { clusterNameOf, deploymentOf, serviceKeyOf } from "./deployments";
import { EcsError } from "./errors";
import { reportProblem, resolveProblems, SERVICE_EVENTS } from "./events";
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
import type { SandboxState, ServiceRecord } from "./state";
import { findTaskDefinition } from "./task-definitions";
import { createTask, type TaskPlan } from "./task-creation";

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

/** Starts up to n tasks of the PRIMARY deployment; reports why when they cannot be placed. */
export function launch(state: SandboxState, record: ServiceRecord, n: number, daemonTargets: ReturnType<typeof daemonInstances>, atMs: number): string[] {
  const service = record.service;
  const name = service.serviceName!;
  const primaryId = record.deployments[0].deployment.id!;
  const definitionRecord = findTaskDefinition(state, service.taskDefinition!);
  if (!definitionRecord) return [];
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
    subnets: service.networkConfiguration?.awsvpcConfiguration?.subnets ?? [],
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
  if (placements[0].launchType === "FARGATE") {
    for (let i = 0; i < n; i++) adopt(taskIdOf(createTask(state, plan(i), atMs).taskArn!));
    return started;
  }
  if (service.schedulingStrategy === "DAEMON") {
    const covered = new Set(
      record.taskIds
        .map((id) => state.tasks[id])
        .filter((t) => t?.desiredStatus === "RUNNING" && deploymentOf(state, t) === primaryId)
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
  return started;
}
