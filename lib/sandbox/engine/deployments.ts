/**
 * Service deployments: opening one (a new PRIMARY with its `ecs-svc/` id and its ServiceDeployment history entry),
 * the facts the scheduler asks of a service's tasks, and how deployments look in the API.
 */
import { serviceDeploymentArn, serviceRevisionArn, taskIdOf } from "./arns";
import { resolveProblems } from "./events";
import { targetsHealthy } from "./load-balancing";
import { nextDigits } from "./ids";
import { SANDBOX_LIMITS } from "./quotas";
import { circuitBreakerThreshold } from "./scheduler-rules";
import type { DeploymentRecord, SandboxState, ServiceRecord, TaskNote, WireDeployment, WireServiceDeployment, WireServiceRevision, WireTask } from "./state";
import { openShift, targetGroupsOf } from "./traffic-shift";
import { members, peek, reader } from "./transition";
import { epochSeconds } from "./wire";

export const TASK_FAILED_HEALTH_CHECKS = "Task failed container health checks";
export const scalingActivity = (deploymentId: string) => `Scaling activity initiated by (deployment ${deploymentId})`;
export const ROLLOUT_REASONS = {
  inProgress: (id: string) => `ECS deployment ${id} in progress.`,
  completed: (id: string) => `ECS deployment ${id} completed.`,
  failed: "ECS deployment circuit breaker: tasks failed to start.",
  rollingBack: (id: string) => `ECS deployment circuit breaker: rolling back to deploymentId ${id}.`,
};

const ACTIVE_DEPLOYMENT_STATES = ["PRIMARY", "ACTIVE"];

/** Opens a new PRIMARY deployment of the service's current configuration; the previous PRIMARY becomes ACTIVE. */
export function startDeployment(state: SandboxState, record: ServiceRecord, atMs: number, reason?: string): DeploymentRecord {
  const service = record.service;
  const id = `ecs-svc/${nextDigits(state, "deployment", 19)}`;
  const previous = record.deployments[0];
  if (previous) {
    previous.deployment.status = "ACTIVE";
    previous.deployment.updatedAt = epochSeconds(atMs);
    const entry = historyOf(record, previous.deployment.id!);
    if (entry && entry.status === "IN_PROGRESS") {
      entry.status = "STOPPED";
      entry.statusReason = "A newer deployment replaced this one.";
      entry.stoppedAt = epochSeconds(atMs);
      entry.updatedAt = epochSeconds(atMs);
    }
  }
  const deployment: WireDeployment = {
    id,
    status: "PRIMARY",
    taskDefinition: service.taskDefinition,
    desiredCount: service.desiredCount,
    pendingCount: 0,
    runningCount: 0,
    failedTasks: 0,
    createdAt: epochSeconds(atMs),
    updatedAt: epochSeconds(atMs),
    ...(service.launchType ? { launchType: service.launchType } : { capacityProviderStrategy: service.capacityProviderStrategy }),
    ...(service.platformVersion ? { platformVersion: service.platformVersion, platformFamily: service.platformFamily } : {}),
    ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
    rolloutState: "IN_PROGRESS",
    rolloutStateReason: reason ?? ROLLOUT_REASONS.inProgress(id),
  };
  const created: DeploymentRecord = { deployment, failures: 0, hadHealthyTask: false };
  record.deployments.unshift(created);
  const clusterName = clusterNameOf(service.clusterArn!);
  const revisionArn = serviceRevisionArn(state, clusterName, service.serviceName!, id);
  const cb = service.deploymentConfiguration?.deploymentCircuitBreaker;
  record.history.push({
    serviceDeploymentArn: serviceDeploymentArn(state, clusterName, service.serviceName!, id),
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    createdAt: epochSeconds(atMs),
    startedAt: epochSeconds(atMs),
    updatedAt: epochSeconds(atMs),
    sourceServiceRevisions: previous
      ? [{ arn: serviceRevisionArn(state, clusterName, service.serviceName!, previous.deployment.id!), requestedTaskCount: 0, runningTaskCount: 0, pendingTaskCount: 0 }]
      : [],
    targetServiceRevision: {
      arn: revisionArn,
      requestedTaskCount: service.desiredCount,
      runningTaskCount: 0,
      pendingTaskCount: 0,
    },
    status: "IN_PROGRESS",
    deploymentConfiguration: service.deploymentConfiguration,
    deploymentCircuitBreaker: cb?.enable
      ? { status: "MONITORING", failureCount: 0, threshold: circuitBreakerThreshold(service.desiredCount ?? 0) }
      : { status: "DISABLED", failureCount: 0, threshold: 0 },
  });
  openShift(state, record, created, previous, atMs);
  const revisions = (record.revisions ??= []);
  revisions.push(presentRevision(record, created, revisionArn, atMs));
  // The sandbox remembers a service's newest deployments only (quotas.ts).
  const forgotten = record.history.length - SANDBOX_LIMITS.serviceDeploymentsKept;
  if (forgotten > 0) record.history.splice(0, forgotten);
  if (revisions.length > SANDBOX_LIMITS.serviceDeploymentsKept) revisions.splice(0, revisions.length - SANDBOX_LIMITS.serviceDeploymentsKept);
  // A new deployment resets start throttling (§5.5).
  record.startFailures = 0;
  record.nextStartAtMs = atMs;
  record.steady = false;
  resolveProblems(record, () => true);
  return created;
}

