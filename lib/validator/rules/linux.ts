/** Section H: Linux parameters, ulimits, sysctls, the restart policy and other container settings. */
import { keySpan, type ContainerView, type RuleContext } from "../engine/context";
import { replaceValueFix } from "../engine/fixes";
import { at, bool, defineRule, int, linuxParameters, list, obj, objectsOf, present, str, stringsOf } from "./define";

export const CAPABILITIES = [
  "ALL", "AUDIT_CONTROL", "AUDIT_WRITE", "BLOCK_SUSPEND", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK",
  "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST",
  "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT",
  "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM",
] as const;
const TMPFS_OPTIONS = new Set([
  "defaults", "ro", "rw", "suid", "nosuid", "dev", "nodev", "exec", "noexec", "sync", "async", "dirsync", "remount", "mand", "nomand", "atime",
  "noatime", "diratime", "nodiratime", "bind", "rbind", "unbindable", "runbindable", "private", "rprivate", "shared", "rshared", "slave",
  "rslave", "relatime", "norelatime", "strictatime", "nostrictatime", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol",
]);
const DEVICE_PERMISSIONS = new Set(["read", "write", "mknod"]);
const IPC_SYSCTLS = new Set(["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"]);
const RESTART_PERIOD = { min: 60, max: 1800 };
const MAX_IGNORED_EXIT_CODES = 50;
/** user, user:group, uid, uid:gid and the mixed forms; a name is what useradd accepts. */
const USER = /^(?:[a-z_][a-z0-9_.-]*\$?|\d+)(?::(?:[a-z_][a-z0-9_.-]*|\d+))?$/i;
const SECURITY_OPTION = /^(?:no-new-privileges(?::true|:false)?|apparmor:.+|label:.+|seccomp:.+|credentialspec:.+)$/;
const CREDENTIAL_SPEC = /^credentialspec(?:domainless)?:arn:aws[a-z-]*:(?:ssm|s3):.+$/;

function capabilityLists(ctx: RuleContext, container: ContainerView) {
  const capabilities = obj(ctx, linuxParameters(ctx, container), "capabilities");
  return { capabilities, add: stringsOf(ctx, capabilities?.value, "add"), drop: stringsOf(ctx, capabilities?.value, "drop") };
}

export const capabilityValues = defineRule("LP-CAP-VALUES", "runtime", "H", "[AWS-doc] KernelCapabilities", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const { add, drop } = capabilityLists(ctx, container);
    for (const [member, items] of [["add", add], ["drop", drop]] as const) {
      for (const item of items) {
        if ((CAPABILITIES as readonly string[]).includes(item.value)) continue;
        const normal = item.value.toUpperCase().replace(/^CAP_/, "");
        const fix = (CAPABILITIES as readonly string[]).includes(normal) ? [replaceValueFix(item.node, normal)] : undefined;
        ctx.report("LP-CAP-VALUES", { container: container.label, value: item.value, suggestion: fix ? normal : undefined }, item.span, at(container, "linuxParameters", "capabilities", member, item.index), fix);
      }
    }
  }
});

export const fargateCapabilityAdd = defineRule("LP-CAP-ADD-FARGATE", "error", "H", "[AWS-obs] cdk-preflight pf-ecs-fargate-capabilities-add", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  for (const container of ctx.taskDefinition.containers) {
    for (const item of capabilityLists(ctx, container).add) {
      if (item.value !== "SYS_PTRACE") ctx.report("LP-CAP-ADD-FARGATE", { capability: item.value }, item.span, at(container, "linuxParameters", "capabilities", "add", item.index));
    }
  }
});

export const capabilitiesWithPrivileged = defineRule("LP-CAP-PRIVILEGED-NOOP", "warning", "H", "[AWS-doc] KernelCapabilities", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const { capabilities } = capabilityLists(ctx, container);
    if (capabilities && bool(ctx, container.node, "privileged")?.value === true) {
      ctx.report("LP-CAP-PRIVILEGED-NOOP", { container: container.label }, capabilities.span, at(container, "linuxParameters", "capabilities"));
    }
  }
});

export const swappinessRange = defineRule("LP-SWAPPINESS-RANGE", "error", "H", "[AWS-doc] LinuxParameters.swappiness", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const lp = linuxParameters(ctx, container);
    const swappiness = int(ctx, lp, "swappiness");
    if (!swappiness) continue;
    if (swappiness.value < 0 || swappiness.value > 100) {
      ctx.report("LP-SWAPPINESS-RANGE", { container: container.label, value: swappiness.value, problem: "range" }, swappiness.span, at(container, "linuxParameters", "swappiness"));
    } else if (!present(lp, "maxSwap")) {
      const finding = ctx.report("LP-SWAPPINESS-RANGE", { container: container.label, value: swappiness.value, problem: "noMaxSwap" }, swappiness.span, at(container, "linuxParameters", "swappiness"));
      finding.level = "warning";
      finding.stage = "advice";
    }
  }
});

