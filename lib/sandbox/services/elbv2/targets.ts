/**
 * Targets: RegisterTargets, DeregisterTargets, DescribeTargetHealth. An `ip` target is an address in the target
 * group's VPC (its zone is the subnet's; an address outside the VPC needs AvailabilityZone) — usually an ECS task's
 * ENI; an `instance` target is one of the sandbox's EC2 container instances. Health moves on the simulated clock
 * (health.ts); deregistering drains the target for the group's deregistration delay.
 */
import type { Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { findResource, listResources } from "../ec2/resources";
import { cidrContains } from "../ec2/security-groups";
import { bounded, int, list, requiredStr, str, throwIfFailed } from "./common";
import { constraint, invalidTarget, notAnIpAddress, tooManyTargets, validation, validationFailed, zoneRequiredOutsideVpc } from "./errors";
import { drainTarget, HEALTH, replanTarget } from "./health";
import { targetAdded, targetCount, targetKeysOf, targetRemoved } from "./target-index";
import { healthCheckPortOf, taskAtAddress } from "./probe";
import { ELB_QUOTAS, ELB_SANDBOX_LIMITS, sandboxLimitText } from "./quotas";
import type { ElbTargetGroupRecord, ElbTargetRecord, TargetHealthState } from "./state";
import { targetKey } from "./state";
import { deregistrationDelayMs, requireTargetGroup } from "./target-groups";
import { EcsError } from "../../engine/errors";

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** [observed] what DescribeTargetHealth has shown on every target since zonal shift (2023). */
const NO_OVERRIDE = { State: "no_override", Reason: "AdministrativeOverride.NoOverride", Description: "No override is currently active on target" };

interface TargetInput {
  id: string;
  port: number;
  availabilityZone?: string;
}

function readTargets(input: Input, group: ElbTargetGroupRecord): TargetInput[] {
  const given = list<Input>(input, "Targets");
  if (!given || given.length === 0) throw validationFailed([constraint.notNull("targets")]);
  const failures: string[] = [];
  const targets = given.map((target, i) => {
    const id = str(target, "Id");
    if (id === undefined) failures.push(constraint.notNull(`targets.${i + 1}.member.id`));
    const port = int(target, "Port");
    bounded(port, `targets.${i + 1}.member.port`, 1, 65535, failures);
    return { id: id ?? "", port: port ?? group.port, availabilityZone: str(target, "AvailabilityZone") };
  });
  throwIfFailed(failures);
  return targets;
}

/**
 * Where a target is: the zone of its subnet (an ip target in the VPC) or of its container instance. ECS's own
 * registrations (`byEcs`) name the zone of the task's subnet and are taken as they are.
 */
function locate(state: SandboxState, group: ElbTargetGroupRecord, target: TargetInput, byEcs: boolean): { availabilityZone?: string; taskId?: string } {
  if (byEcs) return { availabilityZone: target.availabilityZone };
  if (group.targetType === "instance") {
    const instance = Object.values(state.containerInstances).find((r) => r.instance.ec2InstanceId === target.id);
    if (!instance) throw invalidTarget();
    const zone = instance.instance.attributes?.find((a) => a.name === "ecs.availability-zone")?.value;
    return { availabilityZone: zone ?? undefined };
  }
  if (!IPV4.test(target.id)) throw notAnIpAddress(target.id);
  const vpc = findResource(state, "vpc", group.vpcId);
  const inVpc = vpc !== undefined && cidrContains(vpc.CidrBlock, `${target.id}/32`);
  if (!inVpc) {
    if (!target.availabilityZone) throw zoneRequiredOutsideVpc(target.id);
    return { availabilityZone: target.availabilityZone };
  }
  const subnet = listResources(state, "subnet").find((s) => s.VpcId === group.vpcId && cidrContains(s.CidrBlock, `${target.id}/32`));
  if (target.availabilityZone && subnet && target.availabilityZone !== subnet.AvailabilityZone) {
    // [observed] aws-load-balancer-controller#561: "The IP address '10.x.x.x' is within the VPC, and cannot have its Availability Zone overridden to 'all' from 'us-east-1b'".
    throw validation(`The IP address '${target.id}' is within the VPC, and cannot have its Availability Zone overridden to '${target.availabilityZone}' from '${subnet.AvailabilityZone}'`);
  }
  // An ECS task's address may lie outside every subnet block (the sandbox's ENIs): its subnet's zone, as ECS gives it.
  return { availabilityZone: subnet?.AvailabilityZone ?? target.availabilityZone, taskId: taskAtAddress(state, target.id) };
}

/**
 * Registers targets (a target already registered and not draining is left as it is; a draining one starts over).
 * `taskId`: the ECS task a target stands for when ECS registers it. Returns the keys registered.
 */
export function registerTargets(state: SandboxState, group: ElbTargetGroupRecord, targets: (TargetInput & { taskId?: string })[], nowMs: number): string[] {
  const located = targets.map((t) => ({ ...t, ...locate(state, group, t, t.taskId !== undefined), ...(t.taskId ? { taskId: t.taskId } : {}) }));
  const fresh = located.filter((t) => {
    const existing = state.elbTargets[targetKey(group.arn, t.id, t.port)];
    return !existing || existing.health.state === "draining";
  });
  const inGroup = targetKeysOf(state, group.arn).length;
  if (inGroup + fresh.length > ELB_QUOTAS.targetsPerTargetGroup) throw tooManyTargets();
  if (targetCount(state) + fresh.length > ELB_SANDBOX_LIMITS.targets) {
    throw new EcsError("TooManyTargetsException", sandboxLimitText("load balancer targets", ELB_SANDBOX_LIMITS.targets));
  }
  const keys: string[] = [];
  for (const target of fresh) {
    const key = targetKey(group.arn, target.id, target.port);
    const record: ElbTargetRecord = {
      targetGroupArn: group.arn,
      id: target.id,
      port: target.port,
      ...(target.availabilityZone ? { availabilityZone: target.availabilityZone } : {}),
      registeredAtMs: nowMs,
      health: { ...HEALTH.registering },
      plan: [],
      ...(target.taskId ? { taskId: target.taskId } : {}),
    };
    const previous = peek(state.elbTargets, key);
    delete state.elbTargets[key];
    if (previous) targetRemoved(state, key, previous.taskId);
    state.elbTargets[key] = record;
    targetAdded(state, key, target.taskId, record.health);
    replanTarget(state, key, nowMs, true);
    keys.push(key);
  }
  return keys;
}

const registerTargetsOperation: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const group = requireTargetGroup(state, requiredStr(input, "TargetGroupArn"));
    registerTargets(state, group, readTargets(input, group), clockMs);
    return {};
  },
};

