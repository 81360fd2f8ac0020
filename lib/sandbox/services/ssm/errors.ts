/**
 * SSM Parameter Store's errors, code and message as AWS writes them. Sources: [observed] where AWS's answer was seen
 * (issue threads quoting the CLI/SDK), [AWS-doc] the API reference or user guide, [inferred] where we had to choose
 * (moto's wording, when it has one).
 */
import { EcsError } from "../../engine/errors";
import { SSM_QUOTAS } from "./quotas";

/** [observed] The CLI/SDK's "names must be ..." text for a name that breaks the naming rules (boto/boto3#1499, aws/aws-sdk-php#1952). */
const INVALID_NAME =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

export const SSM_ERRORS = {
  /**
   * [observed] GetParameter and DeleteParameter answer ParameterNotFound with an empty message: "An error occurred
   * (ParameterNotFound) when calling the GetParameter operation: " (awslabs/aws-simple-cicd#10,
   * github-aws-runners/terraform-aws-github-runner#2789). [inferred] GetParameterHistory and LabelParameterVersion alike.
   */
  notFound: () => new EcsError("ParameterNotFound", ""),
  /** [inferred] moto's wording. */
  versionNotFound: (version: number | string, name: string) =>
    new EcsError("ParameterVersionNotFound", `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`),
  /** [observed] widely quoted (terraform, CDK and CLI users). */
  alreadyExists: () =>
    new EcsError("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true."),
  invalidName: () => new EcsError("ValidationException", INVALID_NAME),
  /** [inferred] moto's wording for a one-level name starting with aws/ssm. */
  reservedPrefix: () => new EcsError("ValidationException", 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).'),
  /** [inferred] moto's wording for a path under /aws. */
  reservedPath: (name: string) => new EcsError("AccessDeniedException", `No access to reserved parameter name: ${name}.`),
  /** [observed] hashicorp/terraform-provider-aws#7251 ("a/b" without the leading slash). */
  notFullyQualified: () => new EcsError("ValidationException", "Parameter name must be a fully qualified name."),
  /** [AWS-doc] the model's documentation of HierarchyLevelLimitExceededException. */
  hierarchyTooDeep: () =>
    new EcsError(
      "HierarchyLevelLimitExceededException",
      "A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the Amazon Web Services Systems Manager User Guide.",
    ),
  /**
   * [observed] GetParametersByPath with a path that breaks the rules (aws-samples/resource-autotagger#1) — the
   * backslashes before the quotes around aws and ssm are in AWS's text.
   */
  invalidPath: () =>
    new EcsError(
      "ValidationException",
      'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.',
    ),
  /** [inferred] moto's wording. */
  typeRequired: () => new EcsError("ValidationException", "A parameter type is required when you create a parameter."),
  /** [observed] quoted by terraform users updating tagged parameters; moto has it too. */
  tagsWithOverwrite: () =>
    new EcsError(
      "ValidationException",
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    ),
  /** [observed] aws/aws-sdk-net#3157. [inferred] the code. */
  standardTooLarge: () =>
    new EcsError(
      "ValidationException",
      "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html",
    ),
  /** [inferred] AWS's validation format; parameter values are not echoed. */
  valueTooLarge: () =>
    new EcsError(
      "ValidationException",
      `1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${SSM_QUOTAS.advancedValueCharacters}`,
    ),
  /** [inferred] moto's wording. */
  emptyValue: () =>
    new EcsError("ValidationException", "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1."),
  /** [AWS-doc] systems-manager/latest/userguide (AllowedPattern example): the CLI's exact line. */
  patternMismatch: (pattern: string) =>
    new EcsError("ParameterPatternMismatchException", `Parameter value, cannot be validated against allowedPattern: ${pattern}`),
  /** [AWS-doc] the model's documentation of InvalidAllowedPatternException. */
  invalidAllowedPattern: () => new EcsError("InvalidAllowedPatternException", "The request doesn't meet the regular expression requirement."),
  /** [inferred] paraphrases API_PutParameter Tier ("you can't revert an advanced parameter to a standard parameter"). */
  tierDowngrade: () =>
    new EcsError(
      "ValidationException",
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    ),
  /** [AWS-doc] the model's documentation of ParameterMaxVersionLimitExceeded quotes the message. */
  maxVersions: (name: string, version: number) =>
    new EcsError(
      "ParameterMaxVersionLimitExceeded",
      `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    ),
  /** [AWS-doc] the model's documentation of ParameterLimitExceeded. */
  limitExceeded: () =>
    new EcsError("ParameterLimitExceeded", "You have exceeded the number of parameters for this Amazon Web Services account. Delete one or more parameters and try again."),
  /** [inferred] moto's wording. */
  invalidDataType: (dataType: string) =>
    new EcsError("ValidationException", `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`),
  /** [inferred] the model's documentation of ParameterVersionLabelLimitExceeded, in moto's sentences. */
  tooManyLabels: () =>
    new EcsError("ParameterVersionLabelLimitExceeded", "A parameter version can have maximum 10 labels. Move one or more labels to another version and try again."),
  /** [AWS-doc] the model's documentation of InvalidNextToken. */
  invalidNextToken: () => new EcsError("InvalidNextToken", "The specified token isn't valid."),
  /** [inferred] moto's wordings for filters. */
  eitherFilters: () => new EcsError("ValidationException", "You can use either Filters or ParameterFilters in a single request."),
  invalidFilterKey: (key: string, valid: string) => new EcsError("InvalidFilterKey", `The following filter key is not valid: ${key}. Valid filter keys include: [${valid}].`),
  duplicateFilter: (key: string) =>
    new EcsError("InvalidFilterKey", `The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`),
  missingFilterValues: (key: string) => new EcsError("InvalidFilterValue", `The following filter values are missing : null for filter key ${key}.`),
  invalidFilterOption: (option: string, valid: string) =>
    new EcsError("InvalidFilterOption", `The following filter option is not valid: ${option}. Valid options include: [${valid}].`),
  invalidFilterValue: (value: string, valid: string) =>
    new EcsError("InvalidFilterOption", `The following filter value is not valid: ${value}. Valid values include: [${valid}].`),
};

/** AWS's request validation format (Coral): "1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: ...". */
export function validationError(member: string, constraint: string, value?: string): EcsError {
  const shown = value === undefined ? "Value" : `Value '${value}'`;
  return new EcsError("ValidationException", `1 validation error detected: ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function missing(member: string): EcsError {
  return new EcsError("ValidationException", `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

export function enumError(member: string, value: string, values: readonly string[]): EcsError {
  return validationError(member, `Member must satisfy enum value set: [${values.join(", ")}]`, value);
}
