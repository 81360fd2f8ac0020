/**
 * AddTags, RemoveTags, DescribeTags on load balancers, target groups, listeners and rules (by ARN; the kind of ARN
 * says which error a missing resource gets). A listener's default rule takes no tags [inferred].
 */
import type { Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { arnKind, mergeTags, readTags, requireElbArn, strList } from "./common";
import { constraint, listenersNotFound, loadBalancersNotFound, rulesNotFound, targetGroupsNotFound, validation, validationFailed } from "./errors";
import { ELB_QUOTAS } from "./quotas";
import type { ElbTag } from "./state";

/** The resource's stored record (whose `tags` can be changed on a draft). */
function taggable(state: SandboxState, arn: string): { tags: ElbTag[] } {
  requireElbArn(arn);
  switch (arnKind(arn)) {
    case "loadbalancer":
      return state.elbLoadBalancers[arn] ?? fail(loadBalancersNotFound());
    case "targetgroup":
      return state.elbTargetGroups[arn] ?? fail(targetGroupsNotFound());
    case "listener":
      return state.elbListeners[arn] ?? fail(listenersNotFound());
    default:
      return state.elbRules[arn] ?? fail(rulesNotFound());
  }
}

function fail(error: Error): never {
  throw error;
}

function resourceArns(input: Input): string[] {
  const arns = strList(input, "ResourceArns");
  if (!arns || arns.length === 0) throw validationFailed([constraint.notNull("resourceArns")]);
  return arns;
}

const addTags: Operation = {
  readOnly: false,
  run(state: SandboxState, input) {
    const arns = resourceArns(input);
    const tags = readTags(input);
    if (!tags || tags.length === 0) throw validationFailed([constraint.notNull("tags")]);
    const records = arns.map((arn) => taggable(state, arn));
    const merged = records.map((record) => mergeTags(record.tags, tags));
    records.forEach((record, i) => (record.tags = merged[i]));
    return {};
  },
};

const removeTags: Operation = {
  readOnly: false,
  run(state: SandboxState, input) {
    const arns = resourceArns(input);
    const keys = strList(input, "TagKeys");
    if (!keys || keys.length === 0) throw validationFailed([constraint.notNull("tagKeys")]);
    const records = arns.map((arn) => taggable(state, arn));
    for (const record of records) record.tags = record.tags.filter((t) => !keys.includes(t.Key));
    return {};
  },
};

const describeTags: Operation = {
  readOnly: true,
  run(state: SandboxState, input) {
    const arns = resourceArns(input);
    // [AWS-doc] DescribeTags ResourceArns: "You can specify up to 20 resources in a single call." Wording [inferred].
    if (arns.length > ELB_QUOTAS.describeTagsResources) throw validation(`You can specify up to ${ELB_QUOTAS.describeTagsResources} resources in a single call`);
    return { TagDescriptions: arns.map((arn) => ({ ResourceArn: arn, Tags: taggable(state, arn).tags.map((t) => ({ ...t })) })) };
  },
};

export const tagOperations: Record<string, Operation> = { AddTags: addTags, RemoveTags: removeTags, DescribeTags: describeTags };
