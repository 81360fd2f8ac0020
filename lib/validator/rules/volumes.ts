/** Section I: task volumes, the containers' mount points, and EFS/FSx settings. */
import { keySpan, type RuleContext } from "../engine/context";
import { removeMemberFix, replaceValueFix } from "../engine/fixes";
import type { JsonNode } from "../json/tree";
import { at, bool, defineRule, list, obj, objectsOf, present, str, top } from "./define";

const VOLUME_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const EFS_ID = /^fs-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const VOLUME_TYPES = ["host", "dockerVolumeConfiguration", "efsVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration", "s3filesVolumeConfiguration", "configuredAtLaunch"] as const;

interface Volume {
  node: JsonNode;
  index: number;
  name?: { value: string; span: { start: number; end: number } };
}

function volumesOf(ctx: RuleContext): Volume[] {
  return objectsOf(ctx, top(ctx), "volumes").map(({ node, index }) => ({ node, index, name: str(ctx, node, "name") }));
}

function efsOf(ctx: RuleContext, volume: Volume) {
  const efs = obj(ctx, volume.node, "efsVolumeConfiguration")?.value;
  if (!efs) return undefined;
  const auth = obj(ctx, efs, "authorizationConfig")?.value;
  return { efs, auth, tls: str(ctx, efs, "transitEncryption")?.value === "ENABLED" };
}

const efsPath = (volume: Volume, ...rest: (string | number)[]) => ["volumes", volume.index, "efsVolumeConfiguration", ...rest];

export const volumeNameFormat = defineRule("VOL-NAME-FORMAT", "error", "I", "[AWS-doc] Volume.name", (ctx) => {
  for (const volume of volumesOf(ctx)) {
    if (volume.name && !VOLUME_NAME.test(volume.name.value)) {
      ctx.report("VOL-NAME-FORMAT", { name: volume.name.value, problem: "format" }, volume.name.span, ["volumes", volume.index, "name"]);
    } else if (!present(volume.node, "name") && (present(volume.node, "efsVolumeConfiguration") || present(volume.node, "s3filesVolumeConfiguration") || present(volume.node, "configuredAtLaunch"))) {
      ctx.report("VOL-NAME-FORMAT", { name: "", problem: "required" }, { start: volume.node.start, end: volume.node.start + 1 }, ["volumes", volume.index, "name"]);
    }
  }
});

export const volumeNameUnique = defineRule("VOL-NAME-UNIQUE", "error", "I", "our addition (mount points resolve by name)", (ctx) => {
  const seen = new Set<string>();
  for (const volume of volumesOf(ctx)) {
    if (!volume.name) continue;
    if (seen.has(volume.name.value)) ctx.report("VOL-NAME-UNIQUE", { name: volume.name.value }, volume.name.span, ["volumes", volume.index, "name"]);
    seen.add(volume.name.value);
  }
});

export const volumeOneType = defineRule("VOL-ONE-TYPE", "error", "I", "[AWS-doc] Volume", (ctx) => {
  for (const volume of volumesOf(ctx)) {
    const types = VOLUME_TYPES.filter((type) => {
      const node = present(volume.node, type);
      return node && node.kind !== "null" && !(type === "configuredAtLaunch" && node.value === false);
    });
    if (types.length > 1) {
      const second = volume.node.props!.find((p) => p.key === types[1])!;
      ctx.report("VOL-ONE-TYPE", { name: volume.name?.value ?? "", types: types.join(", ") }, keySpan(second), ["volumes", volume.index, types[1]]);
    }
  }
});

export const configuredAtLaunchMax = defineRule("VOL-CONFIGURED-AT-LAUNCH-MAX1", "error", "I", "[AWS-doc] Volume.configuredAtLaunch", (ctx) => {
  const atLaunch = volumesOf(ctx).filter((volume) => bool(ctx, volume.node, "configuredAtLaunch")?.value === true);
  for (const extra of atLaunch.slice(1)) {
    ctx.report("VOL-CONFIGURED-AT-LAUNCH-MAX1", { count: atLaunch.length }, bool(ctx, extra.node, "configuredAtLaunch")!.span, ["volumes", extra.index, "configuredAtLaunch"]);
  }
});

function mountPoints(ctx: RuleContext) {
  return ctx.taskDefinition.containers.flatMap((container) =>
    objectsOf(ctx, container.node, "mountPoints").map(({ node, index }) => ({ container, node, index, source: str(ctx, node, "sourceVolume"), path: str(ctx, node, "containerPath") })),
  );
}

