/**
 * Every number Secrets Manager's emulation enforces, with where it comes from (as engine/quotas.ts does for ECS):
 * [AWS-doc] with the page, [model] for a constraint of the API model (botocore secretsmanager/2017-10-17),
 * [inferred] where we chose. ECS Dojo's own bounds keep one learner's stored state small; their messages say they
 * are the sandbox's.
 */
import { EcsError } from "../../engine/errors";

export const SECRETS_QUOTAS = {
  /**
   * [AWS-doc] secretsmanager/latest/userguide/reference_limits.html: "Secret value size: 65,536 bytes" — and [model]
   * SecretStringType/SecretBinaryType max 65536.
   */
  secretValueBytes: 65_536,
  /** [AWS-doc] same page: "Staging labels attached across all versions of a secret: 20". */
  stagingLabelsPerSecret: 20,
  /**
   * [AWS-doc] same page and API_PutSecretValue: "Secrets Manager removes outdated versions when there are more than
   * 100, but it does not remove versions created less than 24 hours ago".
   */
  versionsPerSecret: 100,
  deprecatedVersionMinAgeMs: 24 * 3600 * 1000,
  /** [AWS-doc] general/latest/gr/aws_tagging.html, the tag quotas of every service: 50 per resource. */
  tagsPerSecret: 50,
  /** [model] NameType 1..512, DescriptionType max 2048, ClientRequestTokenType 32..64, SecretIdType 1..2048. */
  nameLength: 512,
  descriptionLength: 2048,
  clientRequestTokenMin: 32,
  clientRequestTokenMax: 64,
  secretIdLength: 2048,
  /** [model] NextTokenType 1..4096 (ListSecrets, ListSecretVersionIds). */
  nextTokenLength: 4096,
  /** [model] MedeaTypeType 0..256 (CreateSecret/UpdateSecret Type), RotationTokenType 36..256. */
  typeLength: 256,
  rotationTokenMin: 36,
  rotationTokenMax: 256,
  /** [model] TagKeyType 1..128, TagValueType 0..256, SecretVersionStageType 1..256, SecretVersionStagesType 1..20. */
  tagKeyLength: 128,
  tagValueLength: 256,
  stageLength: 256,
  /** [AWS-doc] API_DeleteSecret: "The number of days from 7 to 30 ... by default ... a 30 day recovery window". */
  recoveryWindowMinDays: 7,
  recoveryWindowMaxDays: 30,
  recoveryWindowDefaultDays: 30,
  /** [model] MaxResultsType 1..100 (ListSecrets, ListSecretVersionIds); FiltersListType max 10, values 1..10. */
  maxResults: 100,
  filters: 10,
  filterValues: 10,
  filterValueLength: 512,
} as const;

/** [inferred] The page size when MaxResults is not given (the CLI follows NextToken either way). */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * ECS Dojo's bounds. AWS allows 500,000 secrets per Region; a sandbox is one learner's: at these bounds its secrets
 * store at most about 1 MiB of values.
 */
export const SECRETS_SANDBOX_LIMITS = {
  secrets: 500,
  /** Characters of every stored version's value (SecretString, or SecretBinary's base64), all secrets together. */
  storedValueCharacters: 1024 * 1024,
} as const;

function sandboxLimit(what: string): EcsError {
  return new EcsError("LimitExceededException", `This ECS Dojo sandbox ${what}. This is a limit of the sandbox, not of AWS Secrets Manager.`);
}

export const SECRETS_SANDBOX_ERRORS = {
  secrets: () => sandboxLimit(`holds at most ${SECRETS_SANDBOX_LIMITS.secrets} secrets in a Region`),
  storage: () =>
    sandboxLimit(
      `stores at most ${SECRETS_SANDBOX_LIMITS.storedValueCharacters} characters of secret values in a Region; delete secrets you no longer need (delete-secret --force-delete-without-recovery)`,
    ),
  replication: () =>
    new EcsError("InvalidParameterException", "The ECS Dojo sandbox does not replicate secrets to other Regions (AddReplicaRegions). This is a limit of the sandbox, not of AWS Secrets Manager."),
};
