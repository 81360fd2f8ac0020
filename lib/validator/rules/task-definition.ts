/** Section B: the task definition as a whole (family, the container list, essential containers). */
import { keySpan, valueSpan } from "../engine/context";
import { replaceValueFix } from "../engine/fixes";
import type { RuleDefinition } from "../engine/rule";

const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_CONTAINERS = 10;

export const familyFormat: RuleDefinition<"TD-FAMILY-FORMAT"> = {
  id: "TD-FAMILY-FORMAT",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-doc] RegisterTaskDefinition.family; [AWS-obs] cdk-preflight pf-ecs-taskdef-family",
  docs: "reference",
  awsErrorType: "ClientException",
  check(ctx) {
    const root = ctx.taskDefinition.object;
    if (!root) return;
    const family = ctx.field(root, "family", "string");
    if (family.state !== "ok" || FAMILY.test(family.value)) return;
    const invalid = [...new Set(family.value.replace(/[A-Za-z0-9_-]/g, ""))].map((c) => `"${c}"`).join(" ");
    const repaired = family.value.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 255);
    ctx.report(
      "TD-FAMILY-FORMAT",
      { family: family.value, invalid },
      valueSpan(family.node),
      ["family"],
      repaired ? [replaceValueFix(family.node, repaired)] : undefined,
    );
  },
};

export const containersNonEmpty: RuleDefinition<"TD-CONTAINERS-NONEMPTY"> = {
  id: "TD-CONTAINERS-NONEMPTY",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-obs] cdk-preflight pf-ecs-container-definitions-empty; awsdocs/aws-cloudformation-user-guide PR #454",
  docs: "reference",
  awsErrorType: "ClientException",
  check(ctx) {
    const list = ctx.taskDefinition.containerList;
    if (list.state === "ok" && list.value.length === 0) {
      ctx.report("TD-CONTAINERS-NONEMPTY", {}, keySpan(list.prop), ["containerDefinitions"]);
    }
  },
};

export const containersMax: RuleDefinition<"TD-CONTAINERS-MAX"> = {
  id: "TD-CONTAINERS-MAX",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-obs] aws/amazon-ecs-cli#184; ECS service quotas",
  docs: "reference",
  awsErrorType: "ClientException",
  check(ctx) {
    const list = ctx.taskDefinition.containerList;
    if (list.state === "ok" && list.value.length > MAX_CONTAINERS) {
      ctx.report("TD-CONTAINERS-MAX", { count: list.value.length, max: MAX_CONTAINERS }, keySpan(list.prop), ["containerDefinitions"]);
    }
  },
};

export const nameUnique: RuleDefinition<"TD-NAME-UNIQUE"> = {
  id: "TD-NAME-UNIQUE",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-obs] Shippable/support#2946, metaps/genova#291; cdk-preflight pf-ecs-duplicate-container-names",
  docs: "reference",
  awsErrorType: "ClientException",
  check(ctx) {
    const seen = new Set<string>();
    for (const container of ctx.taskDefinition.containers) {
      if (container.name === undefined) continue;
      if (seen.has(container.name)) {
        ctx.report("TD-NAME-UNIQUE", { name: container.name }, container.span, ["containerDefinitions", container.index, "name"]);
      }
      seen.add(container.name);
    }
  },
};

export const essentialContainer: RuleDefinition<"TD-ESSENTIAL"> = {
  id: "TD-ESSENTIAL",
  level: "error",
  stage: "service",
  section: "B",
  source: "[AWS-obs] eagletmt/hako#68, cdk-preflight pf-ecs-essential-container",
  docs: "reference",
  awsErrorType: "ClientException",
  check(ctx) {
    const { containers, containerList } = ctx.taskDefinition;
    if (containerList.state !== "ok" || containers.length === 0) return;
    // Omitted means essential, so only an explicit false on every container fails.
    const essentials = containers.map((container) => ctx.field(container.node, "essential", "boolean"));
    if (essentials.every((field) => field.state === "ok" && field.value === false)) {
      ctx.report("TD-ESSENTIAL", { count: containers.length }, keySpan(containerList.prop), ["containerDefinitions"]);
    }
  },
};

export const taskDefinitionRules = [familyFormat, containersNonEmpty, containersMax, nameUnique, essentialContainer];
