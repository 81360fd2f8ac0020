/**
 * Every number SSM Parameter Store's emulation enforces, with its source: [AWS-doc] with the page, [model] for a
 * constraint of the API model (botocore ssm/2014-11-06), [inferred] where we chose. ECS Dojo's own bounds keep one
 * learner's stored state small; their messages say they are the sandbox's.
 */
import { EcsError } from "../../engine/errors";

export const SSM_QUOTAS = {
  /**
   * [AWS-doc] API_PutParameter Value/Tier and systems-manager/latest/userguide/parameter-store-advanced-parameters.html:
   * "Standard parameters have a value limit of 4 KB. Advanced parameters have a value limit of 8 KB."; the error
   * for a larger standard value speaks of 4096 characters ([observed] aws/aws-sdk-net#3157).
   */
  standardValueCharacters: 4096,
  advancedValueCharacters: 8192,
  /** [AWS-doc] API_PutParameter Tier: 10,000 standard and 100,000 advanced parameters per Region. */
  standardParameters: 10_000,
  advancedParameters: 100_000,
  /** [AWS-doc] ParameterMaxVersionLimitExceeded: "Parameter Store retains the 100 most recently created versions". */
  versionsKept: 100,
  /** [AWS-doc] API_PutParameter Name: "Parameter hierarchies are limited to a maximum depth of fifteen levels." */
  hierarchyLevels: 15,
  /**
   * [AWS-doc] API_PutParameter Name: "The maximum length for a parameter name that you specify is 1011 characters.
   * This count ... includes the characters in the ARN that precede the name".
   */
  nameWithArnCharacters: 1011,
  /** [model] PSParameterName 1..2048: what any call naming a parameter may send (a name, an ARN, `name:label`). */
  nameLength: 2048,
  /** [model] ParameterPolicies max 4096. */
  policiesLength: 4096,
  /** [model] ParameterDescription max 1024, AllowedPattern max 1024, ParameterKeyId 1..256, ParameterDataType max 128. */
  descriptionLength: 1024,
  allowedPatternLength: 1024,
  keyIdLength: 256,
  /** [AWS-doc] API_LabelParameterVersion: "A version of a parameter can have a maximum of 10 labels", 100 characters each. */
  labelsPerVersion: 10,
  labelLength: 100,
  /** [model] ParameterNameList 1..10 (GetParameters, DeleteParameters). */
  namesPerRequest: 10,
  /** [model] GetParametersByPathMaxResults 1..10; MaxResults 1..50 (DescribeParameters, GetParameterHistory). */
  byPathMaxResults: 10,
  maxResults: 50,
  /** [AWS-doc] general/latest/gr/aws_tagging.html: 50 tags per resource. */
  tagsPerParameter: 50,
} as const;

/**
 * [inferred] Page sizes when MaxResults is not given: moto answers DescribeParameters 10 at a time; history and
 * by-path pages are their maxima. The CLI follows NextToken, so learners see whole lists either way.
 */
export const PAGE_SIZES = { describe: 10, byPath: 10, history: 50 } as const;

/** ECS Dojo's bound: AWS has no total size; a learner's parameters keep at most 1 MiB of values, history included. */
export const SSM_SANDBOX_LIMITS = {
  storedValueCharacters: 1024 * 1024,
} as const;

function sandboxLimit(code: string, what: string): EcsError {
  return new EcsError(code, `This ECS Dojo sandbox ${what}. This is a limit of the sandbox, not of AWS Systems Manager.`);
}

export const SSM_SANDBOX_ERRORS = {
  storage: () =>
    sandboxLimit(
      "ParameterLimitExceeded",
      `stores at most ${SSM_SANDBOX_LIMITS.storedValueCharacters} characters of parameter values in a Region (every version counts); delete parameters you no longer need`,
    ),
  policies: () => sandboxLimit("InvalidPolicyTypeException", "does not emulate parameter policies (Expiration, ExpirationNotification, NoChangeNotification)"),
  riskyPattern: () =>
    sandboxLimit(
      "InvalidAllowedPatternException",
      "does not evaluate an AllowedPattern that could take very long to match: a repeated group containing a repetition or an alternation such as (a+)+ or (a|ab)*, a back-reference, or more than two unbounded repetitions",
    ),
};
