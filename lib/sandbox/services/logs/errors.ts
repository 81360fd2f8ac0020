/**
 * CloudWatch Logs' errors: codes are the model's exception shapes, messages AWS's own where they were seen
 * ([observed] with where), otherwise [inferred] and worded like AWS's.
 */
import { EcsError } from "../../engine/errors";
import { API_LIMITS, LOGS_SANDBOX_LIMITS } from "./limits";

export const invalidParameter = (message: string) => new EcsError("InvalidParameterException", message);

export const LOGS_ERRORS = {
  /**
   * [observed] localstack/localstack#1642, grycap/scar#82 (`An error occurred (ResourceAlreadyExistsException) when
   * calling the CreateLogGroup operation: The specified log group already exists`), no final period.
   */
  groupExists: () => new EcsError("ResourceAlreadyExistsException", "The specified log group already exists"),
  /** [observed] aws-robotics/cloudwatchlogs-ros1#1: "The specified log stream already exists". */
  streamExists: () => new EcsError("ResourceAlreadyExistsException", "The specified log stream already exists"),
  /** [observed] ecs-behavior.md §2.5 (the awslogs driver quotes it): "ResourceNotFoundException: The specified log group does not exist." */
  groupNotFound: () => new EcsError("ResourceNotFoundException", "The specified log group does not exist."),
  /** [observed] mentum/lawgs#10: "The specified log stream does not exist." */
  streamNotFound: () => new EcsError("ResourceNotFoundException", "The specified log stream does not exist."),
  /** [inferred] the tagging APIs name any resource; the exception's own documentation. */
  resourceNotFound: () => new EcsError("ResourceNotFoundException", "The specified resource does not exist."),
  /** [observed] many SDK reports, e.g. lazywithclass/winston-cloudwatch#197. */
  notChronological: () => invalidParameter("Log events in a single PutLogEvents request must be in chronological order."),
  /** [observed] aws-greengrass/aws-greengrass-log-manager#59, moby/moby#41529. */
  spansMoreThanADay: () => invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours."),
  /** [observed] nhs-england-tools/terraform-aws-opennext#27: "Upload too large: 1049882 bytes exceeds limit of 1048576". */
  uploadTooLarge: (bytes: number, limit: number) => invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${limit}`),
  /** [observed] aws/aws-sdk-js-v3#6164: "Log event too large: 315563 bytes exceeds limit of 262144" (the limit is 1 MB since 2025). */
  eventTooLarge: (bytes: number, limit: number) => invalidParameter(`Log event too large: ${bytes} bytes exceeds limit of ${limit}`),
  /** [inferred] moto's wording for a token the service did not issue. */
  badNextToken: () => invalidParameter("The specified nextToken is invalid."),
  /** [observed] Action-Llama/action-llama changelog 0.8.1 ("failing with \"Cannot order by LastEventTime with a logStreamNamePrefix\""). */
  prefixWithLastEventTime: () => invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix."),
  /** [inferred] the API reference: "You must include either logGroupIdentifier or logGroupName, but not both." */
  nameAndIdentifier: () => invalidParameter("You must include either logGroupIdentifier or logGroupName, but not both."),
  /** [inferred] the API reference: "If you specify a value for both logStreamNames and logStreamNamePrefix, the action returns an InvalidParameterException error." */
  namesAndPrefix: () => invalidParameter("You cannot specify both logStreamNames and logStreamNamePrefix."),
  /** [inferred] the API reference: "logGroupNamePrefix and logGroupNamePattern are mutually exclusive." */
  prefixAndPattern: () => invalidParameter("logGroupNamePrefix and logGroupNamePattern are mutually exclusive. Only one of these parameters can be passed."),
  /** [inferred] the API reference: "If you specify this parameter, the only other filter that you can choose to specify is includeLinkedAccounts." */
  identifiersWithOtherFilter: () =>
    invalidParameter("If you specify logGroupIdentifiers, the only other filter that you can choose to specify is includeLinkedAccounts."),
  /** [inferred] CreateLogGroup's documentation: "Log group names can't start with the string aws/". */
  reservedGroupName: () => invalidParameter("Log group names can't start with the string aws/."),
  /** [inferred] the exception's documentation: "A resource can have no more than 50 tags." */
  tooManyTags: () => new EcsError("TooManyTagsException", `A resource can have no more than ${API_LIMITS.tagsPerResource} tags.`),
  /** [inferred] how the service answers an ARN it cannot read. */
  invalidArn: (arn: string) => invalidParameter(`Invalid ARN: ${arn}`),
  /**
   * [observed] "Invalid filter pattern" (aws/aws-toolkit-jetbrains#3219, mapbox/ecs-watchbot#350); the specific
   * reasons below are [observed] too: jorgebastida/awslogs#210 ("If a filter pattern starts with '{' it must end with
   * '}'"), serverless-plugin-log-subscription#47 ("Invalid character(s) in term '?'").
   */
  invalidFilterPattern: (reason?: string) => invalidParameter(reason ?? "Invalid filter pattern"),
};

/** A Dojo bound: AWS's exception type, and a message that says whose limit it is. */
function sandboxLimit(what: string): EcsError {
  return new EcsError("LimitExceededException", `This ECS Dojo sandbox ${what}. This is a limit of the sandbox, not of CloudWatch Logs.`);
}

export const LOGS_SANDBOX_ERRORS = {
  logGroups: () => sandboxLimit(`holds at most ${LOGS_SANDBOX_LIMITS.logGroups} log groups`),
  logStreams: () => sandboxLimit(`holds at most ${LOGS_SANDBOX_LIMITS.logStreams} log streams`),
};
