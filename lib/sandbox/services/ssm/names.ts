/**
 * Parameter names, ARNs and selectors. [AWS-doc] API_PutParameter Name ("Naming Constraints") and API_GetParameter
 * Name ("To query by parameter label, use "Name": "name:label". To query by parameter version, use "Name":
 * "name:version"."):
 * - names are case sensitive; letters, digits, `_ . -`, and `/` between the levels of a hierarchy;
 * - a hierarchical name starts with `/`; at most 15 levels;
 * - no name starts with "aws" or "ssm" (case-insensitive);
 * - spaces at either end are removed, spaces inside are refused.
 * A one-level name is the same parameter with or without its leading slash (`/db-host` is `db-host`; [inferred]
 * from moto, which normalises names so, and the ARN, which has no slash there).
 */
import { parseArn, partitionOf } from "../secrets/arns";
import { SSM_ERRORS } from "./errors";
import { SSM_QUOTAS } from "./quotas";

const NAME_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/;

/** The state's map key of a name: one-level names lose their leading slash. */
export function keyOf(name: string): string {
  const stripped = name.startsWith("/") ? name.slice(1) : name;
  return stripped.includes("/") ? name : stripped;
}

/** The ARN of a parameter: `arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>`. */
export function parameterArn(accountId: string, region: string, name: string): string {
  return `arn:${partitionOf(region)}:ssm:${region}:${accountId}:parameter/${name.startsWith("/") ? name.slice(1) : name}`;
}

/** [AWS-doc] "The service removes any spaces specified for the beginning or end of a parameter name." */
function trimmed(name: string): string {
  const name2 = name.replace(/^ +| +$/g, "");
  if (name2.includes(" ")) throw SSM_ERRORS.invalidName();
  return name2;
}

function levels(name: string): number {
  return name.split("/").filter(Boolean).length;
}

/** A name PutParameter may create, trimmed; throws AWS's error for each broken rule. */
export function checkNewName(raw: string, accountId: string, region: string): string {
  const name = trimmed(raw);
  if (name.length === 0 || !NAME_CHARACTERS.test(name)) throw SSM_ERRORS.invalidName();
  const first = (name.startsWith("/") ? name.slice(1) : name).toLowerCase();
  const hierarchical = name.slice(1).includes("/");
  if (first.startsWith("aws") || first.startsWith("ssm")) {
    if (hierarchical && name.toLowerCase().startsWith("/aws")) throw SSM_ERRORS.reservedPath(name);
    throw hierarchical ? SSM_ERRORS.invalidName() : SSM_ERRORS.reservedPrefix();
  }
  if (name.includes("/") && !name.startsWith("/")) throw SSM_ERRORS.notFullyQualified();
  if (name.includes("//") || name.endsWith("/")) throw SSM_ERRORS.invalidName();
  if (levels(name) > SSM_QUOTAS.hierarchyLevels) throw SSM_ERRORS.hierarchyTooDeep();
  const arnLength = parameterArn(accountId, region, "").length;
  if (arnLength + name.length > SSM_QUOTAS.nameWithArnCharacters) {
    throw SSM_ERRORS.invalidName();
  }
  return name;
}

export interface ParameterReference {
  /** The name as asked (without selector), for messages. */
  name: string;
  key: string;
  /** `:3` asks for version 3, `:prod` for the version labelled prod. */
  version?: number;
  label?: string;
  /** The selector as written, for the Selector member (":3", ":prod"). */
  selector?: string;
}

/**
 * What GetParameter/GetParameters/GetParameterHistory/DeleteParameter name: a name or the parameter's ARN, with a
 * `:version`/`:label` selector where `selectors` allows. Null when it names a parameter of another account or
 * Region (= not found here). Throws AWS's ValidationException for a malformed name.
 */
export function parseReference(raw: string, accountId: string, region: string, selectors: boolean): ParameterReference | null {
  let text = trimmed(raw);
  if (text.startsWith("arn:")) {
    const arn = parseArn(text);
    if (!arn || arn.service !== "ssm" || !arn.resource.startsWith("parameter/")) throw SSM_ERRORS.invalidName();
    if (arn.region !== region || arn.accountId !== accountId || arn.partition !== partitionOf(region)) return null;
    const rest = arn.resource.slice("parameter/".length);
    text = rest.split(":")[0].includes("/") ? `/${rest}` : rest;
  }
  const colon = text.indexOf(":");
  const name = colon < 0 ? text : text.slice(0, colon);
  if (name.length === 0 || !NAME_CHARACTERS.test(name)) throw SSM_ERRORS.invalidName();
  const reference: ParameterReference = { name, key: keyOf(name) };
  if (colon < 0) return reference;
  const selector = text.slice(colon + 1);
  if (!selectors || selector.length === 0 || selector.includes(":")) throw SSM_ERRORS.invalidName();
  reference.selector = `:${selector}`;
  if (/^\d+$/.test(selector)) reference.version = Number(selector);
  else reference.label = selector;
  return reference;
}

/** [AWS-doc] API_LabelParameterVersion: labels use letters, digits, `. - _`; not starting with a digit, "aws" or "ssm". */
export function isValidLabel(label: string): boolean {
  return (
    label.length >= 1 &&
    label.length <= SSM_QUOTAS.labelLength &&
    /^[a-zA-Z0-9_.-]+$/.test(label) &&
    !/^[0-9]/.test(label) &&
    !/^(aws|ssm)/i.test(label)
  );
}
