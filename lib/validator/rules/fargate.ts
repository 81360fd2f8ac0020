/** Section J: what Fargate and Windows demand beyond the task size (which lives in task-size.ts). */
import { keySpan, valueSpan, type ContainerView, type RuleContext } from "../engine/context";
import { addMemberFix, removeMemberFix, replaceValueFix } from "../engine/fixes";
import type { RuleDefinition } from "../engine/rule";
import { parseTaskCpu, parseTaskMemory } from "../fargate/sizes";
import type { JsonProp } from "../json/tree";
import { at, bool, defineRule, int, linuxParameters, list, obj, objectsOf, str, top } from "./define";

export const fargateNetworkMode: RuleDefinition<"FG-NETWORKMODE"> = {
  id: "FG-NETWORKMODE",
  level: "error",
  stage: "service",
  section: "J",
  source: "[AWS-obs] aws/amazon-ecs-cli#1145, cdk-preflight pf-ecs-fargate-network-mode; cfn-lint E3048",
  docs: { lesson: "L302" },
  awsErrorType: "ClientException",
  check(ctx) {
    const view = ctx.taskDefinition;
    if (!view.object || !view.fargate) return;
    const mode = ctx.field(view.object, "networkMode", "string");
    if (mode.state === "absent") {
      const fix = addMemberFix(ctx.text, ["networkMode"], "awsvpc");
      ctx.report("FG-NETWORKMODE", {}, view.fargateSpan, ["networkMode"], fix && [fix]);
    } else if (mode.state === "ok" && mode.value !== "awsvpc") {
      ctx.report("FG-NETWORKMODE", { networkMode: mode.value }, valueSpan(mode.node), ["networkMode"], [replaceValueFix(mode.node, "awsvpc")]);
    }
  },
};

function propOf(object: import("../json/tree").JsonNode | undefined, member: string): JsonProp | undefined {
  return object?.props?.find((p) => p.key === member && p.node.kind !== "null");
}

function removable(ctx: RuleContext, path: (string | number)[]) {
  const fix = removeMemberFix(ctx.text, path);
  return fix ? [fix] : undefined;
}

export const fargatePlacementConstraints = defineRule("FG-PLACEMENT-CONSTRAINTS", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-placement-constraints; cfn-lint E3048", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  const constraints = list(ctx, top(ctx), "placementConstraints");
  // An empty list constrains nothing; cfn-lint's error on [] is a false alarm.
  if (constraints && constraints.value.length > 0) ctx.report("FG-PLACEMENT-CONSTRAINTS", {}, constraints.span, ["placementConstraints"], removable(ctx, ["placementConstraints"]));
});

export const fargatePrivileged = defineRule("FG-PRIVILEGED", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-privileged", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  for (const container of ctx.taskDefinition.containers) {
    const privileged = bool(ctx, container.node, "privileged");
    if (privileged?.value === true) ctx.report("FG-PRIVILEGED", { container: container.label }, privileged.span, at(container, "privileged"), [replaceValueFix(privileged.node, false)]);
  }
});

export const fargatePidMode = defineRule("FG-PIDMODE", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-pid-mode-host; moto", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  const pid = str(ctx, top(ctx), "pidMode");
  if (pid && pid.value !== "task") ctx.report("FG-PIDMODE", { value: pid.value }, pid.span, ["pidMode"], [replaceValueFix(pid.node, "task")]);
});

export const fargateIpcMode = defineRule("FG-IPCMODE", "error", "J", "[AWS-obs] cn-terraform/terraform-aws-ecs-fargate#2", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  const prop = propOf(top(ctx), "ipcMode");
  if (prop) ctx.report("FG-IPCMODE", {}, keySpan(prop), ["ipcMode"], removable(ctx, ["ipcMode"]));
});

export const fargateDockerVolume = defineRule("FG-DOCKER-VOLUME", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-docker-volume", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  for (const { node, index } of objectsOf(ctx, top(ctx), "volumes")) {
    const prop = propOf(node, "dockerVolumeConfiguration");
    if (prop) ctx.report("FG-DOCKER-VOLUME", {}, keySpan(prop), ["volumes", index, "dockerVolumeConfiguration"]);
  }
});

