/**
 * Every limit the sandbox enforces, in one place, each number and text tagged with where it comes from (as in
 * scheduler-rules.ts): [AWS-doc] with the page, [observed] with where AWS's answer was seen, [inferred] where we chose.
 *
 * Two kinds. AWS's quotas, as a new account has them: a sandbox is one account in one Region, so "per account" is
 * per sandbox. And ECS Dojo's own bounds, which AWS does not have: they keep one learner's stored state small and
 * one call's work short, so that one sandbox cannot hold up everyone else's. Their messages say they are the
 * sandbox's, so nobody takes them for AWS behaviour. A Dojo bound never sits below an AWS quota it would hide.
 */
import { MAX_TASK_DEFINITION_BYTES } from "@/lib/validator/rules/task-definition";
import { EcsError, invalidParameter } from "./errors";

/**
 * [AWS-doc] https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html, "Amazon ECS service
 * quotas": the defaults of a new account (the awsvpcConfiguration and target-group rows as in the page's last
 * public copy, awsdocs/amazon-ecs-developer-guide doc_source/service-quotas.md).
 */
export const ECS_QUOTAS = {
  clustersPerAccount: 10_000,
  servicesPerCluster: 5_000,
  /** "The maximum number of tasks per service (the desired count)". */
  tasksPerService: 5_000,
  containerInstancesPerCluster: 5_000,
  tasksPerRunTask: 10,
  containerInstancesPerStartTask: 10,
  capacityProvidersPerCluster: 20,
  /** Clusters, services, tasks, task definitions and container instances. */
  tagsPerResource: 50,
  subnetsPerAwsvpcConfiguration: 16,
  securityGroupsPerAwsvpcConfiguration: 5,
  targetGroupsPerService: 5,
  /** "Task definition size limit", 64 KiB: the validator's TD-SIZE rule holds the number. */
  taskDefinitionBytes: MAX_TASK_DEFINITION_BYTES,
} as const;

/** [AWS-doc] API reference (botocore ecs/2014-11-13 doc strings): request members with a documented maximum. */
export const API_LIMITS = {
  /** CapacityProviderStrategyItem: "A capacity provider strategy can contain a maximum of 20 capacity providers." */
  capacityProvidersPerStrategy: 20,
  /** RunTask/StartTask overrides: "A total of 8192 characters are allowed for overrides." */
  overridesCharacters: 8192,
  placementConstraints: 10,
  placementStrategies: 5,
  /** CreateService serviceRegistries: "Each service may be associated with one service registry." */
  serviceRegistries: 1,
  /** AttributeLimitExceededException: "You can apply up to 10 custom attributes for each resource." */
  customAttributes: 10,
  /** DescribeClusters: "A list of up to 100 cluster names or full cluster Amazon Resource Name (ARN) entries." */
  describeClusters: 100,
  describeServices: 10,
  describeTasks: 100,
} as const;

/** [AWS-doc] developerguide/service-event-messages.html: a service's 100 most recent events. */
export const SERVICE_EVENTS_KEPT = 100;

/**
 * Fargate vCPUs that may run at once, per pool, in CPU units (1,024 = 1 vCPU); a task holds its share until it is
 * STOPPED ([inferred]). "Fargate On-Demand vCPU resource count" (quota code L-3032A538): the service-quotas page
 * ([AWS-doc]) says new accounts start lower and grow with use; 6 is [observed] as the AWS default read with
 * `aws service-quotas list-aws-default-service-quotas --service-code fargate` in a 2025–26 deployment guide (new
 * accounts have also been seen with 4 and 8; a 2022-era reading of the same API gave 4,000, the figure accounts
 * migrated from task-count quotas got). "Fargate Spot vCPU resource count": [inferred] the same.
 */
export const FARGATE_VCPU_QUOTA = { FARGATE: 6 * 1024, FARGATE_SPOT: 6 * 1024 } as const;

/**
 * The service scheduler starts (and stops) a service's tasks in steps. [AWS-doc] service-quotas.html: "Rate of tasks
 * launched by a service on AWS Fargate: 500" per minute. [inferred]: `batch` tasks every `stepMs` is that rate, for
 * EC2 too, and for stopping; so one scheduler step, and one service event, never covers thousands of tasks.
 */
export const SCHEDULER_STEP = { batch: 50, stepMs: 6_000 } as const;

/** AWS's errors for the quotas above. */
export const QUOTA_ERRORS = {
  /** [observed] aws/containers-roadmap#768 (2020): `InvalidParameterException: Desired count exceeds limit.` */
  desiredCount: () => invalidParameter("Desired count exceeds limit."),
  /** [inferred] no answer seen; typed and worded like the desired-count one (these operations model no LimitExceededException). */
  servicesPerCluster: () => invalidParameter("Number of services in the cluster exceeds limit."),
  clusters: () => invalidParameter("Number of clusters exceeds limit."),
  containerInstancesPerCluster: () => invalidParameter("Number of container instances in the cluster exceeds limit."),
  /** [inferred] the quota's or the API reference's own sentence. */
  capacityProvidersPerCluster: () =>
    invalidParameter(`A cluster can have at most ${ECS_QUOTAS.capacityProvidersPerCluster} capacity providers.`),
  capacityProvidersPerStrategy: () =>
    invalidParameter(`A capacity provider strategy can contain a maximum of ${API_LIMITS.capacityProvidersPerStrategy} capacity providers.`),
  overrides: () => invalidParameter(`A total of ${API_LIMITS.overridesCharacters} characters are allowed for overrides.`),
  targetGroups: () => invalidParameter(`A service can have at most ${ECS_QUOTAS.targetGroupsPerService} target groups.`),
  serviceRegistries: () => invalidParameter("A service can be associated with at most one service registry."),
  describeClusters: () => invalidParameter(`A maximum of ${API_LIMITS.describeClusters} clusters can be described at once.`),
  /** [inferred] the exception's own documentation as the message. */
  customAttributes: () =>
    new EcsError("AttributeLimitExceededException", `You can apply up to ${API_LIMITS.customAttributes} custom attributes for each resource.`),
  /** [inferred] RegisterTaskDefinition is the one operation here that models LimitExceededException. */
  taskDefinitionSize: () =>
    new EcsError("LimitExceededException", `Task definition size exceeds the limit of ${ECS_QUOTAS.taskDefinitionBytes / 1024} KiB.`),
};

