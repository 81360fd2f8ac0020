/** API-TAGS: the tagging limits every ECS resource shares (task definitions and services alike). */
import { valueSpan, type RuleContext } from "../engine/context";
import { defineRule, objectsOf, str } from "./define";

const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const apiTags = defineRule("API-TAGS", "error", "A", "[AWS-doc] Tag; cfn-lint E3031/E3032", (ctx: RuleContext) => {
  const root = ctx.definition;
  const items = objectsOf(ctx, root, "tags");
  if (items.length > MAX_TAGS) ctx.report("API-TAGS", { problem: "count", value: String(items.length) }, valueSpan(items[MAX_TAGS].node), ["tags", MAX_TAGS]);
  const seen = new Set<string>();
  for (const { node, index } of items) {
    const key = str(ctx, node, "key");
    const value = str(ctx, node, "value");
    if (key) {
      // botocore already reports an empty key (CLI-STRLEN).
      const problem =
        key.value.length > MAX_KEY ? "keyLength" : !TAG_CHARS.test(key.value) ? "keyChars" : /^aws:/i.test(key.value) ? "reserved" : seen.has(key.value) ? "duplicate" : undefined;
      if (problem) ctx.report("API-TAGS", { problem, value: key.value }, key.span, ["tags", index, "key"]);
      seen.add(key.value);
    }
    if (value && (value.value.length > MAX_VALUE || !TAG_CHARS.test(value.value))) {
      ctx.report("API-TAGS", { problem: value.value.length > MAX_VALUE ? "valueLength" : "valueChars", value: value.value }, value.span, ["tags", index, "value"]);
    }
  }
});
