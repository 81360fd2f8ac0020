/**
 * The first failure the ECS service itself would answer a RegisterTaskDefinition request with. The
 * request body has already passed the client (or never had one), so unknown members are ignored and
 * null means absent; only wrong JSON types and ECS's own checks fail it.
 */
import { RuleContext, type Finding } from "./engine/context";
import { MAX_DEPTH } from "./json/parse";
import { fromValue } from "./json/tree";
import { serializationText } from "./messages/aws";
import { composeMessage } from "./messages";
import type { MessageParams, RuleId } from "./messages/params";
import { checkCliShape, SERIALIZATION_EXCEPTION } from "./rules/cli-shape";
import { REGISTRATION_RULES, SERVICE_RULES } from "./rules";

export interface AwsRejection {
  type: string;
  message: string;
}

export function awsRejection(value: unknown): AwsRejection | null {
  try {
    return firstRejection(value);
  } catch {
    return { type: "ServerException", message: "The request could not be processed." };
  }
}

function firstRejection(value: unknown): AwsRejection | null {
  const root = fromValue(value, MAX_DEPTH);
  if (root.kind !== "object") {
    return { type: SERIALIZATION_EXCEPTION, message: "The request body must be a JSON object of RegisterTaskDefinition parameters." };
  }
  const ctx = new RuleContext(root, "wire");
  checkCliShape(ctx);
  const wrongType = ctx.findings.find((finding) => finding.ruleId === "CLI-TYPE" || finding.ruleId === "CLI-TYPE-TASK-CPU-MEM");
  if (wrongType) {
    return { type: SERIALIZATION_EXCEPTION, message: serializationText(wrongType.params as MessageParams["CLI-TYPE"]) };
  }
  const missing = ctx.findings.find((finding) => finding.ruleId === "CLI-REQUIRED") as Finding<"CLI-REQUIRED"> | undefined;
  if (missing) return { type: "ClientException", message: missingMemberText(missing) };

  for (const rule of REGISTRATION_RULES) {
    const before = ctx.findings.length;
    rule.check!(ctx);
    for (const finding of ctx.findings.slice(before)) {
      // A milder variant of a rule (a warning) or one AWS has no captured words for is not a rejection.
      if (finding.level !== undefined && finding.level !== "error") continue;
      const message = serviceText(finding, rule.id in SERVICE_RULE_IDS);
      if (message !== undefined) return { type: rule.awsErrorType ?? "ClientException", message };
    }
  }
  return null;
}

/**
 * No ECS answer to a missing required member has been captured (the CLI and SDKs never send one); this
 * follows the validation wording AWS's JSON services use for it.
 */
function missingMemberText(finding: Finding<"CLI-REQUIRED">): string {
  const where = finding.params.where === "input" ? "" : `${finding.params.where}.`;
  return `1 validation error detected: Value null at '${where}${finding.params.member}' failed to satisfy constraint: Member must not be null`;
}

/**
 * AWS's own words where known. For the first release's ordered rules our English explanation stands in
 * when AWS's words are unknown (TD-MEMORY-FORMAT); the other rules reject only with AWS's words.
 */
function serviceText(finding: Finding, ordered: boolean): string | undefined {
  const composed = composeMessage(finding.ruleId as RuleId, finding.params as never, "en");
  return composed.awsMessage ?? (ordered ? composed.message : undefined);
}

const SERVICE_RULE_IDS: Record<string, true> = Object.fromEntries(SERVICE_RULES.map((rule) => [rule.id, true]));
