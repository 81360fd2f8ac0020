/** Section C: each container's identity, image and memory limits. */
import { valueSpan, type ContainerView, type RuleContext, type Span } from "../engine/context";
import type { RuleDefinition } from "../engine/rule";

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

export const containerRules = [nameRequired, imageRequired, memoryReservationWithinMemory];
