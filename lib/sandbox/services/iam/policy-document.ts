/**
 * IAM policy documents: reading and validating them as IAM does when a policy is stored (CreatePolicy,
 * PutRolePolicy, CreateRole/UpdateAssumeRolePolicy), and the normalised form evaluate.ts works on.
 *
 * The checks run in IAM's order, and each failure is AWS's MalformedPolicyDocument text. The order and texts follow
 * the 78 invalid documents AWS answered in localstack's AWS-validated suite (tests/aws/services/iam/
 * test_iam_policies.py INVALID_POLICY_DOCUMENTS, recorded against AWS in 2026): JSON and structure ("Syntax errors in
 * policy."), then the managed-policy version ("Policy document must be version 2012-10-17 or greater."), then the
 * legacy parser (Effect's exact case, date condition values, ARN shapes: "The policy failed legacy parsing"), then
 * SIDs, actions, resources, resource formats and action prefixes. Trust policies differ where AWS's answers for them
 * do ("This policy contains invalid Json", "Has prohibited field Resource", "AssumeRole policy may only specify STS
 * AssumeRole actions.").
 */
import { malformedPolicy } from "./errors";
import { EVALUATION_CACHES, POLICY_VERSIONS } from "./limits";

/** managed: CreatePolicy; inline: PutRolePolicy; trust: a role's AssumeRolePolicyDocument. */
export type PolicyKind = "managed" | "inline" | "trust";

export interface Position {
  Line: number;
  Column: number;
}

/** `*`, or principals by type (AWS, Service, Federated, CanonicalUser), each a list. */
export type Principal = "*" | Record<string, string[]>;

export interface Statement {
  /** Where the statement sits in its policy (0-based). */
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  principal?: Principal;
  notPrincipal?: Principal;
  /** Operator → condition key → values (as text: IAM compares numbers and booleans by their text too). */
  condition?: Record<string, Record<string, string[]>>;
  /** Where the statement's text starts and ends in the document (1-based lines and columns). */
  start?: Position;
  end?: Position;
}

export interface PolicyDocument {
  version?: string;
  statements: Statement[];
}

const TOP_LEVEL = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const TRUST_ELEMENTS = [...STATEMENT_ELEMENTS, "Principal", "NotPrincipal"];

/** The condition operators of the policy language (IAM User Guide, "IAM JSON policy elements: Condition operators"). */
export const CONDITION_OPERATORS = [
  "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
  "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
  "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
  "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
] as const;

const SET_PREFIXES = ["ForAnyValue:", "ForAllValues:"];
const IF_EXISTS = "IfExists";

/** The actions a trust policy may name (IAM User Guide, "Role trust policy"; STS API reference). */
export const TRUST_ACTIONS = [
  "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext",
];

const SYNTAX = "Syntax errors in policy.";
const LEGACY = "The policy failed legacy parsing";

/** An operator without its ForAnyValue:/ForAllValues: prefix and IfExists suffix. */
export function baseOperator(operator: string): { base: string; set?: "ForAnyValue" | "ForAllValues"; ifExists: boolean } {
  let base = operator;
  let set: "ForAnyValue" | "ForAllValues" | undefined;
  const prefix = SET_PREFIXES.find((p) => base.startsWith(p));
  if (prefix) {
    set = prefix.slice(0, -1) as "ForAnyValue" | "ForAllValues";
    base = base.slice(prefix.length);
  }
  const ifExists = base.endsWith(IF_EXISTS);
  if (ifExists) base = base.slice(0, -IF_EXISTS.length);
  return { base, set, ifExists };
}

/**
 * The text IAM reads. AWS answers documents URL-encoded (and botocore decodes them for the CLI); a document sent
 * back that way, e.g. copied from a raw answer, is decoded as AWS does. [inferred] AWS accepts both forms.
 */