const deregisterTargetsOperation: Operation = {
  readOnly: false,
  run(state: SandboxState, input, clockMs) {
    const group = requireTargetGroup(state, requiredStr(input, "TargetGroupArn"));
    const targets = readTargets(input, group);
    const keys = targets.map((t) => targetKey(group.arn, t.id, t.port));
    if (keys.some((key) => !state.elbTargets[key])) throw invalidTarget();
    for (const key of keys) drainTarget(state, key, clockMs, deregistrationDelayMs(group));
    return {};
  },
};

function describe(group: ElbTargetGroupRecord, target: Pick<ElbTargetRecord, "id" | "port" | "availabilityZone">, health: TargetHealthState): object {
  return {
    Target: { Id: target.id, Port: target.port, ...(group.targetType === "ip" && target.availabilityZone ? { AvailabilityZone: target.availabilityZone } : {}) },
    HealthCheckPort: String(healthCheckPortOf(group, target)),
    TargetHealth: { State: health.state, ...(health.reason ? { Reason: health.reason } : {}), ...(health.description ? { Description: health.description } : {}) },
    AdministrativeOverride: NO_OVERRIDE,
  };
}

const describeTargetHealth: Operation = {
  readOnly: true,
  run(state: SandboxState, input) {
    const group = requireTargetGroup(state, requiredStr(input, "TargetGroupArn"));
    const asked = list<Input>(input, "Targets") ? readTargets(input, group) : undefined;
    if (asked) {
      return {
        TargetHealthDescriptions: asked.map((t) => {
          const target = peek(state.elbTargets, targetKey(group.arn, t.id, t.port));
          return target ? describe(group, target, target.health) : describe(group, t, HEALTH.notRegistered);
        }),
      };
    }
    return {
      TargetHealthDescriptions: targetKeysOf(state, group.arn).map((key) => {
        const target = peek(state.elbTargets, key)!;
        return describe(group, target, target.health);
      }),
    };
  },
};

export const targetOperations: Record<string, Operation> = {
  RegisterTargets: registerTargetsOperation,
  DeregisterTargets: deregisterTargetsOperation,
  DescribeTargetHealth: describeTargetHealth,
};
