/**
 * What a target's health check finds, as time segments (health.ts plans the checks from them). The sandbox has no
 * real network: a target is an ECS task's address (its ENI's IP, or a container instance's EC2 id and a host port),
 * and what it answers comes from the task's simulated workload (engine/workloads.ts, recorded on the task when its
 * containers started: engine/load-balancing.ts `endpoints`):
 *
 * | The check …                                                           | finds                                              |
 * |-----------------------------------------------------------------------|----------------------------------------------------|
 * | at an address no running task has                                     | no answer: Target.Timeout "Request timed out"      |
 * | blocked by the task's security groups (no inbound rule for the port    | no answer: Target.Timeout                          |
 * |   from the load balancer's groups or subnets)                          |                                                    |
 * | on a port no container of the task listens on, or a stopped container  | refused: Target.FailedHealthChecks                 |
 * | TCP (NLB target groups) on a listening port                            | a connection: passes                               |
 * | HTTP before the workload is ready (slowstart: STARTUP_SECONDS)         | 503                                                |
 * | HTTP once ready, path `/` or `/health` (the catalog's servers)          | 200                                                |
 * | HTTP once ready, any other path                                        | 404                                                |
 * | HTTP at a container that speaks no HTTP (the log router)               | Target.FailedHealthChecks                          |
 *
 * A code the group's matcher does not accept is Target.ResponseCodeMismatch "Health checks failed with these codes:
 * [code]". Security groups are checked only when the task's groups exist in the sandbox's EC2 (made-up ids in older
 * tests and scenarios are taken to allow the traffic, as made-up subnets are taken to be public).
 * [inferred]: which failures show as timeouts and which as refusals follows how TCP behaves (a security group drops
 * packets, a closed port resets the connection); the paths follow the curriculum's image catalog (§3.2).
 */
import { impairedSince } from "../../engine/impaired-zones";
import { peek, reader } from "../../engine/transition";
import type { SandboxState, TaskNote, WireTask } from "../../engine/state";
import { findResource } from "../ec2/resources";
import { cidrContains } from "../ec2/security-groups";
import { loadBalancersOf } from "./common";
import { VERDICTS, type Segment, type Verdict } from "./health";
import type { ElbTargetGroupRecord, ElbTargetRecord } from "./state";
import { zoneOfTarget } from "./zones";

const ALWAYS = Number.NEGATIVE_INFINITY;
const HEALTHY_PATHS = new Set(["/", "/health"]);

/** The health-check port of a target: the target's own ("traffic-port") or the group's fixed one. */
export function healthCheckPortOf(group: ElbTargetGroupRecord, target: Pick<ElbTargetRecord, "port">): number {
  return group.healthCheck.port === "traffic-port" ? target.port : Number(group.healthCheck.port);
}

/** Whether an HTTP code passes a matcher ("200", "200,202", "200-299"). */
export function matcherAccepts(matcher: string, code: number): boolean {
  return matcher.split(",").some((part) => {
    const [from, to] = part.trim().split("-").map(Number);
    return to === undefined ? code === from : code >= from && code <= to;
  });
}

/** A running task whose ENI has this address (tasks are peeked at: reading them through a draft would copy each one). */
export function taskAtAddress(state: SandboxState, ip: string): string | undefined {
  for (const id of Object.keys(state.tasks)) {
    const task = peek(state.tasks, id)!;
    if (task.lastStatus === "STOPPED") continue;
    const eni = task.attachments?.find((a) => a.type === "ElasticNetworkInterface");
    if (eni?.details?.some((d) => d.name === "privateIPv4Address" && d.value === ip)) return id;
  }
  return undefined;
}

/** The task of a container instance (by its EC2 id) that binds `hostPort`, and the container port behind it. */
function taskOnInstance(state: SandboxState, instanceId: string, hostPort: number): { taskId: string; containerPort: number } | undefined {
  // Peeked at, not drafted (Object.values of the draft would draft every instance of the sandbox on every replan).
  const instance = reader(state.containerInstances);
  const record = Object.keys(state.containerInstances)
    .map((id) => instance(id)!)
    .find((r) => r.instance.ec2InstanceId === instanceId);
  for (const taskId of record?.taskIds ?? []) {
    const task = peek(state.tasks, taskId);
    for (const container of task?.containers ?? []) {
      const binding = container.networkBindings?.find((b) => b.hostPort === hostPort);
      if (binding?.containerPort !== undefined) return { taskId, containerPort: binding.containerPort };
    }
  }
  return undefined;
}

