/**
 * "Beyond the linters" (validator-rules.md §5): mistakes no linter reports and AWS accepts, which still
 * make the task do something other than what the learner meant.
 */
import { keySpan, type RuleContext } from "../engine/context";
import { at, defineRule, list, logConfigurationOf, obj, objectsOf, str, stringsOf, top } from "./define";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ECR_REGION = /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/;
const ARN_REGION = /^arn:aws[a-z-]*:(?:secretsmanager|ssm):([a-z0-9-]+):/;

export const commandOneString = defineRule("BL-COMMAND-ONE-STRING", "warning", "M", "validator-rules.md §5.15 (our addition)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const member of ["command", "entryPoint"]) {
      const items = stringsOf(ctx, container.node, member);
      const first = items[0];
      // ["npm run start"] execs a binary literally named "npm run start" unless the image's ENTRYPOINT is a
      // shell, which the validator cannot see: so a warning, not a runtime failure.
      if (items.length !== 1 || first.index !== 0 || !/\s/.test(first.value.trim())) continue;
      if (member === "command" && stringsOf(ctx, container.node, "entryPoint").length > 0) continue;
      const words = first.value.trim().split(/\s+/);
      const split = JSON.stringify(words);
      ctx.report("BL-COMMAND-ONE-STRING", { container: container.label, member, binary: words[0] }, first.span, at(container, member, 0), [
        { kind: "replaceValue", params: { text: split }, edits: [{ start: list(ctx, container.node, member)!.node.start, end: list(ctx, container.node, member)!.node.end, newText: split }] },
      ]);
    }
  }
});

export const workingDirectoryRelative = defineRule("BL-WORKDIR-RELATIVE", "warning", "M", "validator-rules.md §5.15 (our addition)", (ctx) => {
  if (ctx.taskDefinition.windows) return;
  for (const container of ctx.taskDefinition.containers) {
    const dir = str(ctx, container.node, "workingDirectory");
    if (dir && !dir.value.startsWith("/")) ctx.report("BL-WORKDIR-RELATIVE", { container: container.label, value: dir.value }, dir.span, at(container, "workingDirectory"));
  }
});

export const environmentName = defineRule("BL-ENV-NAME", "warning", "M", "validator-rules.md §5.15 (our addition)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const member of ["environment", "secrets"]) {
      for (const { node, index } of objectsOf(ctx, container.node, member)) {
        const name = str(ctx, node, "name");
        if (name && !ENV_NAME.test(name.value)) ctx.report("BL-ENV-NAME", { container: container.label, name: name.value }, name.span, at(container, member, index, "name"));
      }
    }
  }
});

export const reservedLabel = defineRule("BL-LABEL-RESERVED", "warning", "M", "validator-rules.md §5.15 (our addition)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    for (const prop of obj(ctx, container.node, "dockerLabels")?.value.props ?? []) {
      if (prop.key.startsWith("com.amazonaws.ecs.")) ctx.report("BL-LABEL-RESERVED", { container: container.label, label: prop.key }, keySpan(prop), at(container, "dockerLabels", prop.key));
    }
  }
});

/** The Region the task's logs go to: the task's own Region as far as the document says. */
function taskRegion(ctx: RuleContext): string | undefined {
  for (const container of ctx.taskDefinition.containers) {
    const region = str(ctx, logConfigurationOf(ctx, container)?.options?.value, "awslogs-region");
    if (region) return region.value;
  }
  return undefined;
}

export const regionMismatch = defineRule("BL-REGION-MISMATCH", "warning", "M", "validator-rules.md §5.6 and §5.8 (our addition)", (ctx) => {
  if (!top(ctx)) return;
  const region = taskRegion(ctx);
  if (!region) return;
  for (const container of ctx.taskDefinition.containers) {
    const image = str(ctx, container.node, "image");
    const imageRegion = image && ECR_REGION.exec(image.value)?.[1];
    if (image && imageRegion && imageRegion !== region) ctx.report("BL-REGION-MISMATCH", { what: "image", region: imageRegion, taskRegion: region }, image.span, at(container, "image"));
    for (const { node, index } of objectsOf(ctx, container.node, "secrets")) {
      const valueFrom = str(ctx, node, "valueFrom");
      const secretRegion = valueFrom && ARN_REGION.exec(valueFrom.value)?.[1];
      if (valueFrom && secretRegion && secretRegion !== region) ctx.report("BL-REGION-MISMATCH", { what: "secret", region: secretRegion, taskRegion: region }, valueFrom.span, at(container, "secrets", index, "valueFrom"));
    }
  }
});

export const teachingRules = [commandOneString, workingDirectoryRelative, environmentName, reservedLabel, regionMismatch];
