/** Section C: each container's identity, image and memory limits. */
import { valueSpan, type ContainerView, type RuleContext, type Span } from "../engine/context";
import { replaceValueFix } from "../engine/fixes";
import type { RuleDefinition } from "../engine/rule";
import { at, defineRule, int, str } from "./define";

/** A required string member that is missing or empty: AWS treats both the same ("null or empty"). */
function missingOrEmpty(ctx: RuleContext, container: ContainerView, member: string): Span | undefined {
  const field = ctx.field(container.node, member, "string");
  if (field.state === "absent") return container.span;
  if (field.state === "ok" && field.value === "") return valueSpan(field.node);
  return undefined;
}

export const nameRequired: RuleDefinition<"CD-NAME-REQUIRED"> = {
  id: "CD-NAME-REQUIRED",
  level: "error",
  stage: "service",
  section: "C",
  source: "[AWS-obs] awsdocs/aws-cloudformation-user-guide PR #612; moto",
  docs: "reference",
  awsErrorType: "ClientException",
  check(ctx) {
    for (const container of ctx.taskDefinition.containers) {
      const span = missingOrEmpty(ctx, container, "name");
      if (span) ctx.report("CD-NAME-REQUIRED", { index: container.index }, span, ["containerDefinitions", container.index, "name"]);
    }
  },
};

export const imageRequired: RuleDefinition<"CD-IMAGE-REQUIRED"> = {
  id: "CD-IMAGE-REQUIRED",
  level: "error",
  stage: "service",
  section: "C",
  source: "[AWS-obs] prefect-aws#159; moto",
  docs: "reference",
  awsErrorType: "ClientException",
  check(ctx) {
    for (const container of ctx.taskDefinition.containers) {
      const span = missingOrEmpty(ctx, container, "image");
      if (span) ctx.report("CD-IMAGE-REQUIRED", { container: container.label }, span, ["containerDefinitions", container.index, "image"]);
    }
  },
};

export const memoryReservationWithinMemory: RuleDefinition<"CD-MEMRES-LE-MEMORY"> = {
  id: "CD-MEMRES-LE-MEMORY",
  level: "error",
  stage: "service",
  section: "C",
  source: "[AWS-obs] cdk-preflight pf-ecs-container-memory-reservation; awsdocs PR #242",
  docs: { lesson: "L302" },
  awsErrorType: "ClientException",
  check(ctx) {
    for (const container of ctx.taskDefinition.containers) {
      const memory = ctx.field(container.node, "memory", "integer");
      const reservation = ctx.field(container.node, "memoryReservation", "integer");
      if (memory.state !== "ok" || reservation.state !== "ok" || memory.value >= reservation.value) continue;
      ctx.report(
        "CD-MEMRES-LE-MEMORY",
        { container: container.label, memory: memory.value, memoryReservation: reservation.value },
        valueSpan(memory.node),
        ["containerDefinitions", container.index, "memory"],
      );
    }
  },
};


const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const IMAGE_CHARS = /^[A-Za-z0-9\-_:./#]+$/;
const DIGEST = /^sha256:[A-Fa-f0-9]{64}$/;
const MAX_IMAGE = 255;
/** Docker 20.10+ refuses containers with less memory than this (MiB). */
const MIN_CONTAINER_MEMORY = 6;
const CPU_SHARES = { min: 2, max: 262144 };

export const nameFormat = defineRule("CD-NAME-FORMAT", "error", "C", "[AWS-obs] ansible/ansible#22860", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    if (container.name === undefined || CONTAINER_NAME.test(container.name)) continue;
    const repaired = container.name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 255);
    const name = str(ctx, container.node, "name")!;
    ctx.report("CD-NAME-FORMAT", { name: container.name }, container.span, at(container, "name"), repaired ? [replaceValueFix(name.node, repaired)] : undefined);
  }
});