export const fargateHostSourcePath = defineRule("FG-HOST-SOURCEPATH", "error", "J", "[AWS-obs] cloudposse/terraform-aws-ecs-alb-service-task#174, aws/amazon-ecs-cli#501", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  for (const { node, index } of objectsOf(ctx, top(ctx), "volumes")) {
    const prop = propOf(obj(ctx, node, "host")?.value, "sourcePath");
    if (prop) ctx.report("FG-HOST-SOURCEPATH", {}, keySpan(prop), ["volumes", index, "host", "sourcePath"], removable(ctx, ["volumes", index, "host", "sourcePath"]));
  }
});

/** A linuxParameters member Fargate does not support. */
function fargateLinuxParameter(id: "FG-DEVICES" | "FG-SHM" | "FG-MAXSWAP" | "FG-TMPFS", members: readonly string[]) {
  return (ctx: RuleContext) => {
    if (!ctx.taskDefinition.fargate) return;
    for (const container of ctx.taskDefinition.containers) {
      for (const member of members) {
        const prop = propOf(linuxParameters(ctx, container), member);
        if (prop) ctx.report(id, { member }, keySpan(prop), at(container, "linuxParameters", member), removable(ctx, at(container, "linuxParameters", member)));
      }
    }
  };
}

export const fargateDevices = defineRule("FG-DEVICES", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-devices", fargateLinuxParameter("FG-DEVICES", ["devices"]));
export const fargateSharedMemory = defineRule("FG-SHM", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-shared-memory-size", fargateLinuxParameter("FG-SHM", ["sharedMemorySize"]));
export const fargateMaxSwap = defineRule("FG-MAXSWAP", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-max-swap (maxSwap); [AWS-doc] (swappiness)", fargateLinuxParameter("FG-MAXSWAP", ["maxSwap", "swappiness"]));
export const fargateTmpfs = defineRule("FG-TMPFS", "error", "J", "[AWS-doc] fargate-tasks-services", fargateLinuxParameter("FG-TMPFS", ["tmpfs"]));

export const fargateDockerSecurityOptions = defineRule("FG-DOCKERSECOPTS", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-docker-security-options", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  for (const container of ctx.taskDefinition.containers) {
    const options = list(ctx, container.node, "dockerSecurityOptions");
    if (options && options.value.length > 0) ctx.report("FG-DOCKERSECOPTS", {}, options.span, at(container, "dockerSecurityOptions"), removable(ctx, at(container, "dockerSecurityOptions")));
  }
});

export const fargateGpu = defineRule("FG-GPU", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-gpu-resource", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  for (const container of ctx.taskDefinition.containers) {
    for (const { node, index } of objectsOf(ctx, container.node, "resourceRequirements")) {
      const type = str(ctx, node, "type");
      if (type?.value === "GPU") ctx.report("FG-GPU", {}, type.span, at(container, "resourceRequirements", index, "type"));
    }
  }
});

export const fargateStopTimeout = defineRule("FG-STOPTIMEOUT", "error", "J", "[AWS-doc] ContainerDefinition.stopTimeout", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  for (const container of ctx.taskDefinition.containers) {
    const timeout = int(ctx, container.node, "stopTimeout");
    if (timeout && (timeout.value < 2 || timeout.value > 120)) {
      ctx.report("FG-STOPTIMEOUT", { container: container.label, value: timeout.value }, timeout.span, at(container, "stopTimeout"), [replaceValueFix(timeout.node, Math.min(120, Math.max(2, timeout.value)))]);
    }
  }
});

/** Fargate Windows sizes: 1, 2 or 4 vCPU, each with its Linux memory range (validator-rules.md FG-WINDOWS-SIZE). */
const WINDOWS_FARGATE_CPU = [1024, 2048, 4096];

