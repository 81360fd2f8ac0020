/**
 * How ECS reads `containerDefinitions[].secrets[].valueFrom` when a task starts, for the ECS engine (it asks here,
 * never reaching into the services' state itself). What ECS accepts ([AWS-doc] AmazonECS/latest/developerguide
 * secrets-envvar-secrets-manager.html; AWSCloudFormation aws-properties-ecs-taskdefinition-secret.html: "If the SSM
 * Parameter Store parameter exists in the same Region as the task you're launching, then you can use either the full
 * ARN or name of the parameter. If the parameter exists in a different Region, then the full ARN must be specified."):
 * - a Secrets Manager secret ARN, full or partial, optionally with `:json-key:version-stage:version-id`
 *   (`arn:aws:secretsmanager:region:account:secret:name-AbCdEf:username::`); the secret is read in the ARN's Region;
 * - an SSM parameter ARN (`arn:aws:ssm:region:account:parameter/name`), read in the ARN's Region;
 * - anything else is an SSM parameter name, read in the task's Region.
 * The agent's logic is followed [AWS-code]: aws/amazon-ecs-agent agent/taskresource/asmsecret/asmsecret.go
 * (getASMParametersFromInput: the resource splits on ':' into exactly 2 or 5 fields), agent/asm/asm.go
 * (GetSecretFromASMWithInput: JSON key lookup, `%v` formatting), agent/ssm/ssm.go (GetParameters with
 * WithDecryption, "invalid parameters: ...").
 *
 * Failures come back as the task's stoppedReason, in the Fargate form ecs-behavior.md §2.5 records ([observed]):
 *   ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:
 *   unable to retrieve secret from asm: service call has been retried 1 time(s): <detail>
 * (`unable to retrieve secrets from ssm` for Parameter Store). The details: [observed] "retrieved secret from
 * Secrets Manager did not contain json key <key>" and "failed to fetch secret <arn> from secrets manager:
 * <Code>: <message> status code: 400, request id: <uuid>" (GiamPy5/terraform-aws-directus#10, Kong/kong-mesh-ecs#44);
 * [inferred] composed from the agent's code: "invalid parameters: <names>" after the ssm prefix, and the
 * invalid-format and not-JSON details.
 */
import { EcsError } from "../../engine/errors";
import { hashHex } from "../../engine/ids";
import type { SandboxState } from "../../engine/state";
import { keyOf, parameterArn, parseReference } from "../ssm/names";
import { resolveReference } from "../ssm/parameters";
import { DEFAULT_SSM_KEY } from "../ssm/securestring";
import { parseArn, secretKeyOf } from "./arns";
import { SECRETS_ERRORS } from "./errors";
import { selectVersion } from "./versions";

/** What the resolver reads of one Region's sandbox state. */
export type SecretSource = Pick<SandboxState, "accountId" | "region" | "secrets" | "parameters"> & { clock?: { simMs: number } };
/** The learner's states by Region: a lookup, or a map. A Region the learner never used may be absent. */
export type SecretSources = ((region: string) => SecretSource | undefined) | Partial<Record<string, SecretSource>>;

export const ASM_FAILURE_PREFIX =
  "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): ";
export const SSM_FAILURE_PREFIX =
  "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): ";

export interface SecretLocation {
  kind: "secretsmanager" | "ssm";
  /** Where ECS reads it: the ARN's Region, or the task's for a parameter name. */
  region: string;
  /** The IAM action the execution role needs ([AWS-doc] ECS secrets pages). */
  action: "secretsmanager:GetSecretValue" | "ssm:GetParameters";
  /**
   * The resource IAM evaluates: the secret's full ARN once it is found (else the ARN as written), the parameter's ARN.
   * AccessDeniedException messages name it.
   */
  resourceArn: string;
  /** What ECS sends: GetSecretValue's SecretId (the ARN without the JSON-key fields) or the name given to GetParameters. */
  requestedId: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
}

export type SecretResolution =
  | {
      value: string;
      location: SecretLocation;
      /** A customer managed KMS key the value is encrypted with: the execution role also needs kms:Decrypt on it. */
      kmsKeyId?: string;
    }
  | { error: string; location?: SecretLocation };

function sourceOf(states: SecretSources, region: string): SecretSource | undefined {
  return typeof states === "function" ? states(region) : states[region];
}

