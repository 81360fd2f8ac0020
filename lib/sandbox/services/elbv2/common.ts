/**
 * What the Elastic Load Balancing modules share: ARNs, reading a request's members, pages (Marker/PageSize), tags,
 * and which load balancers a target group is in use by.
 */
import { hashHex, nextHex } from "../../engine/ids";
import type { Input } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { badMarker, constraint, duplicateTagKeys, invalidArn, tooManyTags, validation, validationFailed } from "./errors";
import { ELB_QUOTAS } from "./quotas";
import type { ElbAction, ElbLoadBalancerRecord, ElbTag, LoadBalancerType } from "./state";

export type ElbSandbox = Pick<SandboxState, "accountId" | "region" | "elbLoadBalancers" | "elbTargetGroups" | "elbListeners" | "elbRules" | "elbTargets">;

const arnPrefix = (state: Pick<SandboxState, "region" | "accountId">) => `arn:aws:elasticloadbalancing:${state.region}:${state.accountId}`;
export const typeSegment = (type: LoadBalancerType) => (type === "application" ? "app" : "net");

/** A fresh 16-hex id, as every ELB ARN ends with. */
export const newElbId = (state: SandboxState, purpose: string) => nextHex(state, `elb-${purpose}`, 16);

export const loadBalancerArn = (state: SandboxState, type: LoadBalancerType, name: string, id: string) =>
  `${arnPrefix(state)}:loadbalancer/${typeSegment(type)}/${name}/${id}`;
export const targetGroupArn = (state: SandboxState, name: string, id: string) => `${arnPrefix(state)}:targetgroup/${name}/${id}`;
/** `…:listener/app/<lb name>/<lb id>/<id>`. */
export const listenerArn = (lbArn: string, id: string) => `${lbArn.replace(":loadbalancer/", ":listener/")}/${id}`;
/** `…:listener-rule/app/<lb name>/<lb id>/<listener id>/<id>`. */
export const ruleArn = (lbListenerArn: string, id: string) => `${lbListenerArn.replace(":listener/", ":listener-rule/")}/${id}`;

/** The kind of ELB resource an ARN names, or undefined. */
export function arnKind(arn: string): "loadbalancer" | "targetgroup" | "listener" | "listener-rule" | undefined {
  const match = /^arn:aws[a-z-]*:elasticloadbalancing:[^:]*:[0-9]*:(loadbalancer|targetgroup|listener|listener-rule)\//.exec(arn);
  return match?.[1] as never;
}

/** A new load balancer's DNS name ([AWS-doc]/[observed] forms: `my-alb-1234567890.us-west-2.elb.amazonaws.com`, `internal-…`; NLBs `my-nlb-<16 hex>.elb.<region>.amazonaws.com`). */
export function dnsNameOf(record: Pick<ElbLoadBalancerRecord, "name" | "type" | "scheme" | "arn">, region: string): string {
  if (record.type === "network") return `${record.name}-${hashHex(`elb-dns|${record.arn}`, 16)}.elb.${region}.amazonaws.com`;
  const digits = String(1_000_000_000 + (parseInt(hashHex(`elb-dns|${record.arn}`, 8), 16) % 1_000_000_000));
  return `${record.scheme === "internal" ? "internal-" : ""}${record.name}-${digits}.${region}.elb.amazonaws.com`;
}

// --- reading members ------------------------------------------------------------------------------------------------
// The gateway reads the query protocol's values into the model's types; a caller that is no SDK may still leave out
// required members, which AWS refuses with its validation wording.
export const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);

export function str(input: Input, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : String(v);
}

export function requiredStr(input: Input, key: string, path = lowerFirst(key)): string {
  const v = str(input, key);
  if (v === undefined) throw validationFailed([constraint.notNull(path)]);
  return v;
}

export function int(input: Input, key: string): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isInteger(n)) throw validation(`Value '${String(v)}' at '${lowerFirst(key)}' is not an integer`); // [inferred]
  return n;
}

export function bool(input: Input, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  return v === true || v === "true";
}

export function list<T = Input>(input: Input, key: string): T[] | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? (v as T[]) : [v as T];
}

export function strList(input: Input, key: string): string[] | undefined {
  return list<unknown>(input, key)?.map((item) => String(item));
}

/** A member bounded as the model bounds it: refused with AWS's constraint wording. */
export function bounded(value: number | undefined, path: string, min: number, max: number, failures: string[]): void {
  if (value === undefined) return;
  if (value < min) failures.push(constraint.atLeast(value, path, min));
  else if (value > max) failures.push(constraint.atMost(value, path, max));
}