/** Why ECS rejects an image reference outright, if it does. */
export function imageProblem(image: string): "chars" | "length" | "digest" | undefined {
  const at = image.indexOf("@");
  const name = at < 0 ? image : image.slice(0, at);
  if (at >= 0 && !DIGEST.test(image.slice(at + 1))) return "digest";
  if (name.length > MAX_IMAGE) return "length";
  return IMAGE_CHARS.test(name) ? undefined : "chars";
}

export const imageFormat = defineRule("CD-IMAGE-FORMAT", "error", "C", "[AWS-doc] ContainerDefinition.image", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const image = str(ctx, container.node, "image");
    if (!image || image.value === "") continue;
    const problem = imageProblem(image.value);
    if (problem) {
      const trimmed = image.value.trim();
      const fix = trimmed !== image.value && !imageProblem(trimmed) ? [replaceValueFix(image.node, trimmed)] : undefined;
      ctx.report("CD-IMAGE-FORMAT", { container: container.label, image: image.value, problem }, image.span, at(container, "image"), fix);
    }
  }
});

/** Why Docker cannot parse a reference ECS accepted (the pull then fails), if it cannot. */
export function imageGrammarProblem(image: string): "uppercase" | "leadingSlash" | "emptyTag" | "doubleColon" | undefined {
  const name = image.split("@")[0];
  if (name.startsWith("/")) return "leadingSlash";
  if (name.includes("::")) return "doubleColon";
  if (name.endsWith(":")) return "emptyTag";
  const slash = name.indexOf("/");
  // The registry host (before the first slash, when it has a dot, a colon or is localhost) may be upper case; the repository may not.
  const first = slash < 0 ? "" : name.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  const repository = (hasRegistry ? name.slice(slash + 1) : name).split(":")[0];
  return /[A-Z]/.test(repository) ? "uppercase" : undefined;
}

export const imageReferenceGrammar = defineRule("CD-IMAGE-REF-GRAMMAR", "runtime", "C", "Docker reference grammar (our addition)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const image = str(ctx, container.node, "image");
    if (!image || image.value === "" || imageProblem(image.value)) continue;
    const problem = imageGrammarProblem(image.value);
    if (problem) ctx.report("CD-IMAGE-REF-GRAMMAR", { container: container.label, image: image.value, problem }, image.span, at(container, "image"));
  }
});

export const memoryMinimum = defineRule("CD-MEMORY-MIN", "runtime", "C", "[AWS-doc] ContainerDefinition.memory", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const member of ["memory", "memoryReservation"] as const) {
      const value = int(ctx, container.node, member);
      // 0 is read as "not set" by the memory-required rule, which reports it.
      if (value && value.value > 0 && value.value < MIN_CONTAINER_MEMORY) {
        ctx.report("CD-MEMORY-MIN", { container: container.label, member, value: value.value, min: MIN_CONTAINER_MEMORY }, value.span, at(container, member), [replaceValueFix(value.node, MIN_CONTAINER_MEMORY)]);
      }
    }
  }
});

export const cpuShares = defineRule("CD-CPU-SHARES-RANGE", "warning", "C", "[AWS-doc] ContainerDefinition.cpu", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const cpu = int(ctx, container.node, "cpu");
    // 0 is the documented default ("no reservation"), so only 1 and values beyond the cap are surprising.
    if (cpu && cpu.value !== 0 && (cpu.value < CPU_SHARES.min || cpu.value > CPU_SHARES.max)) {
      ctx.report("CD-CPU-SHARES-RANGE", { container: container.label, value: cpu.value }, cpu.span, at(container, "cpu"));
    }
  }
});

export const versionConsistency = defineRule("CD-VERSION-CONSISTENCY", "error", "C", "API model enum (VersionConsistency)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const value = str(ctx, container.node, "versionConsistency");
    if (!value || value.value === "enabled" || value.value === "disabled") continue;
    const lower = value.value.toLowerCase();
    const fix = lower === "enabled" || lower === "disabled" ? [replaceValueFix(value.node, lower)] : undefined;
    ctx.report("CD-VERSION-CONSISTENCY", { container: container.label, value: value.value }, value.span, at(container, "versionConsistency"), fix);
  }
});
