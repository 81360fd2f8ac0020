/**
 * Repository policies (Set/Get/DeleteRepositoryPolicy): a resource-based IAM policy document, checked as a policy
 * document before it is stored. The sandbox does not evaluate it (who may pull is the execution role's business,
 * issue 10's IAM part); it is kept and shown.
 *
 * [observed] ECR answers the policy reformatted, in Jackson's default pretty-printed layout: two-space indents, ` : `
 * between names and values, `[ {` for arrays — e.g. `{\n  "Version" : "2008-10-17",\n  "Statement" : [ {\n    "Sid" :
 * …` (the GetRepositoryPolicy example of the API reference and boto3's documentation).
 */
import { MAX_JSON_DEPTH, nestingDepth } from "@/lib/http/json-body";
import { optBoolean, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { constraint, ECR_ERRORS } from "./errors";
import { ECR_QUOTAS } from "./quotas";
import { requiredString, requireRepository } from "./requests";

/** JSON as Jackson's DefaultPrettyPrinter writes it. */
export function jacksonPretty(value: unknown, level = 0): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[ ]";
    // Arrays stay on one line (a space-separated, inline indenter), and do not deepen the indentation.
    return `[ ${value.map((item) => jacksonPretty(item, level)).join(", ")} ]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{ }";
    const inner = "  ".repeat(level + 1);
    const body = entries.map(([key, item]) => `${inner}${JSON.stringify(key)} : ${jacksonPretty(item, level + 1)}`).join(",\n");
    return `{\n${body}\n${"  ".repeat(level)}}`;
  }
  return JSON.stringify(value);
}

const isStringOrStrings = (value: unknown) =>
  typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string"));

/**
 * Whether a text is a policy document ECR would accept: a JSON object whose Statement (one or a list) has an Effect
 * of Allow or Deny, an Action or NotAction, and a Principal or NotPrincipal (a resource policy names who it is for);
 * Version, when present, one of IAM's two. [inferred] the checks; AWS runs IAM's full policy grammar.
 */
function isPolicyDocument(text: string): boolean {
  // No policy nests deeper than a few levels; a deeper text would only overflow the reformatting walk.
  if (nestingDepth(text) > MAX_JSON_DEPTH) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return false;
  const policy = parsed as Record<string, unknown>;
  if (policy.Version !== undefined && policy.Version !== "2012-10-17" && policy.Version !== "2008-10-17") return false;
  const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement === undefined ? [] : [policy.Statement];
  if (statements.length === 0) return false;
  return statements.every((statement) => {
    if (statement === null || typeof statement !== "object" || Array.isArray(statement)) return false;
    const s = statement as Record<string, unknown>;
    if (s.Effect !== "Allow" && s.Effect !== "Deny") return false;
    if (!isStringOrStrings(s.Action) && !isStringOrStrings(s.NotAction)) return false;
    return (s.Principal !== undefined) !== (s.NotPrincipal !== undefined);
  });
}

function setRepositoryPolicy(state: SandboxState, input: Input): object {
  const { repository, ref } = requireRepository(state, input);
  const text = requiredString(input, "policyText");
  // `force` only skips AWS's lock-out check, which the sandbox does not make.
  optBoolean(input, "force");
  if (text.length > ECR_QUOTAS.repositoryPolicyCharacters) {
    throw constraint("policyText", `Member must have length less than or equal to ${ECR_QUOTAS.repositoryPolicyCharacters}`);
  }
  if (!isPolicyDocument(text)) throw ECR_ERRORS.invalidRepositoryPolicy();
  repository.policyText = jacksonPretty(JSON.parse(text));
  return { registryId: ref.registryId, repositoryName: ref.repositoryName, policyText: repository.policyText };
}

export const repositoryPolicyOperations: Record<string, Operation> = {
  SetRepositoryPolicy: { readOnly: false, run: setRepositoryPolicy },
  GetRepositoryPolicy: {
    readOnly: true,
    run(state, input) {
      const { repository, ref } = requireRepository(state, input);
      if (repository.policyText === undefined) throw ECR_ERRORS.repositoryPolicyNotFound(ref);
      return { registryId: ref.registryId, repositoryName: ref.repositoryName, policyText: repository.policyText };
    },
  },
  DeleteRepositoryPolicy: {
    readOnly: false,
    run(state, input) {
      const { repository, ref } = requireRepository(state, input);
      const policyText = repository.policyText;
      if (policyText === undefined) throw ECR_ERRORS.repositoryPolicyNotFound(ref);
      delete repository.policyText;
      return { registryId: ref.registryId, repositoryName: ref.repositoryName, policyText };
    },
  },
};