export const volumeUnreferenced = defineRule("VOL-UNREFERENCED", "error", "I", "[AWS-obs] cdk-preflight pf-ecs-volume-not-referenced", (ctx) => {
  const mounts = mountPoints(ctx);
  // A placeholder or unreadable sourceVolume could be any volume: then nothing is known to be unreferenced.
  if (mounts.some((m) => !m.source && present(m.node, "sourceVolume"))) return;
  const used = new Set(mounts.flatMap((m) => (m.source ? [m.source.value] : [])));
  const unused = volumesOf(ctx).filter((v) => v.name && !used.has(v.name.value));
  if (unused.length > 0) {
    const names = unused.map((v) => v.name!.value).join(", ");
    for (const volume of unused) ctx.report("VOL-UNREFERENCED", { names }, volume.name!.span, ["volumes", volume.index, "name"]);
  }
});

export const mountPointVolume = defineRule("MP-UNKNOWN-VOLUME", "error", "I", "[AWS-obs] cdk-preflight pf-ecs-mountpoint-source-volume-missing", (ctx) => {
  const volumes = volumesOf(ctx);
  if (volumes.some((v) => !v.name)) return;
  const names = new Set(volumes.map((v) => v.name!.value));
  for (const m of mountPoints(ctx)) {
    if (m.source && !names.has(m.source.value)) ctx.report("MP-UNKNOWN-VOLUME", { name: m.source.value }, m.source.span, at(m.container, "mountPoints", m.index, "sourceVolume"));
  }
});

export const mountPointPath = defineRule("MP-CONTAINERPATH", "error", "I", "[AWS-doc] MountPoint.containerPath; our addition (duplicate)", (ctx) => {
  const windows = ctx.taskDefinition.windows;
  const seen = new Map<number, Set<string>>();
  for (const m of mountPoints(ctx)) {
    if (!present(m.node, "containerPath")) {
      ctx.report("MP-CONTAINERPATH", { container: m.container.label, value: "", problem: "missing" }, { start: m.node.start, end: m.node.start + 1 }, at(m.container, "mountPoints", m.index, "containerPath"));
      continue;
    }
    if (!m.path) continue;
    const absolute = m.path.value.startsWith("/") || /^[A-Za-z]:[\\/]/.test(m.path.value) || (windows && /^[A-Za-z]:/.test(m.path.value));
    const paths = seen.get(m.container.index) ?? new Set<string>();
    seen.set(m.container.index, paths);
    const problem = !absolute ? "relative" : paths.has(m.path.value) ? "duplicate" : undefined;
    paths.add(m.path.value);
    if (!problem) continue;
    const finding = ctx.report("MP-CONTAINERPATH", { container: m.container.label, value: m.path.value, problem }, m.path.span, at(m.container, "mountPoints", m.index, "containerPath"));
    finding.level = "runtime";
    finding.stage = "runtime";
  }
});

export const volumesFromContainer = defineRule("VF-UNKNOWN-CONTAINER", "error", "I", "[AWS-obs] cdk-preflight pf-ecs-volumesfrom-source-container-missing", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.namesKnown) return;
  for (const container of view.containers) {
    for (const { node, index } of objectsOf(ctx, container.node, "volumesFrom")) {
      const source = str(ctx, node, "sourceContainer");
      if (source && (!view.byName.has(source.value) || source.value === container.name)) {
        ctx.report("VF-UNKNOWN-CONTAINER", { name: source.value }, source.span, at(container, "volumesFrom", index, "sourceContainer"));
      }
    }
  }
});

export const dockerAutoprovision = defineRule("VOL-DOCKER-AUTOPROVISION", "warning", "I", "[AWS-doc] DockerVolumeConfiguration", (ctx) => {
  for (const volume of volumesOf(ctx)) {
    const docker = obj(ctx, volume.node, "dockerVolumeConfiguration")?.value;
    const autoprovision = bool(ctx, docker, "autoprovision");
    if (autoprovision?.value === true && str(ctx, docker, "scope")?.value !== "shared") {
      ctx.report("VOL-DOCKER-AUTOPROVISION", { name: volume.name?.value ?? "" }, autoprovision.span, ["volumes", volume.index, "dockerVolumeConfiguration", "autoprovision"]);
    }
  }
});

function efsNeedsTls(id: "VOL-EFS-IAM-TLS" | "VOL-EFS-AP-TLS" | "VOL-EFS-PORT-TLS", needs: (ctx: RuleContext, e: NonNullable<ReturnType<typeof efsOf>>) => { span: { start: number; end: number }; path: (string | number)[] } | undefined) {
  return (ctx: RuleContext) => {
    for (const volume of volumesOf(ctx)) {
      const e = efsOf(ctx, volume);
      if (!e || e.tls) continue;
      const hit = needs(ctx, e);
      if (hit) ctx.report(id, { name: volume.name?.value ?? "" }, hit.span, efsPath(volume, ...hit.path));
    }
  };
}

export const efsIamTls = defineRule(
  "VOL-EFS-IAM-TLS",
  "error",
  "I",
  "[AWS-obs] cdk-preflight pf-ecs-efs-iam-without-transit-encryption",
  efsNeedsTls("VOL-EFS-IAM-TLS", (ctx, e) => {
    const iam = str(ctx, e.auth, "iam");
    return iam?.value === "ENABLED" ? { span: iam.span, path: ["authorizationConfig", "iam"] } : undefined;
  }),
);

