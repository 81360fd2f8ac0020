/**
 * Secrets Manager's errors, code and message as AWS writes them. Sources: [observed] where AWS's answer was seen
 * (issue threads quoting the CLI/SDK), [AWS-doc] the API reference, [inferred] where we had to choose.
 */
import { EcsError } from "../../engine/errors";

export const SECRETS_ERRORS = {
  /** [observed] e.g. terraform-aws-secrets-manager#24, vals-operator#44; HTTP 400 (no httpError trait in the model). */
  notFound: () => new EcsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
  /** [observed] boto/boto3#2794 (a secret without a value asked for AWSCURRENT). */
  noValueForStage: (stage: string) =>
    new EcsError("ResourceNotFoundException", `Secrets Manager can't find the specified secret value for staging label: ${stage}`),
  /** [inferred] moto's wording, the VersionId twin of the staging-label message. */
  noValueForVersion: (versionId: string) =>
    new EcsError("ResourceNotFoundException", `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`),
  /** [inferred] moto's wording. */
  stageVersionMismatch: () => new EcsError("InvalidRequestException", "You provided a VersionStage that is not associated to the provided VersionId."),
  /** [observed] terraform-provider-aws secretsmanager (IsAErrorMessageContains), floci#2514, aws-mock for Java. */
  markedForDeletion: () => new EcsError("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion."),
  /** [inferred] API reference, InvalidRequestException's causes ("...on a secret that's currently marked deleted"); LocalStack's text. */
  alreadyMarkedDeleted: () => new EcsError("InvalidRequestException", "You tried to perform the operation on a secret that's currently marked deleted."),
  /** [observed] redpanda-data/console#1835, aws-ia/terraform-aws-eks-blueprints#1733, nasa/cumulus-orca#114. */
  nameScheduledForDeletion: () =>
    new EcsError("InvalidRequestException", "You can't create this secret because a secret with this name is already scheduled for deletion."),
  /** [observed] terraform-provider-aws acceptance output ("ResourceExistsException: The operation failed because the secret test already exists."). */
  alreadyExists: (name: string) => new EcsError("ResourceExistsException", `The operation failed because the secret ${name} already exists.`),
  /** [inferred] API_UpdateSecret/API_PutSecretValue: "You can't modify an existing version, you can only create a new version." */
  versionExists: () => new EcsError("ResourceExistsException", "You can't modify an existing version, you can only create a new version."),
  /** [observed] moto's tests against AWS and terraform runs quoting it (also for an empty SecretString). */
  noValue: () => new EcsError("InvalidRequestException", "You must provide either SecretString or SecretBinary."),
  /** [observed] aws-mock for Java's tests (verified against AWS). */
  bothValues: () => new EcsError("InvalidParameterException", "You can't specify both a binary secret value and a string secret value in the same secret."),
  /** [observed] moto and LocalStack; seen in CLI output quoted by users. */
  recoveryWindow: () => new EcsError("InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."),
  /** [observed] same sources. */
  forceWithWindow: () => new EcsError("InvalidParameterException", "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."),
  /** [observed] moto's tests against AWS; users quoting GetSecretValue on a name with '#' or ':' in it. */
  invalidName: () =>
    new EcsError("ValidationException", "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!"),
  /** [AWS-doc] InvalidNextTokenException: "The NextToken value is invalid." */
  invalidNextToken: () => new EcsError("InvalidNextTokenException", "The NextToken value is invalid."),
  /** [inferred] the quota pages' numbers; AWS's exact sentences were not found. */
  tooManyStages: () =>
    new EcsError("LimitExceededException", "You can't attach more than 20 staging labels across all versions of a secret."),
  tooManyVersions: () =>
    new EcsError(
      "LimitExceededException",
      "You can't create more versions of this secret: it has 100 versions, and Secrets Manager removes versions without staging labels only when they are more than 24 hours old.",
    ),
  tooManyTags: () => new EcsError("ValidationException", "Number of tags exceeds resource tag limit of 50."),
  /** [inferred] reserved-prefix rule of AWS tagging (general/latest/gr/aws_tagging.html). */
  reservedTagKey: () => new EcsError("InvalidParameterException", "Tag keys beginning with 'aws:' are reserved for AWS use."),
  /** [inferred] InvalidParameterException's model doc ("The parameter name or value is invalid."). */
  invalidFilter: (message: string) => new EcsError("InvalidParameterException", message),
};

/**
 * AWS's request validation (Coral): "1 validation error detected: Value 'x' at 'member' failed to satisfy constraint:
 * ...". Sensitive members (secret values) are not echoed: "Value at 'secretString' ...". [observed] format of every
 * AWS JSON service; the member is written in lowerCamelCase.
 */
export function validationError(member: string, constraint: string, value?: string): EcsError {
  const shown = value === undefined ? "Value" : `Value '${value}'`;
  return new EcsError("ValidationException", `1 validation error detected: ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}

/** A required member that is missing. */
export function missing(member: string): EcsError {
  return new EcsError("ValidationException", `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

export const tooLong = (member: string, max: number, value?: string) =>
  validationError(member, `Member must have length less than or equal to ${max}`, value);
export const tooShort = (member: string, min: number, value?: string) =>
  validationError(member, `Member must have length greater than or equal to ${min}`, value);
