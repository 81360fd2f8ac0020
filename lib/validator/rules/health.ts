/** Section G: container health checks and the dependsOn graph. */
import type { ContainerView, RuleContext } from "../engine/context";
import { replaceValueFix } from "../engine/fixes";
import { at, bool, defineRule, int, obj, objectsOf, present, str } from "./define";

type Bound = { member: "interval" | "timeout" | "retries" | "startPeriod"; min: number; max: number };
const BOUNDS: Record<string, Bound> = {
  "HC-INTERVAL-RANGE": { member: "interval", min: 5, max: 300 },
  "HC-TIMEOUT-RANGE": { member: "timeout", min: 2, max: 60 },
  "HC-RETRIES-RANGE": { member: "retries", min: 1, max: 10 },
  "HC-STARTPERIOD-RANGE": { member: "startPeriod", min: 0, max: 300 },
};
const FARGATE_START_TIMEOUT = { min: 2, max: 120 };

function healthCheckOf(ctx: RuleContext, container: ContainerView) {
  return obj(ctx, container.node, "healthCheck")?.value;
}

function rangeRule(id: "HC-INTERVAL-RANGE" | "HC-TIMEOUT-RANGE" | "HC-RETRIES-RANGE" | "HC-STARTPERIOD-RANGE", source: string) {
  const bound = BOUNDS[id];
  return defineRule(id, "error", "G", source, (ctx) => {
    for (const container of ctx.taskDefinition.containers) {
      const value = int(ctx, healthCheckOf(ctx, container), bound.member);
      if (!value || (value.value >= bound.min && value.value <= bound.max)) continue;
      const fixed = Math.min(bound.max, Math.max(bound.min, value.value));
      ctx.report(id as "HC-INTERVAL-RANGE", { container: container.label, value: value.value, min: bound.min, max: bound.max }, value.span, at(container, "healthCheck", bound.member), [
        replaceValueFix(value.node, fixed),
      ]);
    }
  });
}

export const intervalRange = rangeRule("HC-INTERVAL-RANGE", "[AWS-obs] cdk-preflight pf-ecs-healthcheck-interval-range");
export const timeoutRange = rangeRule("HC-TIMEOUT-RANGE", "[AWS-obs] cdk-preflight pf-ecs-healthcheck-timeout-range");
export const retriesRange = rangeRule("HC-RETRIES-RANGE", "[AWS-obs] cdk-preflight pf-ecs-healthcheck-retries-range");
export const startPeriodRange = rangeRule("HC-STARTPERIOD-RANGE", "[AWS-obs] cdk-preflight pf-ecs-healthcheck-start-period-range");

export const commandPrefix = defineRule("HC-COMMAND-PREFIX", "runtime", "G", "[AWS-doc] HealthCheck.command", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const command = healthCheckOf(ctx, container)?.props?.find((p) => p.key === "command")?.node;
    const first = command?.kind === "array" ? command.items![0] : undefined;
    if (!first || first.kind !== "string" || ctx.isPlaceholder(first.value as string)) continue;
    const value = first.value as string;
    if (value === "CMD" || value === "CMD-SHELL" || value === "NONE") continue;
    const fixes = command!.items!.length === 1 ? [{ kind: "replaceValue" as const, params: { text: `["CMD-SHELL", ${JSON.stringify(value)}]` }, edits: [{ start: command!.start, end: command!.end, newText: `["CMD-SHELL", ${JSON.stringify(value)}]` }] }] : undefined;
    ctx.report("HC-COMMAND-PREFIX", { container: container.label, first: value }, { start: first.start, end: first.end }, at(container, "healthCheck", "command", 0), fixes);
  }
});

export const cmdShellOneString = defineRule("HC-CMDSHELL-ONE-STRING", "warning", "G", "Docker HEALTHCHECK semantics (our addition)", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const command = healthCheckOf(ctx, container)?.props?.find((p) => p.key === "command")?.node;
    if (command?.kind !== "array" || command.items![0]?.value !== "CMD-SHELL" || command.items!.length <= 2) continue;
    const words = command.items!.slice(1).filter((item) => item.kind === "string").map((item) => item.value as string);
    const joined = JSON.stringify(["CMD-SHELL", words.join(" ")]);
    ctx.report("HC-CMDSHELL-ONE-STRING", { container: container.label, count: command.items!.length - 1 }, { start: command.items![2].start, end: command.items![2].end }, at(container, "healthCheck", "command", 2), [
      { kind: "replaceValue", params: { text: joined }, edits: [{ start: command.start, end: command.end, newText: joined }] },
    ]);
  }
});

