import type { Tag } from "@aws-sdk/client-ecs";
import { invalidParameter } from "./errors";
import { optObjectList, optString, type Input } from "./input";
import { ECS_QUOTAS } from "./quotas";

export const tooManyTags = () => invalidParameter(`A resource can have at most ${ECS_QUOTAS.tagsPerResource} tags.`);

/** The `tags` member of a create/run request, checked against the documented tag limits. */
export function readTags(input: Input): Tag[] {
  const items = optObjectList(input, "tags") ?? [];
  if (items.length > ECS_QUOTAS.tagsPerResource) throw tooManyTags();
  return items.map((item) => {
    const key = optString(item, "key");
    const value = optString(item, "value") ?? "";
    if (!key || key.length > 128) throw invalidParameter("Tag keys must be between 1 and 128 characters long.");
    if (value.length > 256) throw invalidParameter("Tag values can be at most 256 characters long.");
    if (key.toLowerCase().startsWith("aws:")) throw invalidParameter("Tag keys beginning with 'aws:' are reserved for AWS use.");
    return { key, value };
  });
}