export const maxSwapMinimum = defineRule("LP-MAXSWAP-MIN", "error", "H", "[AWS-doc] LinuxParameters.maxSwap", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const maxSwap = int(ctx, linuxParameters(ctx, container), "maxSwap");
    if (maxSwap && maxSwap.value < 0) ctx.report("LP-MAXSWAP-MIN", { container: container.label, value: maxSwap.value }, maxSwap.span, at(container, "linuxParameters", "maxSwap"), [replaceValueFix(maxSwap.node, 0)]);
  }
});

export const tmpfsOptions = defineRule("LP-TMPFS-OPTIONS", "error", "H", "[AWS-doc] Tmpfs; API model required", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const { node, index } of objectsOf(ctx, linuxParameters(ctx, container), "tmpfs")) {
      const size = int(ctx, node, "size");
      if (size && size.value <= 0) ctx.report("LP-TMPFS-OPTIONS", { container: container.label, value: String(size.value), problem: "size" }, size.span, at(container, "linuxParameters", "tmpfs", index, "size"));
      for (const option of stringsOf(ctx, node, "mountOptions")) {
        // mode=1777, uid=1000 … carry a value after "=".
        if (TMPFS_OPTIONS.has(option.value.split("=")[0])) continue;
        const finding = ctx.report("LP-TMPFS-OPTIONS", { container: container.label, value: option.value, problem: "option" }, option.span, at(container, "linuxParameters", "tmpfs", index, "mountOptions", option.index));
        finding.level = "runtime";
        finding.stage = "runtime";
      }
    }
  }
});

export const devicePermissions = defineRule("LP-DEVICE-PERMS", "error", "H", "API model enum (DeviceCgroupPermission); CFN uniqueItems", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const { node, index } of objectsOf(ctx, linuxParameters(ctx, container), "devices")) {
      const seen = new Set<string>();
      for (const permission of stringsOf(ctx, node, "permissions")) {
        if (!DEVICE_PERMISSIONS.has(permission.value) || seen.has(permission.value)) {
          ctx.report("LP-DEVICE-PERMS", { container: container.label, value: permission.value, duplicate: seen.has(permission.value) }, permission.span, at(container, "linuxParameters", "devices", index, "permissions", permission.index));
        }
        seen.add(permission.value);
      }
    }
  }
});

function ulimitsOf(ctx: RuleContext, container: ContainerView) {
  return objectsOf(ctx, container.node, "ulimits").map(({ node, index }) => ({ node, index, name: str(ctx, node, "name"), soft: int(ctx, node, "softLimit"), hard: int(ctx, node, "hardLimit") }));
}

export const ulimitSoftWithinHard = defineRule("UL-SOFT-LE-HARD", "error", "H", "[AWS-obs] cdk-preflight pf-ecs-ulimit-soft-over-hard", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const ulimit of ulimitsOf(ctx, container)) {
      if (ulimit.soft && ulimit.hard && ulimit.soft.value > ulimit.hard.value) {
        ctx.report("UL-SOFT-LE-HARD", { name: ulimit.name?.value ?? "", soft: ulimit.soft.value, hard: ulimit.hard.value }, ulimit.soft.span, at(container, "ulimits", ulimit.index, "softLimit"), [
          replaceValueFix(ulimit.soft.node, ulimit.hard.value),
        ]);
      }
    }
  }
});

export const ulimitDuplicate = defineRule("UL-DUP-NAME", "warning", "H", "our addition", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const seen = new Set<string>();
    for (const ulimit of ulimitsOf(ctx, container)) {
      if (!ulimit.name) continue;
      if (seen.has(ulimit.name.value)) ctx.report("UL-DUP-NAME", { container: container.label, name: ulimit.name.value }, ulimit.name.span, at(container, "ulimits", ulimit.index, "name"));
      seen.add(ulimit.name.value);
    }
  }
});

export const sysctlNamespace = defineRule("SYSCTL-NAMESPACE", "error", "H", "[AWS-doc] SystemControl", (ctx) => {
  const root = ctx.taskDefinition.object;
  const hostIpc = str(ctx, root, "ipcMode")?.value === "host";
  const hostNet = ctx.taskDefinition.networkMode === "host";
  for (const container of ctx.taskDefinition.containers) {
    for (const { node, index } of objectsOf(ctx, container.node, "systemControls")) {
      const namespace = str(ctx, node, "namespace");
      if (!namespace) continue;
      const ipc = IPC_SYSCTLS.has(namespace.value) || namespace.value.startsWith("fs.mqueue.");
      const net = namespace.value.startsWith("net.");
      const problem = !ipc && !net ? "namespace" : net && hostNet ? "hostNetwork" : ipc && hostIpc ? "hostIpc" : undefined;
      if (!problem) continue;
      const finding = ctx.report("SYSCTL-NAMESPACE", { container: container.label, namespace: namespace.value, problem }, namespace.span, at(container, "systemControls", index, "namespace"));
      if (problem !== "namespace") {
        finding.level = "warning";
        finding.stage = "advice";
      }
    }
  }
});