export const timeoutBelowInterval = defineRule("HC-TIMEOUT-LT-INTERVAL", "warning", "G", "our addition", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const hc = healthCheckOf(ctx, container);
    const timeout = int(ctx, hc, "timeout");
    const interval = int(ctx, hc, "interval")?.value ?? 30;
    if (timeout && timeout.value >= interval) ctx.report("HC-TIMEOUT-LT-INTERVAL", { container: container.label, timeout: timeout.value, interval }, timeout.span, at(container, "healthCheck", "timeout"));
  }
});

function essential(ctx: RuleContext, container: ContainerView): boolean {
  return bool(ctx, container.node, "essential")?.value !== false;
}

export const healthCheckMissing = defineRule("HC-MISSING", "warning", "G", "KICS \"ECS Task Definition HealthCheck Missing\"; ECS best practices", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    if (essential(ctx, container) && !present(container.node, "healthCheck")) ctx.report("HC-MISSING", { container: container.label }, container.span, at(container, "healthCheck"));
  }
});

interface Dependency {
  container: ContainerView;
  index: number;
  target?: { value: string; span: { start: number; end: number } };
  condition?: string;
}

function dependenciesOf(ctx: RuleContext, container: ContainerView): Dependency[] {
  return objectsOf(ctx, container.node, "dependsOn").map(({ node, index }) => ({
    container,
    index,
    target: str(ctx, node, "containerName"),
    condition: str(ctx, node, "condition")?.value,
  }));
}

const depPath = (d: Dependency, member: string) => at(d.container, "dependsOn", d.index, member);

export const dependencyTargetExists = defineRule("DEP-UNKNOWN-CONTAINER", "error", "G", "[AWS-obs] eagletmt/hako#99, dagster#6926; cdk-preflight pf-ecs-dependson-container-missing", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.namesKnown) return;
  for (const container of view.containers) {
    for (const dep of dependenciesOf(ctx, container)) {
      if (dep.target && !view.byName.has(dep.target.value)) ctx.report("DEP-UNKNOWN-CONTAINER", { name: dep.target.value }, dep.target.span, depPath(dep, "containerName"));
    }
  }
});

export const completeOnEssential = defineRule("DEP-COMPLETE-ON-ESSENTIAL", "error", "G", "[AWS-obs] boto/boto3#2436, compose-x#302; cdk-preflight pf-ecs-dependson-complete-on-essential", (ctx) => {
  const view = ctx.taskDefinition;
  for (const container of view.containers) {
    for (const dep of dependenciesOf(ctx, container)) {
      const target = dep.target && view.byName.get(dep.target.value);
      if (!target || (dep.condition !== "COMPLETE" && dep.condition !== "SUCCESS") || !essential(ctx, target)) continue;
      if (bool(ctx, target.node, "essential") === undefined && present(target.node, "essential")) continue;
      ctx.report("DEP-COMPLETE-ON-ESSENTIAL", { target: target.label, condition: dep.condition }, dep.target!.span, depPath(dep, "containerName"));
    }
  }
});

export const healthyNeedsHealthCheck = defineRule("DEP-HEALTHY-NEEDS-HC", "error", "G", "[AWS-obs] cdk-preflight pf-ecs-dependson-healthy-without-healthcheck", (ctx) => {
  const view = ctx.taskDefinition;
  for (const container of view.containers) {
    for (const dep of dependenciesOf(ctx, container)) {
      const target = dep.target && view.byName.get(dep.target.value);
      if (target && dep.condition === "HEALTHY" && !present(target.node, "healthCheck")) {
        ctx.report("DEP-HEALTHY-NEEDS-HC", { target: target.label }, dep.target!.span, depPath(dep, "containerName"));
      }
    }
  }
});

