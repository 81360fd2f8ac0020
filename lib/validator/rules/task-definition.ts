/** Section B: the task definition as a whole (family, the container list, essential containers). */
import { keySpan, openingOf, valueSpan, type RuleContext } from "../engine/context";
import { removeMemberFix, replaceValueFix } from "../engine/fixes";
import type { RuleDefinition } from "../engine/rule";
import { parseTaskMemory } from "../fargate/sizes";
import { at, defineRule, int, list, obj, objectsOf, present, str, stringsOf, top } from "./define";

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


const MAX_PLACEMENT_CONSTRAINTS = 10;
const MAX_EXPRESSION = 2000;
const EPHEMERAL = { min: 21, max: 200 };
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** ECS's task definition quota: the request body, 64 KiB. */
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024;

export const placementConstraint = defineRule("TD-PLACEMENT-CONSTRAINT", "error", "B", "[AWS-doc] TaskDefinitionPlacementConstraint", (ctx) => {
  const items = objectsOf(ctx, top(ctx), "placementConstraints");
  items.forEach(({ node, index }) => {
    const type = str(ctx, node, "type");
    const expression = str(ctx, node, "expression");
    if (type && type.value !== "memberOf") {
      ctx.report("TD-PLACEMENT-CONSTRAINT", { problem: "type", value: type.value }, type.span, ["placementConstraints", index, "type"], [replaceValueFix(type.node, "memberOf")]);
    } else if (!present(node, "expression")) {
      ctx.report("TD-PLACEMENT-CONSTRAINT", { problem: "expression" }, openingOf(node), ["placementConstraints", index, "expression"]);
    } else if (expression && expression.value.length > MAX_EXPRESSION) {
      ctx.report("TD-PLACEMENT-CONSTRAINT", { problem: "length", value: String(expression.value.length) }, expression.span, ["placementConstraints", index, "expression"]);
    }
  });
  if (items.length > MAX_PLACEMENT_CONSTRAINTS) {
    ctx.report("TD-PLACEMENT-CONSTRAINT", { problem: "count", value: String(items.length) }, openingOf(items[MAX_PLACEMENT_CONSTRAINTS].node), ["placementConstraints", MAX_PLACEMENT_CONSTRAINTS]);
  }
});

export const ephemeralRange = defineRule("TD-EPHEMERAL-RANGE", "error", "B", "[AWS-obs] cdk-preflight pf-ecs-ephemeral-storage-range", (ctx) => {
  const size = int(ctx, obj(ctx, top(ctx), "ephemeralStorage")?.value, "sizeInGiB");
  if (size && (size.value < EPHEMERAL.min || size.value > EPHEMERAL.max)) {
    const bound = size.value < EPHEMERAL.min ? EPHEMERAL.min : EPHEMERAL.max;
    ctx.report("TD-EPHEMERAL-RANGE", { size: size.value, bound, tooSmall: size.value < EPHEMERAL.min }, size.span, ["ephemeralStorage", "sizeInGiB"], [replaceValueFix(size.node, bound)]);
  }
});

export const ephemeralOnEc2 = defineRule("TD-EPHEMERAL-EC2", "error", "B", "[AWS-obs] cdk-preflight pf-ecs-fargate-ephemeral-storage-ec2", (ctx) => {
  const view = ctx.taskDefinition;
  const prop = view.object?.props?.find((p) => p.key === "ephemeralStorage" && p.node.kind === "object");
  if (prop && view.ec2) ctx.report("TD-EPHEMERAL-EC2", { compatibilitiesGiven: present(view.object, "requiresCompatibilities") !== undefined }, keySpan(prop), ["ephemeralStorage"]);
});

