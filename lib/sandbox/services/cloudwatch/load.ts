/**
 * The load generator (DojoSandbox.SetLoad): requests per second over simulated time, sent to an ECS service or to a
 * target group. AWS has no such operation — lessons use it to make a service busy. A load is a step function: each
 * call replaces what the target receives from its first step on (steps before it are kept, so metrics of the past
 * stay what they were). Input:
 *
 *     {"cluster": "default", "service": "web", "requestsPerSecond": 400}
 *     {"targetGroupArn": "arn:…:targetgroup/web/…", "schedule": [{"afterSeconds": 0, "requestsPerSecond": 400},
 *                                                                {"afterSeconds": 600, "requestsPerSecond": 0}]}
 *     {"targetGroupName": "web-tg", "requestsPerSecond": 400}
 *
 * (a target group by name: what a scenario file can say, since it cannot know the ARN the sandbox will give it).
 *
 * Output: `{"target": "service/default/web", "schedule": [{"at": <epoch s>, "requestsPerSecond": n}, …]}`.
 */
import { clusterNameOf } from "../../engine/deployments";
import { invalidParameter } from "../../engine/errors";
import { optObjectList, optString, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import type { LoadStep } from "./state";

/** Bounds a learner's load generator: at most this many steps kept per target, this rate, this far ahead. */
export const LOAD_LIMITS = {
  steps: 100,
  /** [inferred] enough to push a thousand tasks of the web image hard; far more than a lesson needs. */
  requestsPerSecond: 1_000_000,
  scheduleSeconds: 86_400,
  targets: 50,
} as const;

export const serviceLoadKey = (serviceKey: string) => `service:${serviceKey}`;
export const targetGroupLoadKey = (arn: string) => `targetgroup:${arn}`;

/** Requests per second the target receives at `atMs` (0 before its first step). */
export function loadAt(state: Pick<SandboxState, "cwLoads">, key: string, atMs: number): number {
  const record = peek(state.cwLoads, key);
  if (!record) return 0;
  let rate = 0;
  for (const step of record.steps) {
    if (step.atMs > atMs) break;
    rate = step.requestsPerSecond;
  }
  return rate;
}

function readRate(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > LOAD_LIMITS.requestsPerSecond) {
    throw invalidParameter(`${path} must be a number from 0 to ${LOAD_LIMITS.requestsPerSecond}.`);
  }
  return value;
}

/** The ARN of the target group called `name`; refused when there is none. */
function targetGroupNamed(state: SandboxState, name: string): string {
  const group = Object.values(state.elbTargetGroups).find((g) => g.name === name);
  if (!group) throw invalidParameter(`Target group '${name}' not found. Create it first (aws elbv2 create-target-group), or name it by targetGroupArn.`);
  return group.arn;
}

function setLoad(state: SandboxState, input: Input, clockMs: number): object {
  const groupName = optString(input, "targetGroupName");
  const groupArn = optString(input, "targetGroupArn") ?? (groupName === undefined ? undefined : targetGroupNamed(state, groupName));
  const serviceName = optString(input, "service");
  let key: string;
  let target: string;
  if (groupArn !== undefined) {
    if (!peek(state.elbTargetGroups, groupArn)) throw invalidParameter(`Target group '${groupArn}' not found.`);
    key = targetGroupLoadKey(groupArn);
    target = groupArn;
  } else if (serviceName !== undefined) {
    const cluster = clusterNameOf(optString(input, "cluster") ?? "default");
    const name = serviceName.includes("/") ? serviceName.slice(serviceName.lastIndexOf("/") + 1) : serviceName;
    const record = peek(state.services, `${cluster}/${name}`);
    if (!record || record.service.status === "INACTIVE") throw invalidParameter(`Service ${cluster}/${name} not found.`);
    key = serviceLoadKey(`${cluster}/${name}`);
    target = `service/${cluster}/${name}`;
  } else {
    throw invalidParameter("Give a service (with its cluster), a targetGroupArn or a targetGroupName to send the load to.");
  }
  const given = optObjectList(input, "schedule") ?? [{ afterSeconds: 0, requestsPerSecond: input.requestsPerSecond }];
  if (given.length === 0 || given.length > LOAD_LIMITS.steps) throw invalidParameter(`schedule must have 1 to ${LOAD_LIMITS.steps} steps.`);
  const steps: LoadStep[] = given.map((step, i) => {
    const after = step.afterSeconds ?? 0;
    if (typeof after !== "number" || !Number.isFinite(after) || after < 0 || after > LOAD_LIMITS.scheduleSeconds) {
      throw invalidParameter(`schedule[${i}].afterSeconds must be a number from 0 to ${LOAD_LIMITS.scheduleSeconds}.`);
    }
    return { atMs: clockMs + Math.round(after * 1000), requestsPerSecond: readRate(step.requestsPerSecond, `schedule[${i}].requestsPerSecond`) };
  });
  steps.sort((a, b) => a.atMs - b.atMs);
  const existing = state.cwLoads[key];
  if (!existing && Object.keys(state.cwLoads).length >= LOAD_LIMITS.targets) throw invalidParameter(`The sandbox keeps loads for at most ${LOAD_LIMITS.targets} targets.`);
  const kept = (existing?.steps ?? []).filter((step) => step.atMs < steps[0].atMs);
  state.cwLoads[key] = { key, steps: [...kept, ...steps].slice(-LOAD_LIMITS.steps) };
  return { target, schedule: state.cwLoads[key].steps.map((s) => ({ at: s.atMs / 1000, requestsPerSecond: s.requestsPerSecond })) };
}

export const loadOperations: Record<string, Operation> = {
  SetLoad: { readOnly: false, run: (state, input, clockMs) => setLoad(state, input, clockMs) },
};