export const fargateWindowsSize = defineRule("FG-WINDOWS-SIZE", "error", "J", "[AWS-obs] cdk-preflight pf-ecs-fargate-windows-cpu-under-1vcpu; [AWS-doc] fargate-tasks-services; CDK", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.fargate || !view.windows) return;
  const cpu = str(ctx, view.object, "cpu");
  const memory = str(ctx, view.object, "memory");
  const units = cpu && parseTaskCpu(cpu.value);
  const mib = memory && parseTaskMemory(memory.value);
  const platform = obj(ctx, view.object, "runtimePlatform")?.value;
  const arch = str(ctx, platform, "cpuArchitecture");
  if (arch?.value === "ARM64") ctx.report("FG-WINDOWS-SIZE", { cpu: units ?? 0, memory: mib ?? 0, problem: "arch" }, arch.span, ["runtimePlatform", "cpuArchitecture"], [replaceValueFix(arch.node, "X86_64")]);
  if (cpu && units !== undefined && !WINDOWS_FARGATE_CPU.includes(units)) {
    const nearest = WINDOWS_FARGATE_CPU.find((value) => value >= units) ?? 4096;
    ctx.report("FG-WINDOWS-SIZE", { cpu: units, memory: mib ?? 0, problem: "cpu" }, cpu.span, ["cpu"], [replaceValueFix(cpu.node, String(nearest))]);
  }
});

/** Container members the Windows documentation lists as unsupported (validator-rules.md WIN-UNSUPPORTED). */
const WINDOWS_UNSUPPORTED_CONTAINER = ["linuxParameters", "links", "privileged", "readonlyRootFilesystem", "dnsServers", "dnsSearchDomains", "extraHosts", "disableNetworking", "ulimits", "systemControls"];
const WINDOWS_UNSUPPORTED_TASK = ["pidMode", "ipcMode"];

export const windowsUnsupported = defineRule("WIN-UNSUPPORTED", "error", "J", "[AWS-doc] ContainerDefinition field notes", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.windows) return;
  // On Fargate the registration fails; on EC2 Windows the task fails when it starts.
  const report = (prop: JsonProp, path: (string | number)[], container?: ContainerView) => {
    if (prop.node.kind === "boolean" && prop.node.value === false) return;
    const finding = ctx.report("WIN-UNSUPPORTED", { member: prop.key, container: container?.label }, keySpan(prop), path, removable(ctx, path));
    if (!view.fargate) {
      finding.level = "runtime";
      finding.stage = "runtime";
    }
  };
  for (const member of WINDOWS_UNSUPPORTED_TASK) {
    const prop = propOf(view.object, member);
    if (prop) report(prop, [member]);
  }
  for (const container of view.containers) {
    for (const member of WINDOWS_UNSUPPORTED_CONTAINER) {
      const prop = propOf(container.node, member);
      if (prop) report(prop, at(container, member), container);
    }
  }
});

export const windowsNetworkModeEc2 = defineRule("WIN-NETWORKMODE-EC2", "runtime", "J", "[AWS-doc] RegisterTaskDefinition.networkMode", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.windows || view.fargate) return;
  const mode = str(ctx, view.object, "networkMode");
  if (mode && mode.value !== "awsvpc" && mode.value !== "default") ctx.report("WIN-NETWORKMODE-EC2", { value: mode.value }, mode.span, ["networkMode"], removable(ctx, ["networkMode"]));
});

export const windowsTaskSizeIgnored = defineRule("WIN-TASK-SIZE-IGNORED", "warning", "J", "[AWS-doc] Windows containers", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.windows || view.fargate) return;
  for (const member of ["cpu", "memory"]) {
    const prop = propOf(view.object, member);
    if (prop) ctx.report("WIN-TASK-SIZE-IGNORED", { member }, keySpan(prop), [member]);
  }
});

export const fargateRules = [
  fargateNetworkMode,
  fargatePlacementConstraints,
  fargatePrivileged,
  fargatePidMode,
  fargateIpcMode,
  fargateDockerVolume,
  fargateHostSourcePath,
  fargateDevices,
  fargateSharedMemory,
  fargateMaxSwap,
  fargateTmpfs,
  fargateDockerSecurityOptions,
  fargateGpu,
  fargateStopTimeout,
  fargateWindowsSize,
  windowsUnsupported,
  windowsNetworkModeEc2,
  windowsTaskSizeIgnored,
];