export const restartPeriodRange = defineRule("RESTART-PERIOD-RANGE", "error", "H", "[AWS-obs] cdk-preflight pf-ecs-restart-policy-attempt-period-range", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const period = int(ctx, obj(ctx, container.node, "restartPolicy")?.value, "restartAttemptPeriod");
    if (period && (period.value < RESTART_PERIOD.min || period.value > RESTART_PERIOD.max)) {
      ctx.report("RESTART-PERIOD-RANGE", { container: container.label, value: period.value }, period.span, at(container, "restartPolicy", "restartAttemptPeriod"), [
        replaceValueFix(period.node, Math.min(RESTART_PERIOD.max, Math.max(RESTART_PERIOD.min, period.value))),
      ]);
    }
  }
});

export const restartExitCodesMax = defineRule("RESTART-EXITCODES-MAX", "error", "H", "[AWS-doc] ContainerRestartPolicy.ignoredExitCodes", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const codes = list(ctx, obj(ctx, container.node, "restartPolicy")?.value, "ignoredExitCodes");
    if (codes && codes.value.length > MAX_IGNORED_EXIT_CODES) ctx.report("RESTART-EXITCODES-MAX", { count: codes.value.length, max: MAX_IGNORED_EXIT_CODES }, codes.span, at(container, "restartPolicy", "ignoredExitCodes"));
  }
});

export const userFormat = defineRule("CD-USER-FORMAT", "error", "H", "[AWS-doc] ContainerDefinition.user", (ctx) => {
  if (ctx.taskDefinition.windows) return;
  for (const container of ctx.taskDefinition.containers) {
    const user = str(ctx, container.node, "user");
    if (user && !USER.test(user.value)) ctx.report("CD-USER-FORMAT", { container: container.label, value: user.value }, user.span, at(container, "user"));
  }
});

export const dockerSecurityOptionFormat = defineRule("CD-DOCKERSECOPT-FORMAT", "error", "H", "[AWS-doc] ContainerDefinition.dockerSecurityOptions", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const option of stringsOf(ctx, container.node, "dockerSecurityOptions")) {
      if (!SECURITY_OPTION.test(option.value)) ctx.report("CD-DOCKERSECOPT-FORMAT", { container: container.label, value: option.value }, option.span, at(container, "dockerSecurityOptions", option.index));
    }
  }
});

export const credentialSpecs = defineRule("CD-CREDENTIALSPECS", "error", "H", "[AWS-doc] ContainerDefinition.credentialSpecs", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const specs = list(ctx, container.node, "credentialSpecs");
    if (!specs) continue;
    if (specs.value.length > 1) ctx.report("CD-CREDENTIALSPECS", { container: container.label, value: String(specs.value.length), problem: "count" }, specs.span, at(container, "credentialSpecs"));
    for (const spec of stringsOf(ctx, container.node, "credentialSpecs")) {
      if (!CREDENTIAL_SPEC.test(spec.value)) ctx.report("CD-CREDENTIALSPECS", { container: container.label, value: spec.value, problem: "format" }, spec.span, at(container, "credentialSpecs", spec.index));
    }
  }
});

export const gpuValue = defineRule("CD-GPU-VALUE", "error", "H", "[AWS-doc] ResourceRequirement", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const { node, index } of objectsOf(ctx, container.node, "resourceRequirements")) {
      const value = str(ctx, node, "value");
      if (str(ctx, node, "type")?.value === "GPU" && value && !/^[1-9]\d*$/.test(value.value)) {
        ctx.report("CD-GPU-VALUE", { container: container.label, value: value.value }, value.span, at(container, "resourceRequirements", index, "value"));
      }
    }
  }
});

export const interactiveTty = defineRule("CD-INTERACTIVE-TTY", "warning", "H", "our addition", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const member of ["interactive", "pseudoTerminal"]) {
      if (bool(ctx, container.node, member)?.value !== true) continue;
      const prop = container.node.props!.find((p) => p.key === member)!;
      ctx.report("CD-INTERACTIVE-TTY", { container: container.label, member }, keySpan(prop), at(container, member));
    }
  }
});

export const linuxRules = [
  capabilityValues,
  fargateCapabilityAdd,
  capabilitiesWithPrivileged,
  swappinessRange,
  maxSwapMinimum,
  tmpfsOptions,
  devicePermissions,
  ulimitSoftWithinHard,
  ulimitDuplicate,
  sysctlNamespace,
  restartPeriodRange,
  restartExitCodesMax,
  userFormat,
  dockerSecurityOptionFormat,
  credentialSpecs,
  gpuValue,
  interactiveTty,
];