export const inferenceRetired = defineRule("TD-INFERENCE-RETIRED", "error", "B", "[AWS-obs] cdk-preflight pf-ecs-fargate-inference-accelerator; botocore deprecatedMessage", (ctx) => {
  const root = top(ctx);
  const accelerators = list(ctx, root, "inferenceAccelerators");
  if (accelerators && accelerators.value.length > 0) {
    const prop = root!.props!.find((p) => p.key === "inferenceAccelerators")!;
    ctx.report("TD-INFERENCE-RETIRED", { member: "inferenceAccelerators" }, keySpan(prop), ["inferenceAccelerators"]);
  }
  for (const container of ctx.taskDefinition.containers) {
    for (const { node, index } of objectsOf(ctx, container.node, "resourceRequirements")) {
      const type = str(ctx, node, "type");
      if (type?.value === "InferenceAccelerator") ctx.report("TD-INFERENCE-RETIRED", { member: "resourceRequirements" }, type.span, at(container, "resourceRequirements", index, "type"));
    }
  }
});

export const roleArnFormat = defineRule("TD-ROLE-ARN-FORMAT", "error", "B", "cfn-lint E1156, E3511; [AWS-obs] fabfuel/ecs-deploy#231", (ctx) => {
  const root = top(ctx);
  // An empty role (console exports write "") is read as no role.
  const execution = str(ctx, root, "executionRoleArn");
  if (execution && execution.value !== "" && !ROLE_ARN.test(execution.value)) ctx.report("TD-ROLE-ARN-FORMAT", { member: "executionRoleArn", value: execution.value }, execution.span, ["executionRoleArn"]);
  const task = str(ctx, root, "taskRoleArn");
  if (task && task.value !== "" && !ROLE_ARN.test(task.value) && !ROLE_NAME.test(task.value)) ctx.report("TD-ROLE-ARN-FORMAT", { member: "taskRoleArn", value: task.value }, task.span, ["taskRoleArn"]);
});

export const armWindows = defineRule("TD-RUNTIME-ARM-WINDOWS", "error", "B", "[AWS-doc] RuntimePlatform; cdk-preflight pf-ecs-windows-arm64", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.windows || view.fargate) return; // On Fargate FG-WINDOWS-SIZE says it with the size rules.
  const arch = str(ctx, obj(ctx, view.object, "runtimePlatform")?.value, "cpuArchitecture");
  if (arch?.value === "ARM64") ctx.report("TD-RUNTIME-ARM-WINDOWS", {}, arch.span, ["runtimePlatform", "cpuArchitecture"], [replaceValueFix(arch.node, "X86_64")]);
});

export const documentSize = defineRule("TD-SIZE", "error", "B", "[AWS-doc] ECS service quotas (task definition size)", (ctx) => {
  if (ctx.text === undefined || ctx.text.length * 3 < MAX_TASK_DEFINITION_BYTES) return;
  const bytes = new TextEncoder().encode(ctx.text).length;
  if (bytes > MAX_TASK_DEFINITION_BYTES) ctx.report("TD-SIZE", { bytes, max: MAX_TASK_DEFINITION_BYTES }, openingOf(ctx.root), []);
});

export const compatibilitiesUnique = defineRule("TD-REQCOMPAT-UNIQUE", "error", "B", "CFN schema uniqueItems (cfn-lint E3037)", (ctx) => {
  const seen = new Set<string>();
  for (const item of stringsOf(ctx, top(ctx), "requiresCompatibilities")) {
    if (seen.has(item.value)) ctx.report("TD-REQCOMPAT-UNIQUE", { value: item.value }, item.span, ["requiresCompatibilities", item.index], removable(ctx, item.index));
    seen.add(item.value);
  }
});

function removable(ctx: RuleContext, index: number) {
  if (ctx.text === undefined) return undefined;
  const fix = removeMemberFix(ctx.text, ["requiresCompatibilities", index]);
  return fix ? [fix] : undefined;
}

export const effectiveMemorySum = defineRule("TD-SUM-MEMORY-EFFECTIVE", "warning", "B", "[AWS-doc] ContainerDefinition.memory", (ctx) => {
  const memory = str(ctx, top(ctx), "memory");
  const taskMemory = memory && parseTaskMemory(memory.value);
  if (!memory || taskMemory === undefined) return;
  let sum = 0;
  for (const container of ctx.taskDefinition.containers) sum += int(ctx, container.node, "memoryReservation")?.value ?? int(ctx, container.node, "memory")?.value ?? 0;
  if (sum > taskMemory) ctx.report("TD-SUM-MEMORY-EFFECTIVE", { sum, taskMemory }, memory.span, ["memory"]);
});
