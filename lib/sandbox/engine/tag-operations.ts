import type { ListTagsForResourceResponse, Tag, TagResourceResponse, UntagResourceResponse } from "@aws-sdk/client-ecs";
import { resourceOf } from "./arns";
import { clusterNotFound, EcsError, invalidParameter } from "./errors";
import { optString, optStringList, type Input } from "./input";
import type { Operation } from "./operation";
import { ECS_QUOTAS } from "./quotas";
import type { SandboxState } from "./state";
import { readTags, tooManyTags } from "./tags";
import { findTaskDefinition } from "./task-definitions";

const notFound = () => new EcsError("ResourceNotFoundException", "The specified resource could not be found.");

/**
 * What holds the tag list of the resource an ARN names (cluster, service, task, task definition, container
 * instance). Reads get the holder as stored (frozen), so only a write may give it a list it lacks.
 */
function taggedOf(state: SandboxState, arn: string | undefined): { tags?: Tag[] } {
  if (!arn || !arn.startsWith("arn:")) throw invalidParameter("resourceArn must be a valid Amazon ECS resource ARN.");
  const type = /^arn:[^:]+:ecs:[^:]*:[^:]*:([a-z-]+)\//.exec(arn)?.[1];
  const path = type ? resourceOf(state, arn, type) : null;
  if (!type || path === null) throw notFound();
  const [first, second, third] = path.split("/");
  const clusterOf = (name: string) => {
    const cluster = state.clusters[name];
    if (!cluster || cluster.status !== "ACTIVE") throw clusterNotFound();
    return cluster;
  };
  switch (type) {
    case "cluster":
      return clusterOf(first);
    case "service": {
      clusterOf(first);
      const record = state.services[`${first}/${second}`];
      if (!record) throw notFound();
      return record.service;
    }
    case "task": {
      clusterOf(first);
      const task = state.tasks[second];
      if (!task || task.clusterArn !== state.clusters[first].clusterArn) throw notFound();
      return task;
    }
    case "container-instance": {
      clusterOf(first);
      const record = state.containerInstances[second];
      if (!record || record.clusterName !== first) throw notFound();
      return record.instance;
    }
    case "task-definition": {
      const found = findTaskDefinition(state, [first, second, third].filter(Boolean).join("/"));
      if (!found) throw notFound();
      return found;
    }
    default:
      throw notFound();
  }
}

function tagResource(state: SandboxState, input: Input): TagResourceResponse {
  const tags = (taggedOf(state, optString(input, "resourceArn")).tags ??= []);
  for (const tag of readTags(input)) {
    const existing = tags.find((t) => t.key === tag.key);
    if (existing) existing.value = tag.value;
    else tags.push(tag);
  }
  if (tags.length > ECS_QUOTAS.tagsPerResource) throw tooManyTags();
  return {};
}

function untagResource(state: SandboxState, input: Input): UntagResourceResponse {
  const tags = (taggedOf(state, optString(input, "resourceArn")).tags ??= []);
  const keys = optStringList(input, "tagKeys") ?? [];
  const kept = tags.filter((t) => !keys.includes(t.key!));
  tags.splice(0, tags.length, ...kept);
  return {};
}

function listTagsForResource(state: SandboxState, input: Input): ListTagsForResourceResponse {
  return { tags: [...(taggedOf(state, optString(input, "resourceArn")).tags ?? [])] };
}

export const tagOperations: Record<string, Operation> = {
  TagResource: { readOnly: false, run: tagResource },
  UntagResource: { readOnly: false, run: untagResource },
  ListTagsForResource: { readOnly: true, run: listTagsForResource },
};
