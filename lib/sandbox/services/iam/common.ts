/** What IAM's operations share: identifiers, lookups, ARNs, Marker/MaxItems pagination, dates. */
import { EcsError } from "../../engine/errors";
import { nextHex } from "../../engine/ids";
import type { SandboxState } from "../../engine/state";
import { peek } from "../../engine/transition";
import { invalidMarker, invalidPolicyArn, noSuchRole, sandboxDocumentsFull } from "./errors";
import { DEFAULT_MAX_ITEMS, SANDBOX_IAM_LIMITS } from "./limits";
import { awsManagedPolicy, type AwsManagedPolicy } from "./managed-policies";
import type { IamPolicyRecord, IamRoleRecord, IamState } from "./state";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * A unique id as IAM writes them: a four-letter prefix naming the kind (AROA a role, ANPA a managed policy) and 17
 * characters of base 32, 21 in all ("AROAJ52OTH4H7LEXAMPLE"). From the state's deterministic id source.
 */
export function iamUniqueId(state: SandboxState, prefix: "AROA" | "ANPA"): string {
  const hex = nextHex(state, `iam-${prefix}`, 34);
  let out = prefix;
  for (let i = 0; i < 17; i++) out += BASE32[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 32];
  return out;
}

export const roleKey = (name: string) => `role/${name.toLowerCase()}`;

export function findRole(iam: IamState, name: string): IamRoleRecord {
  const key = roleKey(name);
  const role = Object.hasOwn(iam.iamRoles, key) ? iam.iamRoles[key] : undefined;
  if (!role) throw noSuchRole(name);
  return role;
}

export const roleArn = (accountId: string, path: string, name: string) => `arn:aws:iam::${accountId}:role${path}${name}`;
export const policyArn = (accountId: string, path: string, name: string) => `arn:aws:iam::${accountId}:policy${path}${name}`;

/** Epoch seconds: how the sandbox hands timestamps to the wire protocols (they write them as the model says). */
export const epochSeconds = (ms: number) => ms / 1000;

/** A managed policy by ARN: built in (AWS's) or the account's own. */
export type ManagedPolicy = { kind: "aws"; arn: string; policy: AwsManagedPolicy } | { kind: "local"; arn: string; record: IamPolicyRecord };

export function managedPolicy(iam: IamState, arn: string): ManagedPolicy | undefined {
  const aws = awsManagedPolicy(arn);
  if (aws) return { kind: "aws", arn, policy: aws };
  const record = Object.hasOwn(iam.iamPolicies, arn) ? iam.iamPolicies[arn] : undefined;
  return record ? { kind: "local", arn, record } : undefined;
}

/**
 * A PolicyArn IAM can read: `arn:<partition>:<service>:<region>:<account>:<resource>`. Anything else (a policy's bare
 * name, most often) is refused with AWS's "ARN … is not valid." before any lookup.
 */
export function checkArn(arn: string, error: (arn: string) => EcsError = invalidPolicyArn): void {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || parts[1] === "" || parts[2] === "" || parts.slice(5).join(":") === "") throw error(arn);
}

const MARKER_PREFIX = "dojo-iam:";

/**
 * One page of a List call, IAM's way: `MaxItems` (default 100) items from the opaque `Marker`, `IsTruncated`
 * always present, and a `Marker` for the next page only when there is one (the CLI follows them all).
 */
export function page<T>(items: T[], marker: string | undefined, maxItems: number | undefined): { items: T[]; IsTruncated: boolean; Marker?: string } {
  let offset = 0;
  if (marker !== undefined) {
    let text = "";
    try {
      text = atob(marker);
    } catch {
      throw invalidMarker();
    }
    const value = Number(text.slice(MARKER_PREFIX.length));
    if (!text.startsWith(MARKER_PREFIX) || !Number.isInteger(value) || value < 0 || value > items.length) throw invalidMarker();
    offset = value;
  }
  const end = offset + (maxItems ?? DEFAULT_MAX_ITEMS);
  const slice = items.slice(offset, end);
  return end < items.length ? { items: slice, IsTruncated: true, Marker: btoa(`${MARKER_PREFIX}${end}`) } : { items: slice, IsTruncated: false };
}

/** Sorting by name as IAM lists them. [inferred] alphabetical, whatever the case (names are unique regardless of it). */
export function byName<T>(name: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = name(a).toLowerCase();
    const y = name(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** Policy text the account stores: trust and inline policies of every role, and its own managed policies. */
function storedCharacters(iam: IamState): number {
  let total = 0;
  for (const key of Object.keys(iam.iamRoles)) {
    const role = peek(iam.iamRoles, key)!;
    total += role.assumeRolePolicyDocument.length;
    for (const inline of role.inlinePolicies) total += inline.document.length;
  }
  for (const key of Object.keys(iam.iamPolicies)) total += peek(iam.iamPolicies, key)!.document.length;
  return total;
}

/** Refuses a write that would take the account's stored policy text past the sandbox's bound. */
export function checkDocumentRoom(iam: IamState, added: number, replaced = 0): void {
  if (storedCharacters(iam) - replaced + added > SANDBOX_IAM_LIMITS.documentCharacters) throw sandboxDocumentsFull();
}