export const dependencyCycle = defineRule("DEP-CYCLE", "error", "G", "our addition (graph check): a cycle can never resolve in the agent", (ctx) => {
  const view = ctx.taskDefinition;
  const edges = new Map<string, Dependency[]>();
  for (const container of view.containers) if (container.name) edges.set(container.name, dependenciesOf(ctx, container).filter((d) => d.target && view.byName.has(d.target.value)));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, "open");
    stack.push(name);
    for (const dep of edges.get(name) ?? []) {
      const next = dep.target!.value;
      if (state.get(next) === "open") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle].sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          ctx.report("DEP-CYCLE", { cycle: cycle.join(" → ") }, dep.target!.span, depPath(dep, "containerName"));
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of edges.keys()) if (!state.has(name)) visit(name);
});

export const dependencyDuplicate = defineRule("DEP-DUP", "warning", "G", "our addition", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    const seen = new Set<string>();
    for (const dep of dependenciesOf(ctx, container)) {
      if (!dep.target) continue;
      if (seen.has(dep.target.value)) ctx.report("DEP-DUP", { container: container.label, target: dep.target.value }, dep.target.span, depPath(dep, "containerName"));
      seen.add(dep.target.value);
    }
  }
});

export const startTimeout = defineRule("DEP-STARTTIMEOUT", "warning", "G", "[AWS-doc] ContainerDefinition.startTimeout", (ctx) => {
  const view = ctx.taskDefinition;
  for (const container of view.containers) {
    const value = int(ctx, container.node, "startTimeout");
    if (view.fargate && value && (value.value < FARGATE_START_TIMEOUT.min || value.value > FARGATE_START_TIMEOUT.max)) {
      // Documented as 2–120, but a deployed real-world Fargate definition with 600 shows registration accepts
      // it, so the whole rule is a warning rather than the catalog's error.
      ctx.report("DEP-STARTTIMEOUT", { container: container.label, value: value.value, problem: "range" }, value.span, at(container, "startTimeout"), [
        replaceValueFix(value.node, Math.min(FARGATE_START_TIMEOUT.max, Math.max(FARGATE_START_TIMEOUT.min, value.value))),
      ]);
    }
    // A HEALTHY dependency gives up after the target's startTimeout; its health check needs startPeriod + interval × retries at worst.
    for (const dep of dependenciesOf(ctx, container)) {
      const target = dep.target && view.byName.get(dep.target.value);
      const limit = target && int(ctx, target.node, "startTimeout");
      const hc = target && healthCheckOf(ctx, target);
      if (dep.condition !== "HEALTHY" || !limit || !hc) continue;
      const needed = (int(ctx, hc, "startPeriod")?.value ?? 0) + (int(ctx, hc, "interval")?.value ?? 30) * (int(ctx, hc, "retries")?.value ?? 3);
      if (needed > limit.value) ctx.report("DEP-STARTTIMEOUT", { container: target.label, value: limit.value, needed, problem: "timing" }, limit.span, at(target, "startTimeout"));
    }
  }
});

export const linkOrder = defineRule("DEP-LINK-ORDER", "warning", "G", "[AWS-doc] dependsOn START emulates links and volumesFrom", (ctx) => {
  const view = ctx.taskDefinition;
  // A links or volumesFrom edge A → B already starts B first; an explicit dependsOn B → A can never be met.
  const implied = new Map<string, Set<string>>();
  for (const container of view.containers) {
    if (!container.name) continue;
    const targets = new Set<string>();
    for (const link of container.node.props?.find((p) => p.key === "links")?.node.items ?? []) if (link.kind === "string") targets.add((link.value as string).split(":")[0]);
    for (const { node } of objectsOf(ctx, container.node, "volumesFrom")) {
      const source = str(ctx, node, "sourceContainer");
      if (source) targets.add(source.value);
    }
    implied.set(container.name, targets);
  }
  for (const container of view.containers) {
    for (const dep of dependenciesOf(ctx, container)) {
      if (container.name && dep.target && implied.get(dep.target.value)?.has(container.name)) {
        ctx.report("DEP-LINK-ORDER", { container: container.label, target: dep.target.value }, dep.target.span, depPath(dep, "containerName"));
      }
    }
  }
});

export const healthRules = [
  intervalRange,
  timeoutRange,
  retriesRange,
  startPeriodRange,
  commandPrefix,
  cmdShellOneString,
  timeoutBelowInterval,
  healthCheckMissing,
  dependencyTargetExists,
  completeOnEssential,
  healthyNeedsHealthCheck,
  dependencyCycle,
  dependencyDuplicate,
  startTimeout,
  linkOrder,
];

