/**
 * What the service rules (sections K and L) need, computed once: the service input's main settings, the
 * launch type it resolves to, and the task definition it names when the lesson provides it.
 */
import { fromValue, findProp, type JsonNode } from "../json/tree";
import { MAX_DEPTH } from "../json/parse";
import { RuleContext, TaskDefinitionView, valueSpan, type Span } from "./context";

export type LaunchKind = "EC2" | "FARGATE" | "EXTERNAL" | "MANAGED_INSTANCES";

export interface ReferencedTaskDefinition {
  view: TaskDefinitionView;
  ctx: RuleContext;
}

export class ServiceView {
  readonly object?: JsonNode;
  /** The launch type the service resolves to; undefined when it depends on the cluster's default strategy. */
  readonly launch?: LaunchKind;
  /** Fargate is chosen through a FARGATE or FARGATE_SPOT capacity provider. */
  readonly fargateSpot: boolean;
  readonly daemon: boolean;
  /** The deployment controller type (ECS when omitted). */
  readonly controller: string;
  readonly taskDefinition?: ReferencedTaskDefinition;
  /** Where findings about the whole service point: serviceName/service, or the opening brace. */
  readonly span: Span;

  constructor(ctx: RuleContext) {
    const root = ctx.root;
    this.object = root.kind === "object" ? root : undefined;
    this.fargateSpot = false;
    this.daemon = false;
    this.controller = "ECS";
    this.span = { start: root.start, end: Math.min(root.start + 1, root.end) };
    if (!this.object) return;
    const text = (name: string) => {
      const field = ctx.field(this.object!, name, "string");
      return field.state === "ok" ? field.value : undefined;
    };
    const name = findProp(this.object, "serviceName") ?? findProp(this.object, "service");
    if (name) this.span = valueSpan(name.node);
    this.daemon = text("schedulingStrategy") === "DAEMON";
    const controller = ctx.field(this.object, "deploymentController", "object");
    if (controller.state === "ok") {
      const type = ctx.field(controller.value, "type", "string");
      if (type.state === "ok") this.controller = type.value;
    }
    // UpdateService cannot change the launch type (it has no such member), so only CreateService's counts.
    const launchType = ctx.operation === "CreateService" ? text("launchType") : undefined;
    const strategy = ctx.field(this.object, "capacityProviderStrategy", "array");
    const providers = strategy.state === "ok" ? strategy.value.flatMap((item) => {
      const provider = item.kind === "object" ? ctx.field(item, "capacityProvider", "string") : undefined;
      return provider?.state === "ok" ? [provider.value] : [];
    }) : [];
    if (launchType === "EC2" || launchType === "FARGATE" || launchType === "EXTERNAL" || launchType === "MANAGED_INSTANCES") this.launch = launchType;
    else if (providers.length > 0 && providers.every((p) => p === "FARGATE" || p === "FARGATE_SPOT")) this.launch = "FARGATE";
    else if (providers.length > 0) this.launch = "EC2";
    this.fargateSpot = providers.includes("FARGATE_SPOT");
    this.taskDefinition = referencedTaskDefinition(ctx, text("taskDefinition"));
  }
}

/** `family`, `family:3` or `arn:aws:ecs:…:task-definition/family:3` → family and revision. */
export function parseTaskDefinitionReference(reference: string): { family: string; revision?: number } {
  const afterSlash = reference.includes("task-definition/") ? reference.slice(reference.indexOf("task-definition/") + "task-definition/".length) : reference;
  const [family, revision] = afterSlash.split(":");
  return { family, revision: revision !== undefined && /^\d+$/.test(revision) ? Number(revision) : undefined };
}

function referencedTaskDefinition(ctx: RuleContext, reference: string | undefined): ReferencedTaskDefinition | undefined {
  const given = ctx.options.taskDefinitions ?? [];
  if (given.length === 0) return undefined;
  let chosen: unknown;
  if (reference === undefined) {
    // UpdateService without taskDefinition keeps the service's own: the lesson's only one, if it has one.
    if (given.length === 1) chosen = given[0];
  } else {
    const wanted = parseTaskDefinitionReference(reference);
    const sameFamily = given.filter((td) => familyOf(td) === wanted.family);
    chosen = sameFamily.find((td) => wanted.revision === undefined || revisionOf(td) === wanted.revision) ?? sameFamily[sameFamily.length - 1];
  }
  if (chosen === undefined) return undefined;
  const tdCtx = new RuleContext(fromValue(chosen, MAX_DEPTH), "editor");
  return { view: tdCtx.taskDefinition, ctx: tdCtx };
}

function familyOf(value: unknown): string | undefined {
  const inner = (value as { taskDefinition?: unknown })?.taskDefinition ?? value;
  const family = (inner as { family?: unknown })?.family;
  return typeof family === "string" ? family : undefined;
}

function revisionOf(value: unknown): number | undefined {
  const inner = (value as { taskDefinition?: unknown })?.taskDefinition ?? value;
  const revision = (inner as { revision?: unknown })?.revision;
  return typeof revision === "number" ? revision : undefined;
}