export const efsAccessPointTls = defineRule(
  "VOL-EFS-AP-TLS",
  "error",
  "I",
  "[AWS-doc] EFSAuthorizationConfig.accessPointId",
  efsNeedsTls("VOL-EFS-AP-TLS", (ctx, e) => {
    const ap = str(ctx, e.auth, "accessPointId");
    return ap ? { span: ap.span, path: ["authorizationConfig", "accessPointId"] } : undefined;
  }),
);

export const efsPortTls = defineRule(
  "VOL-EFS-PORT-TLS",
  "error",
  "I",
  "[AWS-obs] cdk-preflight pf-ecs-efs-transit-encryption-port-without-encryption",
  efsNeedsTls("VOL-EFS-PORT-TLS", (_ctx, e) => {
    const port = present(e.efs, "transitEncryptionPort");
    return port && port.kind !== "null" ? { span: { start: port.start, end: port.end }, path: ["transitEncryptionPort"] } : undefined;
  }),
);

export const efsAccessPointRoot = defineRule("VOL-EFS-AP-ROOTDIR", "error", "I", "[AWS-obs] cdk-preflight pf-ecs-efs-access-point-with-root-directory", (ctx) => {
  for (const volume of volumesOf(ctx)) {
    const e = efsOf(ctx, volume);
    const root = str(ctx, e?.efs, "rootDirectory");
    if (e && root && root.value !== "/" && str(ctx, e.auth, "accessPointId")) {
      const fix = removeMemberFix(ctx.text, efsPath(volume, "rootDirectory"));
      ctx.report("VOL-EFS-AP-ROOTDIR", { name: volume.name?.value ?? "", value: root.value }, root.span, efsPath(volume, "rootDirectory"), fix ? [fix, replaceValueFix(root.node, "/")] : [replaceValueFix(root.node, "/")]);
    }
  }
});

export const efsFileSystemId = defineRule("VOL-EFS-FSID-FORMAT", "runtime", "I", "our addition (EFS ID format)", (ctx) => {
  for (const volume of volumesOf(ctx)) {
    const id = str(ctx, efsOf(ctx, volume)?.efs, "fileSystemId");
    if (id && !EFS_ID.test(id.value)) ctx.report("VOL-EFS-FSID-FORMAT", { value: id.value }, id.span, efsPath(volume, "fileSystemId"));
  }
});

export const fsxWindowsOnly = defineRule("VOL-FSX-WINDOWS-ONLY", "error", "I", "[AWS-doc] FSxWindowsFileServerVolumeConfiguration; API model required", (ctx) => {
  const root = top(ctx);
  const windows = ctx.taskDefinition.windows;
  // Without runtimePlatform the OS is unknown on EC2 (Windows AMIs run such task definitions), so only an explicit Linux family is wrong.
  const family = str(ctx, obj(ctx, root, "runtimePlatform")?.value, "operatingSystemFamily");
  for (const volume of volumesOf(ctx)) {
    const prop = volume.node.props?.find((p) => p.key === "fsxWindowsFileServerVolumeConfiguration" && p.node.kind === "object");
    if (!prop) continue;
    if (!windows && family?.value === "LINUX") {
      ctx.report("VOL-FSX-WINDOWS-ONLY", { name: volume.name?.value ?? "", problem: "linux" }, keySpan(prop), ["volumes", volume.index, prop.key]);
    }
  }
});

export const readonlyRootNeedsScratch = defineRule("VOL-READONLY-ROOT-NEEDS-SCRATCH", "warning", "I", "our addition", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const readonly = bool(ctx, container.node, "readonlyRootFilesystem");
    if (readonly?.value !== true) continue;
    const writableMount = objectsOf(ctx, container.node, "mountPoints").some(({ node }) => bool(ctx, node, "readOnly")?.value !== true);
    const tmpfs = (list(ctx, obj(ctx, container.node, "linuxParameters")?.value, "tmpfs")?.value.length ?? 0) > 0;
    const volumesFrom = (list(ctx, container.node, "volumesFrom")?.value.length ?? 0) > 0;
    if (!writableMount && !tmpfs && !volumesFrom) ctx.report("VOL-READONLY-ROOT-NEEDS-SCRATCH", { container: container.label }, readonly.span, at(container, "readonlyRootFilesystem"));
  }
});

export const volumeRules = [
  volumeNameFormat,
  volumeNameUnique,
  volumeOneType,
  configuredAtLaunchMax,
  volumeUnreferenced,
  mountPointVolume,
  mountPointPath,
  volumesFromContainer,
  dockerAutoprovision,
  efsIamTls,
  efsAccessPointTls,
  efsAccessPointRoot,
  efsPortTls,
  efsFileSystemId,
  fsxWindowsOnly,
  readonlyRootNeedsScratch,
];