/** A request id shaped like AWS's, reproducible from the call (no randomness). */
export function requestIdOf(valueFrom: string, region: string, clockMs: number): string {
  const h = hashHex(`secrets-request|${valueFrom}|${region}|${clockMs}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Where a valueFrom points, before anything is read: which service, Region, IAM action and resource. An error when
 * ECS could not even ask (a Secrets Manager ARN with the wrong number of fields).
 */
export function locateSecretReference(valueFrom: string, taskRegion: string, accountId: string): SecretLocation | { error: string } {
  const arn = valueFrom.startsWith("arn:") ? parseArn(valueFrom) : null;
  if (arn && arn.service === "secretsmanager") {
    const fields = arn.resource.split(":");
    if (fields.length !== 2 && fields.length !== 5) {
      return {
        error: `${ASM_FAILURE_PREFIX}trying to retrieve secret with value ${valueFrom} resulted in error: an invalid ARN format for the AWS Secrets Manager secret was specified. Specify a valid ARN and try again.`,
      };
    }
    const secretId = fields.length === 2 ? valueFrom : `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${fields[0]}:${fields[1]}`;
    return {
      kind: "secretsmanager",
      region: arn.region,
      action: "secretsmanager:GetSecretValue",
      resourceArn: secretId,
      requestedId: secretId,
      ...(fields.length === 5 && fields[2] ? { jsonKey: fields[2] } : {}),
      ...(fields.length === 5 && fields[3] ? { versionStage: fields[3] } : {}),
      ...(fields.length === 5 && fields[4] ? { versionId: fields[4] } : {}),
    };
  }
  if (arn && arn.service === "ssm") {
    return { kind: "ssm", region: arn.region, action: "ssm:GetParameters", resourceArn: valueFrom, requestedId: valueFrom };
  }
  // A name (or anything that is not a Secrets Manager or SSM ARN): a parameter of the task's Region.
  const name = valueFrom.split(":")[0];
  return {
    kind: "ssm",
    region: taskRegion,
    action: "ssm:GetParameters",
    resourceArn: parameterArn(accountId, taskRegion, name),
    requestedId: valueFrom,
  };
}

/**
 * The value ECS injects for one `secrets[].valueFrom`, or the stoppedReason ECS gives when it cannot read it
 * (missing secret or parameter — including one that exists only in another Region —, a secret scheduled for
 * deletion, a missing version or staging label, a missing JSON key). IAM is not evaluated here: ECS checks the
 * execution role's `location.action` on `location.resourceArn` (and kms:Decrypt on `kmsKeyId`) and, when denied,
 * reports `secretsAccessDenied(...)`.
 */
export function resolveSecretReference(
  states: SecretSources,
  valueFrom: string,
  taskRegion: string,
  options: { clockMs?: number; requestId?: string } = {},
): SecretResolution {
  const home = sourceOf(states, taskRegion);
  const accountId = home?.accountId ?? parseArn(valueFrom)?.accountId ?? "";
  const located = locateSecretReference(valueFrom, taskRegion, accountId);
  if ("error" in located) return located;
  const source = sourceOf(states, located.region);
  const clockMs = options.clockMs ?? home?.clock?.simMs ?? 0;
  const requestId = options.requestId ?? requestIdOf(valueFrom, taskRegion, clockMs);
  return located.kind === "secretsmanager"
    ? readSecret(source, accountId, located, clockMs, requestId)
    : readParameter(source, accountId, located);
}

function readSecret(source: SecretSource | undefined, accountId: string, location: SecretLocation, clockMs: number, requestId: string): SecretResolution {
  const apiFailure = (error: EcsError) => ({
    error: `${ASM_FAILURE_PREFIX}failed to fetch secret ${location.requestedId} from secrets manager: ${error.type}: ${error.message} status code: 400, request id: ${requestId}`,
    location,
  });
  try {
    const key = source ? secretKeyOf(source.secrets, source.accountId, location.region, location.requestedId, clockMs) : null;
    if (key === null || !source) {
      // A Region the learner never used has no secrets; still, a malformed id fails as AWS's validation would.
      if (!source) secretKeyOf({}, accountId, location.region, location.requestedId, clockMs);
      return apiFailure(SECRETS_ERRORS.notFound());
    }
    const record = source.secrets[key];
    const found: SecretLocation = { ...location, resourceArn: record.arn };
    if (record.deletedAtMs !== undefined) return { ...apiFailure(SECRETS_ERRORS.markedForDeletion()), location: found };
    const version = selectVersion(record, location.versionId, location.versionStage);
    // The agent reads SecretString only; a binary secret injects an empty string.
    const text = version.secretString ?? "";
    const kms = record.kmsKeyId ? { kmsKeyId: record.kmsKeyId } : {};
    if (location.jsonKey === undefined) return { value: text, location: found, ...kms };
    const picked = jsonKeyValue(text, location.jsonKey);
    if ("error" in picked) return { error: `${ASM_FAILURE_PREFIX}${picked.error}`, location: found };
    return { value: picked.value, location: found, ...kms };
  } catch (error) {
    if (error instanceof EcsError) return apiFailure(error);
    throw error;
  }
}

function readParameter(source: SecretSource | undefined, accountId: string, location: SecretLocation): SecretResolution {
  const invalid = { error: `${SSM_FAILURE_PREFIX}invalid parameters: ${location.requestedId}`, location };
  if (!source) return invalid;
  let reference;
  try {
    reference = parseReference(location.requestedId, source.accountId, location.region, true);
  } catch {
    return invalid;
  }
  if (!reference) return invalid;
  const found = resolveReference(source.parameters, reference);
  if (!("version" in found) || !found.version) return invalid;
  const record = found.record!;
  const resolved: SecretLocation = { ...location, resourceArn: parameterArn(accountId, location.region, record.name) };
  const keyId = found.version.type === "SecureString" ? found.version.keyId : undefined;
  return { value: found.version.value, location: resolved, ...(keyId && keyId !== DEFAULT_SSM_KEY ? { kmsKeyId: keyId } : {}) };
}

/**
 * The stoppedReason when the execution role may not read the secret: `accessDeniedMessage` is AWS's
 * AccessDeniedException message as the IAM evaluation writes it ("User: arn:aws:sts::…:assumed-role/<role>/<task id>
 * is not authorized to perform: secretsmanager:GetSecretValue on resource: <arn> because no identity-based policy
 * allows the secretsmanager:GetSecretValue action"). [observed] forms: ecs-behavior.md §2.5 (SSM: "...retried 1
 * time(s): AccessDeniedException: User: ... is not authorized to perform: ssm:GetParameters on resource: ...") and
 * GiamPy5/terraform-aws-directus#10 (Secrets Manager, "failed to fetch secret <arn> from secrets manager:
 * AccessDeniedException: ... status code: 400, request id: ...").
 */
export function secretsAccessDenied(location: SecretLocation, accessDeniedMessage: string, requestId: string): string {
  if (location.kind === "secretsmanager") {
    return `${ASM_FAILURE_PREFIX}failed to fetch secret ${location.requestedId} from secrets manager: AccessDeniedException: ${accessDeniedMessage} status code: 400, request id: ${requestId}`;
  }
  return `${SSM_FAILURE_PREFIX}AccessDeniedException: ${accessDeniedMessage} status code: 400, request id: ${requestId}`;
}

/**
 * The agent's JSON-key lookup: json.Unmarshal into map[string]interface{}, then fmt.Sprintf("%v", value).
 * Errors are Go's texts ([inferred] for the common cases; the missing-key text is [observed]).
 */
export function jsonKeyValue(secretString: string, jsonKey: string): { value: string } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    return { error: goJsonSyntaxError(secretString) };
  }
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) {
    const kind = Array.isArray(parsed) ? "array" : typeof parsed === "boolean" ? "bool" : typeof parsed;
    return { error: `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}` };
  }
  const map = (parsed ?? {}) as Record<string, unknown>;
  if (!Object.hasOwn(map, jsonKey)) return { error: `retrieved secret from Secrets Manager did not contain json key ${jsonKey}` };
  return { value: goFormat(map[jsonKey]) };
}

function goJsonSyntaxError(text: string): string {
  const trimmed = text.replace(/^[ \t\r\n]+/, "");
  if (trimmed === "") return "unexpected end of JSON input";
  const first = trimmed[0];
  if (!/[{["\-0-9tfn]/.test(first)) return `invalid character '${first}' looking for beginning of value`;
  return "unexpected end of JSON input";
}

/** Go's `%v` of a decoded JSON value (float64, string, bool, nil, []interface{}, map[string]interface{}). */
export function goFormat(value: unknown): string {
  if (value === null) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return goFloat(value);
  if (Array.isArray(value)) return `[${value.map(goFormat).join(" ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, v]) => `${k}:${goFormat(v)}`).join(" ")}]`;
}

/**
 * strconv.FormatFloat(f, 'g', -1, 64), which %v uses: the shortest digits, in exponent form when the exponent is
 * below -4 or at least 6 ("if precision was the shortest possible, use precision 6 for this decision", ftoa.go):
 * 5432 stays "5432", 1000000 becomes "1e+06".
 */
function goFloat(n: number): string {
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const [mantissa, exponentText] = n.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return String(n);
}

/** The state key a parameter name has (for ECS's own bookkeeping, e.g. scenario files listing parameters). */
export const parameterKeyOf = keyOf;