export function decodeDocument(text: string): string {
  if (!/^\s*%7[bB]/.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** How AWS writes a policy document in an answer: URL-encoded (RFC 3986; spaces as %20, never '+'). */
export const encodeDocument = (text: string) => encodeURIComponent(text);

/** The characters IAM counts against a policy size quota: all but white space. */
export const countedCharacters = (text: string) => text.replace(/\s/g, "").length;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === "object" && !Array.isArray(value);
const has = (object: JsonObject, key: string) => Object.hasOwn(object, key);

class Refusal extends Error {}
const refuse = (message: string): never => {
  throw new Refusal(message);
};

/**
 * Reads and validates a policy document as IAM does for `kind`, or throws MalformedPolicyDocument with AWS's text.
 * `text` is the document as the learner sent it (decodeDocument first).
 */
export function parsePolicy(text: string, kind: PolicyKind): PolicyDocument {
  try {
    return readPolicy(text, kind);
  } catch (error) {
    if (error instanceof Refusal) throw malformedPolicy(error.message);
    throw error;
  }
}

function readPolicy(text: string, kind: PolicyKind): PolicyDocument {
  const trust = kind === "trust";
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    // Trust policies and permission policies go through different readers at AWS, with different words for it.
    return refuse(trust ? "This policy contains invalid Json" : SYNTAX);
  }
  const raw = syntax(json, trust);

  if (kind === "managed" && raw.top.Version !== "2012-10-17") refuse("Policy document must be version 2012-10-17 or greater.");

  // The legacy parser: Effect in its exact case, date values, ARN shapes.
  for (const statement of raw.statements) {
    if (statement.Effect !== "Allow" && statement.Effect !== "Deny") refuse(LEGACY);
    if (isObject(statement.Condition)) {
      for (const [operator, entries] of Object.entries(statement.Condition)) {
        if (!baseOperator(operator).base.startsWith("Date") || !isObject(entries)) continue;
        for (const value of Object.values(entries)) for (const item of listOf(value)) if (!isDateValue(String(item))) refuse(LEGACY);
      }
    }
  }
  if (trust) {
    for (const statement of raw.statements) {
      if (has(statement, "Resource")) refuse("Has prohibited field Resource");
      if (has(statement, "NotResource")) refuse("Has prohibited field NotResource"); // [inferred] by analogy
    }
  }
  const resourceError = trust ? "" : resourceFormats(raw.statements);

  const sids = new Set<string>();
  for (const statement of raw.statements) {
    const sid = statement.Sid;
    if (typeof sid !== "string" || sid === "") continue;
    if (sids.has(sid)) refuse("Statement IDs (SID) in a single policy must be unique.");
    sids.add(sid);
  }
  for (const statement of raw.statements) {
    const actions = has(statement, "Action") ? statement.Action : statement.NotAction;
    if (actions === undefined || (Array.isArray(actions) && actions.length === 0)) refuse("Policy statement must contain actions.");
  }
  if (!trust) {
    for (const statement of raw.statements) {
      const resources = has(statement, "Resource") ? statement.Resource : statement.NotResource;
      if (resources === undefined || (Array.isArray(resources) && resources.length === 0)) refuse("Policy statement must contain resources.");
    }
    if (resourceError) refuse(resourceError);
  }
  for (const statement of raw.statements) {
    for (const key of ["Action", "NotAction"]) {
      if (!has(statement, key)) continue;
      for (const action of listOf(statement[key])) actionPrefix(String(action));
    }
  }
  if (trust) {
    for (const statement of raw.statements) {
      const actions = listOf(has(statement, "Action") ? statement.Action : statement.NotAction).map(String);
      // [inferred] a wildcard that covers an STS trust action ("sts:*", "sts:AssumeRole*") is an STS AssumeRole action.
      const onlyTrust = has(statement, "NotAction") ? false : actions.every((a) => TRUST_ACTIONS.some((t) => globMatches(a, t, true)));
      if (!onlyTrust) refuse("AssumeRole policy may only specify STS AssumeRole actions.");
      if (!has(statement, "Principal") && !has(statement, "NotPrincipal")) refuse("Missing required field Principal"); // [inferred]
    }
  }

  const spans = statementSpans(text);
  return {
    version: typeof raw.top.Version === "string" ? raw.top.Version : undefined,
    statements: raw.statements.map((statement, index) => normalise(statement, index, spans[index])),
  };
}

/** Structure: what AWS answers "Syntax errors in policy." for. */
function syntax(json: Json, trust: boolean): { top: JsonObject; statements: JsonObject[] } {
  if (!isObject(json)) return refuse(SYNTAX);
  for (const key of Object.keys(json)) if (!TOP_LEVEL.includes(key)) refuse(SYNTAX);
  if (has(json, "Version") && !(POLICY_VERSIONS as readonly Json[]).includes(json.Version)) refuse(SYNTAX);
  if (has(json, "Id") && typeof json.Id !== "string") refuse(SYNTAX);
  const raw = json.Statement;
  const statements = isObject(raw) ? [raw] : Array.isArray(raw) ? raw : refuse(SYNTAX);
  if (statements.length === 0) refuse(SYNTAX);
  const allowed = trust ? TRUST_ELEMENTS : STATEMENT_ELEMENTS;
  for (const statement of statements) {
    if (!isObject(statement)) return refuse(SYNTAX);
    if (!trust && (has(statement, "Principal") || has(statement, "NotPrincipal"))) refuse("Policy document should not specify a principal.");
    for (const key of Object.keys(statement)) if (!allowed.includes(key)) refuse(SYNTAX);
    if (has(statement, "Resource") && has(statement, "NotResource")) refuse(SYNTAX);
    if (has(statement, "Action") && has(statement, "NotAction")) refuse(SYNTAX);
    if (typeof statement.Effect !== "string" || !["allow", "deny"].includes(statement.Effect.toLowerCase())) refuse(SYNTAX);
    for (const key of ["Action", "NotAction", "Resource", "NotResource"]) {
      if (has(statement, key) && !isStringOrStrings(statement[key])) refuse(SYNTAX);
    }
    if (has(statement, "Sid") && typeof statement.Sid !== "string") refuse(SYNTAX);
    if (has(statement, "Condition")) conditionSyntax(statement.Condition);
    for (const key of ["Principal", "NotPrincipal"]) if (has(statement, key)) principalSyntax(statement[key]);
  }
  return { top: json, statements: statements as JsonObject[] };
}

function isStringOrStrings(value: Json): boolean {
  return typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
}

const isScalar = (value: Json) => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

function conditionSyntax(condition: Json): void {
  if (!isObject(condition)) return refuse(SYNTAX);
  for (const [operator, entries] of Object.entries(condition)) {
    if (!isObject(entries)) return refuse(SYNTAX);
    for (const value of Object.values(entries)) {
      if (!(isScalar(value) || (Array.isArray(value) && value.every(isScalar)))) refuse(SYNTAX);
    }
    const known = (CONDITION_OPERATORS as readonly string[]).includes(baseOperator(operator).base);
    // An unknown operator with nothing under it is let through, as AWS does.
    if (!known && Object.keys(entries).length > 0) refuse(SYNTAX);
  }
}

function principalSyntax(principal: Json): void {
  if (principal === "*") return;
  if (!isObject(principal)) return refuse(SYNTAX); // [inferred]
  for (const [type, value] of Object.entries(principal)) {
    if (!["AWS", "Service", "Federated", "CanonicalUser"].includes(type) || !isStringOrStrings(value)) refuse(SYNTAX); // [inferred]
  }
}

function listOf(value: Json | undefined): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Date condition values IAM's legacy parser reads: ISO 8601 (date, time, zone) or epoch seconds. */
function isDateValue(value: string): boolean {
  const lower = value.toLowerCase();
  if (!lower.includes("t") && !lower.includes("-")) return /^\d+$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n;
  const match = /^(-?\d{1,9})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:t(\d{1,2})?(?::(\d{1,2}))?(?::(\d{1,2})(?:\.(\d{1,9}))?)?(z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(lower);
  if (!match) return false;
  const [, , month, day, hour, minute, second] = match;
  const within = (text: string | undefined, lo: number, hi: number) => text === undefined || (Number(text) >= lo && Number(text) <= hi);
  return within(month, 1, 12) && within(day, 1, 31) && within(hour, 0, 23) && within(minute, 0, 59) && within(second, 0, 59);
}

const IAM_RESOURCE_STARTS = [
  "user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/", "policy/", "sms-mfa/",
  "saml-provider/", "oidc-provider/", "report/", "access-report/",
];

/**
 * Resource ARNs' shapes. The format error found last is the one AWS names (it reads a list in reverse order); a
 * statement whose resources all have a good format then goes through the legacy parser, which refuses ARNs with
 * too few parts.
 */
function resourceFormats(statements: JsonObject[]): string {
  let error = "";
  for (const statement of statements) {
    for (const key of ["Resource", "NotResource"]) {
      if (!has(statement, key)) continue;
      const resources = listOf(statement[key]).map(String);
      for (const resource of [...resources].sort().reverse()) error = resourceFormatError(resource) ?? error;
      if (error !== "") continue;
      for (const resource of resources) {
        if (resource === "*") continue;
        const colons = resource.split(":").length - 1;
        if (colons < 5 && resource.includes("::")) refuse(LEGACY);
        if (resource.split(":")[2] === "") refuse(LEGACY);
      }
    }
  }
  return error;
}

function resourceFormatError(resource: string): string | undefined {
  if (resource === "*") return undefined;
  const first = resource.indexOf(":");
  if (first < 0) return `Resource ${resource} must be in ARN format or "*".`;
  const afterArn = resource.slice(first + 1);
  const [partition, rest] = splitOnce(afterArn);
  if (partition !== "aws") {
    const parts = (rest ?? "").split(":");
    const arn1 = parts[0] !== "" || parts.length > 1 ? parts[0] : "*";
    const arn2 = parts.length > 1 ? parts[1] : "*";
    const arn3 = parts.length > 2 ? parts[2] : "*";
    const arn4 = parts.length > 3 ? parts.slice(3).join(":") : "*";
    return `Partition "${partition}" is not valid for resource "arn:${partition}:${arn1}:${arn2}:${arn3}:${arn4}".`;
  }
  if (rest === undefined) return "Resource vendor must be fully qualified and cannot contain regexes.";
  const [service, afterService = ""] = splitOnce(rest);
  if (service === "iam" && !afterService.startsWith(":")) return `IAM resource ${resource} cannot contain region information.`;
  const [, afterRegion = ""] = splitOnce(afterService);
  // Buckets and objects have neither Region nor account; access points, jobs and the like have both.
  if (service === "s3" && !afterService.startsWith(":") && afterRegion.startsWith(":")) return `Resource ${resource} can not contain region information.`;
  const [, path = ""] = splitOnce(afterRegion);
  if (service === "iam" && path !== "*" && path !== "root" && !IAM_RESOURCE_STARTS.some((start) => path.startsWith(start))) {
    return `IAM resource path must either be "*", root, or start with ${IAM_RESOURCE_STARTS.join(", ")}.`;
  }
  return undefined;
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf(":");
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function actionPrefix(action: string): void {
  const parts = action.split(":");
  if (parts.length === 1 && parts[0] !== "*") refuse("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  if (parts.length > 2) refuse("Actions/Condition can contain only one colon.");
  if (parts[0] !== "*" && /[^a-zA-Z0-9\-.]/.test(parts[0])) refuse(`Vendor ${parts[0]} is not valid`);
}

/** `*` any run of characters, `?` one; case-insensitive for actions. */
export function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  return globRegex(pattern, ignoreCase).test(value);
}

const globs = new Map<string, RegExp>();

function globRegex(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? "i" : "c"}${pattern}`;
  let regex = globs.get(key);
  if (!regex) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
    regex = new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
    if (globs.size >= EVALUATION_CACHES.patterns) globs.clear();
    globs.set(key, regex);
  }
  return regex;
}

function normalise(raw: JsonObject, index: number, span: { start: Position; end: Position } | undefined): Statement {
  const strings = (key: string) => (has(raw, key) ? listOf(raw[key]).map(String) : undefined);
  const statement: Statement = { index, effect: raw.Effect as "Allow" | "Deny" };
  if (typeof raw.Sid === "string") statement.sid = raw.Sid;
  const action = strings("Action");
  if (action) statement.action = action;
  const notAction = strings("NotAction");
  if (notAction) statement.notAction = notAction;
  const resource = strings("Resource");
  if (resource) statement.resource = resource;
  const notResource = strings("NotResource");
  if (notResource) statement.notResource = notResource;
  if (has(raw, "Principal")) statement.principal = principalOf(raw.Principal);
  if (has(raw, "NotPrincipal")) statement.notPrincipal = principalOf(raw.NotPrincipal);
  if (isObject(raw.Condition)) {
    statement.condition = Object.fromEntries(
      Object.entries(raw.Condition).map(([operator, entries]) => [
        operator,
        Object.fromEntries(Object.entries(entries as JsonObject).map(([key, value]) => [key, listOf(value).map(String)])),
      ]),
    );
  }
  if (span) {
    statement.start = span.start;
    statement.end = span.end;
  }
  return statement;
}

function principalOf(value: Json): Principal {
  if (value === "*") return "*";
  return Object.fromEntries(Object.entries(value as JsonObject).map(([type, ids]) => [type, listOf(ids).map(String)]));
}

/**
 * Where each statement of a (valid JSON) document starts and ends: the object under the top-level "Statement" key,
 * or each object of its array. SimulatePrincipalPolicy's MatchedStatements point at them.
 */
export function statementSpans(text: string): { start: Position; end: Position }[] {
  const spans: { start: Position; end: Position }[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const position = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { Line: lo + 1, Column: offset - lineStarts[lo] + 1 };
  };

  let depth = 0;
  let i = 0;
  let statementDepth = -1; // depth of the Statement value's container when it is an array
  let pendingKey: string | undefined;
  let awaitingStatement = false;
  const opened: { offset: number; collect: boolean }[] = [];
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const literal = text.slice(i + 1, j);
      // A string directly inside the top-level object, followed by ':', is one of its keys.
      if (depth === 1) pendingKey = literal;
      i = j + 1;
      continue;
    }
    if (c === ":" && depth === 1) {
      awaitingStatement = pendingKey === "Statement";
      pendingKey = undefined;
    } else if (c === "{" || c === "[") {
      const collect = c === "{" && ((awaitingStatement && depth === 1) || (statementDepth >= 0 && depth === statementDepth + 1));
      if (c === "[" && awaitingStatement && depth === 1) statementDepth = depth;
      awaitingStatement = false;
      opened.push({ offset: i, collect });
      depth += 1;
    } else if (c === "}" || c === "]") {
      depth -= 1;
      const open = opened.pop();
      if (open?.collect) spans.push({ start: position(open.offset), end: position(i) });
      if (c === "]" && depth === statementDepth) statementDepth = -1;
    } else if (c === "," && depth === 1) {
      awaitingStatement = false;
    }
    i += 1;
  }
  return spans;
}
