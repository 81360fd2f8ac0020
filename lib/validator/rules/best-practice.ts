/** Section M (task definition part): security and best-practice warnings; AWS accepts all of these. */
import { keySpan, type ContainerView, type RuleContext } from "../engine/context";
import { at, bool, defineRule, list, obj, objectsOf, present, str, stringsOf, top } from "./define";
import { looksSecretName } from "./secrets";

const DANGEROUS_CAPABILITIES = new Set(["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE", "SYS_PTRACE", "DAC_READ_SEARCH", "SYS_RAWIO", "SYS_BOOT", "MAC_ADMIN"]);
/** Literals that look like credentials: AWS access keys, private key blocks, long-lived tokens of well-known services. */
const CREDENTIAL_LITERAL = /(?:\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}|\bsk_live_[A-Za-z0-9]{16,})/;
/** `--password=…`, `PASSWORD=…` and the like inside a command line. */
const INLINE_SECRET = /(?:--?(?:password|passwd|secret|token|api[-_]?key)[= ]|\b(?:PASSWORD|SECRET|TOKEN|API_KEY)=)\S{4,}/i;

function warnFlag(id: "BP-PRIVILEGED", member: string) {
  return (ctx: RuleContext) => {
    for (const container of ctx.taskDefinition.containers) {
      const flag = bool(ctx, container.node, member);
      if (flag?.value === true) ctx.report(id, { container: container.label }, flag.span, at(container, member));
    }
  };
}

export const privileged = defineRule("BP-PRIVILEGED", "warning", "M", "Security Hub ECS.4; Config ecs-containers-nonprivileged; CT.ECS.PR.11", warnFlag("BP-PRIVILEGED", "privileged"));

export const readonlyRoot = defineRule("BP-READONLY-ROOT", "warning", "M", "Security Hub ECS.5; Config ecs-containers-readonly-access; CT.ECS.PR.6; checkov CKV_AWS_336", (ctx) => {
  if (ctx.taskDefinition.windows) return; // Windows does not support the setting at all.
  for (const container of ctx.taskDefinition.containers) {
    const flag = bool(ctx, container.node, "readonlyRootFilesystem");
    if (flag?.value === true || (flag === undefined && present(container.node, "readonlyRootFilesystem"))) continue;
    ctx.report("BP-READONLY-ROOT", { container: container.label, explicit: flag !== undefined }, flag?.span ?? container.span, at(container, "readonlyRootFilesystem"));
  }
});

function hostNamespace(id: "BP-HOST-PID" | "BP-HOST-IPC", member: "pidMode" | "ipcMode") {
  return (ctx: RuleContext) => {
    const value = str(ctx, top(ctx), member);
    if (value?.value === "host") ctx.report(id, {}, value.span, [member]);
  };
}

export const hostPid = defineRule("BP-HOST-PID", "warning", "M", "Security Hub ECS.3; Config ecs-task-definition-pid-mode-check; CT.ECS.PR.10", hostNamespace("BP-HOST-PID", "pidMode"));
export const hostIpc = defineRule("BP-HOST-IPC", "warning", "M", "[AWS-doc] RegisterTaskDefinition.ipcMode", hostNamespace("BP-HOST-IPC", "ipcMode"));

export const hostNetwork = defineRule("BP-HOST-NETWORK", "warning", "M", "Security Hub ECS.17; Config ecs-task-definition-network-mode-not-host", (ctx) => {
  const mode = str(ctx, top(ctx), "networkMode");
  if (mode?.value === "host") ctx.report("BP-HOST-NETWORK", {}, mode.span, ["networkMode"]);
});

export const notAwsvpc = defineRule("BP-NOT-AWSVPC", "warning", "M", "Config ecs-awsvpc-networking-enabled; CT.ECS.PR.4; KICS", (ctx) => {
  const view = ctx.taskDefinition;
  // host mode already has its own, stronger warning; Windows EC2 uses the default NAT mode.
  if (!view.object || view.windows || view.networkMode === undefined || view.networkMode === "awsvpc" || view.networkMode === "host") return;
  const mode = str(ctx, view.object, "networkMode");
  ctx.report("BP-NOT-AWSVPC", { networkMode: view.networkMode }, mode?.span ?? view.fargateSpan, ["networkMode"]);
});

function userOf(ctx: RuleContext, container: ContainerView) {
  return str(ctx, container.node, "user");
}

function runsAsRoot(user: string | undefined): boolean {
  return user === undefined || user === "root" || user === "0" || /^(?:root|0):/.test(user);
}