export function clusterNameOf(clusterArn: string): string {
  return clusterArn.slice(clusterArn.lastIndexOf("/") + 1);
}

export function historyOf(record: ServiceRecord, deploymentId: string) {
  return record.history.find((h) => h.serviceDeploymentArn!.endsWith(`/${deploymentId.replace("ecs-svc/", "")}`));
}

/**
 * Whether the scheduler may count the task toward minimumHealthyPercent: RUNNING, its container checks passed (or 40 s
 * after it started without them) and, behind a load balancer, every target of it healthy (load-balancing.ts). `note` is
 * the task's (read with the task: a loop over many tasks reads each note once).
 */
export function countsHealthy(state: SandboxState, task: WireTask, note: TaskNote | undefined, atMs: number): boolean {
  return (
    task.lastStatus === "RUNNING" &&
    task.healthStatus !== "UNHEALTHY" &&
    note?.healthyAtMs !== undefined &&
    note.healthyAtMs <= atMs &&
    targetsHealthy(state, note)
  );
}

export const deploymentOf = (state: SandboxState, task: WireTask) => peek(state.taskNotes, taskIdOf(task.taskArn!))?.deploymentId;

/** Services are stored by `<cluster name>/<service name>`. */
export function serviceKey(clusterName: string, serviceName: string): string {
  return `${clusterName}/${serviceName}`;
}

export function serviceKeyOf(record: ServiceRecord): string {
  return serviceKey(clusterNameOf(record.service.clusterArn!), record.service.serviceName!);
}

/** A service deployment as DescribeServiceDeployments shows it: revision task counts from the service's tasks now. */
export function presentServiceDeployment(state: SandboxState, record: ServiceRecord, entry: WireServiceDeployment): WireServiceDeployment {
  const read = reader(state.tasks);
  const note = reader(state.taskNotes);
  const counts = (revisionArn: string | undefined) => {
    const deploymentId = `ecs-svc/${(revisionArn ?? "").slice((revisionArn ?? "").lastIndexOf("/") + 1)}`;
    let running = 0;
    let pending = 0;
    for (const id of members(record.taskIds)) {
      const task = read(id);
      if (!task || task.desiredStatus !== "RUNNING" || note(id)?.deploymentId !== deploymentId) continue;
      if (task.lastStatus === "RUNNING") running += 1;
      else pending += 1;
    }
    return { runningTaskCount: running, pendingTaskCount: pending };
  };
  return {
    ...entry,
    sourceServiceRevisions: (entry.sourceServiceRevisions ?? []).map((r) => {
      const now = counts(r.arn);
      return { ...r, ...now, requestedTaskCount: now.runningTaskCount + now.pendingTaskCount };
    }),
    ...(entry.targetServiceRevision
      ? { targetServiceRevision: { ...entry.targetServiceRevision, ...counts(entry.targetServiceRevision.arn), requestedTaskCount: record.service.desiredCount } }
      : {}),
  };
}

/** Deployment counts as the API shows them, from the service's tasks. */
export function presentDeployments(state: SandboxState, record: ServiceRecord): WireDeployment[] {
  const counts = new Map<string, { running: number; pending: number; desired: number }>();
  const read = reader(state.tasks);
  const note = reader(state.taskNotes);
  for (const id of members(record.taskIds)) {
    const task = read(id);
    if (!task || task.desiredStatus !== "RUNNING") continue;
    const key = note(id)?.deploymentId ?? "";
    const c = counts.get(key) ?? { running: 0, pending: 0, desired: 0 };
    c.desired += 1;
    if (task.lastStatus === "RUNNING") c.running += 1;
    else c.pending += 1;
    counts.set(key, c);
  }
  return record.deployments
    .filter((d) => ACTIVE_DEPLOYMENT_STATES.includes(d.deployment.status ?? ""))
    .map((d, i) => {
      const c = counts.get(d.deployment.id!) ?? { running: 0, pending: 0, desired: 0 };
      return {
        ...d.deployment,
        desiredCount: i === 0 ? record.service.desiredCount : c.desired,
        runningCount: c.running,
        pendingCount: c.pending,
      };
    });
}

/**
 * A service revision as DescribeServiceRevisions shows it: the configuration the deployment runs, fixed when it opens,
 * with the target group each load balancer entry of this revision resolved to (blue/green: traffic-shift.ts).
 */
function presentRevision(record: ServiceRecord, created: DeploymentRecord, arn: string, atMs: number): WireServiceRevision {
  const service = record.service;
  const loadBalancers = service.loadBalancers ?? [];
  const groups = targetGroupsOf(record, created);
  return {
    serviceRevisionArn: arn,
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    taskDefinition: created.deployment.taskDefinition,
    ...(service.launchType ? { launchType: service.launchType } : { capacityProviderStrategy: service.capacityProviderStrategy }),
    ...(service.platformVersion ? { platformVersion: service.platformVersion, platformFamily: service.platformFamily } : {}),
    loadBalancers,
    serviceRegistries: service.serviceRegistries ?? [],
    ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
    createdAt: epochSeconds(atMs),
    ...(loadBalancers.some((lb) => lb.advancedConfiguration)
      ? {
          resolvedConfiguration: {
            loadBalancers: loadBalancers.map((lb, i) => ({ targetGroupArn: groups[i], productionListenerRule: lb.advancedConfiguration?.productionListenerRule })),
          },
        }
      : {}),
  };
}