/**
 * Why Fargate does not start a task: the service event's `Reason:` and RunTask's `failures[].reason`.
 * vCPUs: [AWS-doc] developerguide/service-event-messages.html ("service (service-name) was unable to place a task.
 * Reason: You’ve reached the limit on the number of vCPUs you can run concurrently": typographic apostrophe, no
 * period), and [observed] as RunTask's failure reason (hyperflow-wms/hyperflow's awsFargateCommand matches it).
 * A task larger than the whole quota: [observed] RunTask `"reason": "The requested CPU configuration is above your
 * limit"` (dask/dask-cloudprovider#299); the service event has a final period ([AWS-doc] same page).
 */
export const FARGATE_REFUSALS = {
  vcpus: {
    event: "You’ve reached the limit on the number of vCPUs you can run concurrently",
    failure: "You’ve reached the limit on the number of vCPUs you can run concurrently",
  },
  taskTooLarge: {
    event: "The requested CPU configuration is above your limit.",
    failure: "The requested CPU configuration is above your limit",
  },
  /**
   * Every subnet of the task is in an impaired Availability Zone (engine/zone-impairment.ts). [AWS-doc] the service
   * event (developerguide/service-event-messages); [observed] the RunTask failure, without the final period.
   */
  zone: {
    event: "Capacity is unavailable at this time. Please try again later or in a different availability zone.",
    failure: "Capacity is unavailable at this time. Please try again later or in a different availability zone",
  },
} as const;

/**
 * ECS Dojo's own bounds. With typical resources (a Fargate task ≈ 2 KiB of JSON, an EC2 one 1.5 KiB, a service
 * ≈ 3.5 KiB plus its events, a container instance ≈ 2 KiB), a sandbox at its task bound stores about 13 MiB; a
 * lesson's, well under 1 MiB.
 */
export const SANDBOX_LIMITS = {
  /**
   * Tasks stored, whatever their status: one 5,000-task service and room to roll it out. AWS shows STOPPED tasks
   * for at least an hour; a full sandbox forgets its oldest STOPPED tasks first, and refuses new tasks only when
   * every stored one is still live.
   */
  tasks: 6_000,
  /** ACTIVE and DRAINING services in all clusters: as many as AWS allows in one. */
  services: ECS_QUOTAS.servicesPerCluster,
  /** Registered container instances in all clusters: as many as AWS allows in one. */
  containerInstances: ECS_QUOTAS.containerInstancesPerCluster,
  /**
   * Deleted clusters, INACTIVE services and deregistered instances stay describable; beyond this many of a kind,
   * the oldest are forgotten (AWS forgets them after a while too).
   */
  inactiveKept: 100,
  /** Task definition revisions, all families together. (AWS's 1,000,000 per family is never reached first.) */
  taskDefinitionRevisions: 1_000,
  /** Service deployments a service remembers for List/DescribeServiceDeployments (the newest). */
  serviceDeploymentsKept: 100,
  /** Traffic steps of blue/green, linear and canary deployments a service remembers (the metrics of the past read them). */
  trafficStepsKept: 200,
  /** JSON characters of one request that changes the sandbox: twice AWS's largest document, a 64 KiB task definition. */
  requestCharacters: 128 * 1024,
  /**
   * Simulation work one call may do, in units of about 10 µs: a timer step, a task a scheduler step looks at, or
   * 1/`taskCreationWork` of a task it starts. A sandbox with more to do falls behind: its clock stops at the last
   * instant it reached, and later calls catch up. With it, no call of tests/unit/sandbox/support/call-timings.ts
   * takes much over 100 ms of CPU, a 5,000-task service included (one scheduler step over it costs about 50 ms).
   */
  workPerCall: 5_000,
  taskCreationWork: 20,
  /** Tasks all services together may start in one scheduler step. */
  launchesPerStep: SCHEDULER_STEP.batch,
} as const;

/** A Dojo bound's error: AWS's exception type, and a message that says whose limit it is. */
function sandboxLimit(what: string): EcsError {
  return new EcsError("LimitExceededException", `This ECS Dojo sandbox ${what}. This is a limit of the sandbox, not of Amazon ECS.`);
}

export const SANDBOX_ERRORS = {
  tasks: () => sandboxLimit(`holds at most ${SANDBOX_LIMITS.tasks} tasks, and all of them are still running or stopping`),
  services: () => sandboxLimit(`holds at most ${SANDBOX_LIMITS.services} services`),
  containerInstances: () => sandboxLimit(`holds at most ${SANDBOX_LIMITS.containerInstances} registered container instances`),
  taskDefinitionRevisions: () => sandboxLimit(`holds at most ${SANDBOX_LIMITS.taskDefinitionRevisions} task definition revisions`),
  request: () => sandboxLimit(`accepts requests of at most ${SANDBOX_LIMITS.requestCharacters} characters of JSON`),
};

/** The service event's reason when the task bound keeps a service from starting tasks. */
export const SANDBOX_FULL_REASON = `This ECS Dojo sandbox holds at most ${SANDBOX_LIMITS.tasks} tasks, and all of them are still running or stopping.`;