export const hostNetworkRoot = defineRule("BP-HOST-NETWORK-ROOT", "warning", "M", "Config ecs-task-definition-user-for-host-mode-check; CT.ECS.PR.8 (was Security Hub ECS.1)", (ctx) => {
  if (ctx.taskDefinition.networkMode !== "host" || !present(top(ctx), "networkMode")) return;
  for (const container of ctx.taskDefinition.containers) {
    if (bool(ctx, container.node, "privileged")?.value === true || present(container.node, "user") && !userOf(ctx, container)) continue;
    if (runsAsRoot(userOf(ctx, container)?.value)) ctx.report("BP-HOST-NETWORK-ROOT", { container: container.label }, container.span, at(container, "user"));
  }
});

export const nonRootLinux = defineRule("BP-NONROOT-LINUX", "warning", "M", "Security Hub ECS.20; Config ecs-task-definition-linux-user-non-root; CT.ECS.PR.3", (ctx) => {
  if (ctx.taskDefinition.windows) return;
  for (const container of ctx.taskDefinition.containers) {
    const user = userOf(ctx, container);
    if (!user && present(container.node, "user")) continue;
    if (runsAsRoot(user?.value)) ctx.report("BP-NONROOT-LINUX", { container: container.label, user: user?.value }, user?.span ?? container.span, at(container, "user"));
  }
});

export const nonAdminWindows = defineRule("BP-NONADMIN-WINDOWS", "warning", "M", "Security Hub ECS.21; Config ecs-task-definition-windows-user-non-admin", (ctx) => {
  if (!ctx.taskDefinition.windows) return;
  for (const container of ctx.taskDefinition.containers) {
    const user = userOf(ctx, container);
    if (!user && present(container.node, "user")) continue;
    if (!user || user.value.toLowerCase() === "containeradministrator") ctx.report("BP-NONADMIN-WINDOWS", { container: container.label }, user?.span ?? container.span, at(container, "user"));
  }
});

export const efsTransitEncryption = defineRule("BP-EFS-TLS", "warning", "M", "Security Hub ECS.18; Config ecs-task-definition-efs-encryption-enabled; checkov CKV_AWS_97; trivy AVD-AWS-0035", (ctx) => {
  // Every EFS volume, not only the first (checkov's CKV_AWS_97 stops at the first).
  for (const { node, index } of objectsOf(ctx, top(ctx), "volumes")) {
    const efs = obj(ctx, node, "efsVolumeConfiguration");
    if (!efs) continue;
    const tls = str(ctx, efs.value, "transitEncryption");
    if (tls?.value !== "ENABLED" && !(tls === undefined && present(efs.value, "transitEncryption"))) {
      ctx.report("BP-EFS-TLS", { volume: str(ctx, node, "name")?.value ?? "" }, tls?.span ?? efs.span, ["volumes", index, "efsVolumeConfiguration", "transitEncryption"]);
    }
  }
});

export const memoryHardLimit = defineRule("BP-MEMORY-HARD-LIMIT", "warning", "M", "CT.ECS.PR.7; Config ecs-task-definition-memory-hard-limit (discontinued 2026-04-03)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    if (!present(container.node, "memory")) ctx.report("BP-MEMORY-HARD-LIMIT", { container: container.label }, container.span, at(container, "memory"));
  }
});

export const tags = defineRule("BP-TAGS", "warning", "M", "Security Hub ECS.15 (task definitions), ECS.13 (services)", (ctx) => {
  if (ctx.operation !== "RegisterTaskDefinition") {
    // UpdateService cannot set tags, so only a new service is told.
    const service = ctx.service.object;
    const given = list(ctx, service, "tags");
    if (ctx.operation === "CreateService" && service && (!present(service, "tags") || (given && given.value.length === 0))) ctx.report("BP-TAGS", { resource: "service" }, ctx.service.span, ["tags"]);
    return;
  }
  const root = top(ctx);
  if (!root) return;
  const given = list(ctx, root, "tags");
  if (!present(root, "tags") || (given && given.value.length === 0)) ctx.report("BP-TAGS", { resource: "taskDefinition" }, ctx.taskDefinition.containerList.state === "ok" ? keySpan(ctx.taskDefinition.containerList.prop) : { start: root.start, end: root.start + 1 }, ["tags"]);
});

