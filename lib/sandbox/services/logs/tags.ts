/**
 * Tags of log groups (the only taggable Logs resource the sandbox has), named by the group's ARN without `:*`
 * ([AWS-doc] LogGroup.logGroupArn: "Use this version … in the resourceArn field in tagging APIs").
 */
import type { Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { LOGS_ERRORS } from "./errors";
import { API_LIMITS } from "./limits";
import { findGroup, groupNameOfArn } from "./names";
import { RULES, Violations } from "./validation";

/** A `tags` map checked against the model (Tags: 1–50 entries; TagKey, TagValue). */
export function readTagMap(v: Violations, input: Input, key: string, required: boolean): Record<string, string> | undefined {
  return v.stringMap(input, key, { required, min: 1, max: API_LIMITS.tagsPerResource, key: RULES.tagKey, value: RULES.tagValue });
}

/** The log group a tagging call's resourceArn names, or the error AWS answers. */
function taggedGroup(state: SandboxState, arn: string): string {
  if (!arn.startsWith("arn:") || arn.split(":").length < 6) throw LOGS_ERRORS.invalidArn(arn);
  const name = groupNameOfArn(state, arn);
  if (name === null || !findGroup(state, name)) throw LOGS_ERRORS.resourceNotFound();
  return name;
}

export function tagResource(state: SandboxState, input: Input): object {
  const v = new Violations();
  const arn = v.string(input, "resourceArn", { ...RULES.resourceArn, required: true });
  const tags = readTagMap(v, input, "tags", true);
  v.done();
  const name = taggedGroup(state, arn!);
  const merged = { ...findGroup(state, name)!.tags, ...tags };
  if (Object.keys(merged).length > API_LIMITS.tagsPerResource) throw LOGS_ERRORS.tooManyTags();
  state.logGroups[name].tags = merged;
  return {};
}

export function untagResource(state: SandboxState, input: Input): object {
  const v = new Violations();
  const arn = v.string(input, "resourceArn", { ...RULES.resourceArn, required: true });
  const keys = v.stringList(input, "tagKeys", { min: 0, max: API_LIMITS.tagsPerResource, member: RULES.tagKey });
  if (keys === undefined) v.add(null, "tagKeys", "Member must not be null");
  v.done();
  const name = taggedGroup(state, arn!);
  const remaining = { ...findGroup(state, name)!.tags };
  for (const key of keys!) delete remaining[key];
  state.logGroups[name].tags = remaining;
  return {};
}

export function listTagsForResource(state: SandboxState, input: Input): { tags: Record<string, string> } {
  const v = new Violations();
  const arn = v.string(input, "resourceArn", { ...RULES.resourceArn, required: true });
  v.done();
  return { tags: { ...findGroup(state, taggedGroup(state, arn!))!.tags } };
}
