/** Tags given at creation (`TagSpecifications=[{ResourceType, Tags}]`), checked against EC2's tag restrictions. */
import type { Input } from "../../engine/input";
import { invalidParameterValue } from "./errors";
import { objList, str } from "./input";
import { EC2_QUOTAS } from "./quotas";
import type { Ec2Tag } from "./state";

export function readTagSpecifications(input: Input, resourceType: string): Ec2Tag[] {
  const tags: Ec2Tag[] = [];
  for (const spec of objList(input, "TagSpecifications") ?? []) {
    const type = str(spec, "ResourceType");
    // [inferred] wording; AWS refuses a tag specification for a resource type the call does not create.
    if (type !== undefined && type !== resourceType) {
      throw invalidParameterValue(`'${type}' is not a valid taggable resource type for this operation.`);
    }
    for (const tag of objList(spec, "Tags") ?? []) {
      const Key = str(tag, "Key") ?? "";
      const Value = str(tag, "Value") ?? "";
      // [inferred] wordings; the limits are EC2's tag restrictions (quotas.ts).
      if (Key.length === 0 || Key.length > EC2_QUOTAS.tagKeyLength) throw invalidParameterValue(`Tag key must be between 1 and ${EC2_QUOTAS.tagKeyLength} characters long.`);
      if (Value.length > EC2_QUOTAS.tagValueLength) throw invalidParameterValue(`Tag value must be at most ${EC2_QUOTAS.tagValueLength} characters long.`);
      if (Key.toLowerCase().startsWith("aws:")) throw invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
      const same = tags.findIndex((t) => t.Key === Key);
      if (same >= 0) tags[same] = { Key, Value };
      else tags.push({ Key, Value });
    }
  }
  if (tags.length > EC2_QUOTAS.tagsPerResource) throw invalidParameterValue(`The number of tags must not exceed ${EC2_QUOTAS.tagsPerResource}.`); // [inferred]
  return tags;
}