/** Whether the task's security groups let the load balancers' health checks in on `port` (see the table above). */
function admitted(state: SandboxState, group: ElbTargetGroupRecord, note: TaskNote | undefined, port: number): boolean {
  const groupIds = note?.awsvpc?.securityGroups ?? [];
  const groups = groupIds.map((id) => findResource(state, "security-group", id));
  if (groups.length === 0 || groups.some((g) => g === undefined)) return true;
  const loadBalancers = loadBalancersOf(state, group.arn).map((arn) => state.elbLoadBalancers[arn]);
  const sourceGroups = loadBalancers.flatMap((lb) => lb?.securityGroups ?? []);
  const sourceCidrs = loadBalancers.flatMap((lb) => lb?.zones ?? []).map((z) => findResource(state, "subnet", z.subnetId)?.CidrBlock).filter((c): c is string => c !== undefined);
  return groups.some((g) =>
    g!.rules.some(
      (r) =>
        !r.egress &&
        (r.protocol === "-1" || (r.protocol === "tcp" && (r.fromPort ?? 0) <= port && port <= (r.toPort ?? 65535))) &&
        ((r.groupId !== undefined && sourceGroups.includes(r.groupId)) ||
          (r.cidrIpv4 !== undefined && sourceCidrs.length > 0 && sourceCidrs.every((cidr) => cidrContains(r.cidrIpv4!, cidr)))),
    ),
  );
}

const always = (verdict: Verdict | null): Segment[] => [{ fromMs: ALWAYS, verdict }];

/**
 * What the target's health checks answer over time. In an impaired Availability Zone (engine/zone-impairment.ts)
 * nothing answers from the moment it was impaired: Target.Timeout.
 */
export function probeTarget(state: SandboxState, group: ElbTargetGroupRecord, target: ElbTargetRecord): Segment[] {
  const segments = probeWorkload(state, group, target);
  const since = impairedSince(state, zoneOfTarget(state, target));
  return since === undefined ? segments : [...segments.filter((s) => s.fromMs < since), { fromMs: since, verdict: VERDICTS.timeout }];
}

function probeWorkload(state: SandboxState, group: ElbTargetGroupRecord, target: ElbTargetRecord): Segment[] {
  const port = healthCheckPortOf(group, target);
  let taskId: string | undefined;
  let containerPort = port;
  if (group.targetType === "ip") {
    taskId = target.taskId && peek(state.tasks, target.taskId)?.lastStatus !== "STOPPED" ? target.taskId : taskAtAddress(state, target.id);
    if (taskId === undefined) return always(VERDICTS.timeout);
  } else {
    const found = taskOnInstance(state, target.id, port);
    if (!found) return always(VERDICTS.failed);
    taskId = found.taskId;
    containerPort = found.containerPort;
  }
  const task: WireTask | undefined = peek(state.tasks, taskId);
  const note = peek(state.taskNotes, taskId);
  if (!task) return always(VERDICTS.timeout);
  if (group.targetType === "ip" && !admitted(state, group, note, port)) return always(VERDICTS.timeout);
  const index = (note?.endpoints ?? []).findIndex((e) => e.ports.includes(containerPort));
  const endpoint = note?.endpoints?.[index];
  if (!endpoint || task.containers?.[index]?.lastStatus !== "RUNNING") return always(VERDICTS.failed);
  if (group.healthCheck.protocol !== "HTTP" && group.healthCheck.protocol !== "HTTPS") return always(null);
  if (!endpoint.http) return always(VERDICTS.failed);
  const path = (group.healthCheck.path ?? "/").split("?")[0];
  const verdictOf = (code: number) => (matcherAccepts(group.healthCheck.matcher ?? "200", code) ? null : VERDICTS.codes(code));
  const starting = verdictOf(503);
  if (endpoint.readyAtMs === null) return always(starting);
  return [
    { fromMs: ALWAYS, verdict: starting },
    { fromMs: endpoint.readyAtMs, verdict: verdictOf(HEALTHY_PATHS.has(path) ? 200 : 404) },
  ];
}