/** The tag an image reference names, "" when it names none (so Docker pulls latest). */
export function imageTag(image: string): string | undefined {
  if (image.includes("@")) return undefined;
  const lastSlash = image.lastIndexOf("/");
  const colon = image.indexOf(":", lastSlash + 1);
  return colon < 0 ? "" : image.slice(colon + 1);
}

export const imagePinning = defineRule("BP-IMAGE-PINNING", "warning", "M", "ECS best practices (image tags); our addition", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const image = str(ctx, container.node, "image");
    if (!image || image.value === "") continue;
    const tag = imageTag(image.value);
    if (tag === "" || tag === "latest") ctx.report("BP-IMAGE-PINNING", { container: container.label, image: image.value, tag }, image.span, at(container, "image"));
  }
});

export const dangerousCapabilities = defineRule("BP-CAPS-ADD-DANGEROUS", "warning", "M", "our addition (container hardening)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const capabilities = obj(ctx, obj(ctx, container.node, "linuxParameters")?.value, "capabilities")?.value;
    for (const item of stringsOf(ctx, capabilities, "add")) {
      if (DANGEROUS_CAPABILITIES.has(item.value)) ctx.report("BP-CAPS-ADD-DANGEROUS", { container: container.label, capability: item.value }, item.span, at(container, "linuxParameters", "capabilities", "add", item.index));
    }
  }
});

export const noNewPrivileges = defineRule("BP-NO-NEW-PRIVS", "warning", "M", "our addition", (ctx) => {
  const view = ctx.taskDefinition;
  // Fargate rejects dockerSecurityOptions altogether, and Windows has no such option.
  if (view.fargate || view.windows || !view.ec2) return;
  for (const container of view.containers) {
    const options = stringsOf(ctx, container.node, "dockerSecurityOptions").map((o) => o.value);
    if (!options.some((o) => o.startsWith("no-new-privileges"))) ctx.report("BP-NO-NEW-PRIVS", { container: container.label }, container.span, at(container, "dockerSecurityOptions"));
  }
});

export const secretsInCommand = defineRule("BP-SECRETS-IN-COMMAND", "warning", "M", "our addition (trivy and checkov scan only env)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const member of ["command", "entryPoint"]) {
      for (const item of stringsOf(ctx, container.node, member)) {
        if (CREDENTIAL_LITERAL.test(item.value) || INLINE_SECRET.test(item.value)) ctx.report("BP-SECRETS-IN-COMMAND", { container: container.label, member }, item.span, at(container, member, item.index));
      }
    }
    const labels = obj(ctx, container.node, "dockerLabels")?.value;
    for (const prop of labels?.props ?? []) {
      if (prop.node.kind === "string" && (CREDENTIAL_LITERAL.test(prop.node.value as string) || (looksSecretName(prop.key) && (prop.node.value as string).length >= 8))) {
        ctx.report("BP-SECRETS-IN-COMMAND", { container: container.label, member: "dockerLabels" }, keySpan(prop), at(container, "dockerLabels", prop.key));
      }
    }
    for (const { node, index } of objectsOf(ctx, container.node, "environment")) {
      const value = str(ctx, node, "value");
      const name = str(ctx, node, "name");
      // Secret-looking names are SEC-ENV-PLAINTEXT-SECRET's; this catches credentials under innocent names.
      if (value && CREDENTIAL_LITERAL.test(value.value) && !(name && looksSecretName(name.value))) {
        ctx.report("BP-SECRETS-IN-COMMAND", { container: container.label, member: "environment" }, value.span, at(container, "environment", index, "value"));
      }
    }
  }
});

export const appMeshEndOfSupport = defineRule("BP-APPMESH-EOL", "warning", "M", "AWS App Mesh end-of-support notice (2026-09-30)", (ctx) => {
  const type = str(ctx, obj(ctx, top(ctx), "proxyConfiguration")?.value, "type");
  const proxy = top(ctx)?.props?.find((p) => p.key === "proxyConfiguration" && p.node.kind === "object");
  if (proxy && (type === undefined || type.value === "APPMESH")) ctx.report("BP-APPMESH-EOL", {}, keySpan(proxy), ["proxyConfiguration"]);
});

export const bestPracticeRules = [
  privileged,
  readonlyRoot,
  hostPid,
  hostIpc,
  hostNetwork,
  notAwsvpc,
  hostNetworkRoot,
  nonRootLinux,
  nonAdminWindows,
  efsTransitEncryption,
  memoryHardLimit,
  tags,
  imagePinning,
  dangerousCapabilities,
  noNewPrivileges,
  secretsInCommand,
  appMeshEndOfSupport,
];