export function oneOf<T extends string>(value: string | undefined, path: string, values: readonly T[], failures: string[]): T | undefined {
  if (value !== undefined && !(values as readonly string[]).includes(value)) failures.push(constraint.enumOf(value, path, values));
  return value as T | undefined;
}

export function throwIfFailed(failures: string[]): void {
  if (failures.length > 0) throw validationFailed(failures);
}

// --- pages ----------------------------------------------------------------------------------------------------------
/**
 * Marker/PageSize paging of the Describe calls: the marker is opaque to the caller (the sandbox's is the next item's
 * offset, encoded). Without PageSize a page holds the quota's maximum.
 */
export function pageOf<T>(items: T[], input: Input): { page: T[]; NextMarker?: string } {
  const failures: string[] = [];
  const size = int(input, "PageSize");
  bounded(size, "pageSize", ELB_QUOTAS.pageSize.min, ELB_QUOTAS.pageSize.max, failures);
  throwIfFailed(failures);
  const marker = str(input, "Marker");
  let start = 0;
  if (marker !== undefined) {
    const decoded = /^[A-Za-z0-9+/=]+$/.test(marker) ? Buffer.from(marker, "base64").toString("utf8") : "";
    const match = /^elb-page:(\d{1,9})$/.exec(decoded);
    if (!match) throw badMarker();
    start = Number(match[1]);
  }
  const end = start + (size ?? ELB_QUOTAS.pageSize.default);
  const page = items.slice(start, end);
  return end < items.length ? { page, NextMarker: Buffer.from(`elb-page:${end}`).toString("base64") } : { page };
}

// --- tags -----------------------------------------------------------------------------------------------------------
export function readTags(input: Input, key = "Tags"): ElbTag[] | undefined {
  const tags = list<Input>(input, key);
  if (!tags) return undefined;
  const seen = new Set<string>();
  const out: ElbTag[] = [];
  tags.forEach((tag, i) => {
    const Key = str(tag, "Key");
    if (Key === undefined) throw validationFailed([constraint.notNull(`tags.${i + 1}.member.key`)]);
    if (seen.has(Key)) throw duplicateTagKeys(Key);
    seen.add(Key);
    const Value = str(tag, "Value");
    out.push(Value === undefined ? { Key } : { Key, Value });
  });
  if (out.length > ELB_QUOTAS.tagsPerResource) throw tooManyTags();
  return out;
}

/** `tags` with `added` laid over them (a key given again takes the new value). */
export function mergeTags(tags: ElbTag[], added: ElbTag[]): ElbTag[] {
  const merged = tags.filter((t) => !added.some((a) => a.Key === t.Key)).concat(added);
  if (merged.length > ELB_QUOTAS.tagsPerResource) throw tooManyTags();
  return merged;
}

// --- use ------------------------------------------------------------------------------------------------------------
/** The target groups an action forwards to (a plain forward, or a weighted ForwardConfig). */
export function forwardedTargetGroups(actions: readonly ElbAction[]): string[] {
  const arns: string[] = [];
  for (const action of actions) {
    if (action.Type !== "forward") continue;
    if (typeof action.TargetGroupArn === "string") arns.push(action.TargetGroupArn);
    const groups = (action.ForwardConfig as { TargetGroups?: { TargetGroupArn?: string }[] } | undefined)?.TargetGroups ?? [];
    for (const group of groups) if (group.TargetGroupArn) arns.push(group.TargetGroupArn);
  }
  return [...new Set(arns)];
}

/** The load balancers whose listeners or rules forward to the target group, in creation order. */
export function loadBalancersOf(state: ElbSandbox, targetGroupArn: string): string[] {
  const arns = new Set<string>();
  for (const key of Object.keys(state.elbListeners)) {
    const listener = peek(state.elbListeners, key)!;
    if (forwardedTargetGroups(listener.defaultActions).includes(targetGroupArn)) arns.add(listener.loadBalancerArn);
  }
  for (const key of Object.keys(state.elbRules)) {
    const rule = peek(state.elbRules, key)!;
    if (!forwardedTargetGroups(rule.actions).includes(targetGroupArn)) continue;
    const listener = peek(state.elbListeners, rule.listenerArn);
    if (listener) arns.add(listener.loadBalancerArn);
  }
  return Object.keys(state.elbLoadBalancers).filter((arn) => arns.has(arn));
}

/** A resource ARN whose kind ELB does not have is refused before it is looked up. */
export function requireElbArn(arn: string): void {
  if (!arnKind(arn)) throw invalidArn(arn);
}
