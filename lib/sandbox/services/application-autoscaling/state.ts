/**
 * Application Auto Scaling's part of a sandbox state (ECS services only: ServiceNamespace `ecs`). Plain JSON, one
 * document per record; times are simulated epoch milliseconds.
 */

export interface ScalableTargetRecord {
  /** `service/<cluster>/<service>`. */
  resourceId: string;
  arn: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn: string;
  createdAtMs: number;
  suspended: { DynamicScalingInSuspended: boolean; DynamicScalingOutSuspended: boolean; ScheduledScalingSuspended: boolean };
  /** Cooldowns in force: scale-out / scale-in are not repeated before these instants (policies.ts). */
  scaleOutCooldownUntilMs?: number;
  scaleInCooldownUntilMs?: number;
}

export interface ScalingPolicyRecord {
  arn: string;
  name: string;
  resourceId: string;
  policyType: "TargetTrackingScaling" | "StepScaling";
  /** The configuration as given (with defaults filled in), as DescribeScalingPolicies shows it. */
  targetTracking?: Record<string, unknown>;
  stepScaling?: Record<string, unknown>;
  /** The CloudWatch alarms the policy is attached to (target tracking: the two it created). */
  alarms: { AlarmName: string; AlarmARN: string }[];
  createdAtMs: number;
}

export interface ScalingActivityRecord {
  activityId: string;
  resourceId: string;
  description: string;
  cause: string;
  startMs: number;
  endMs?: number;
  statusCode: string;
  statusMessage?: string;
}

export interface ScheduledActionRecord {
  arn: string;
  name: string;
  resourceId: string;
  /** `at(yyyy-mm-ddThh:mm:ss)`, `rate(n unit)` or `cron(…)`, as given. */
  schedule: string;
  timezone?: string;
  startMs?: number;
  endMs?: number;
  min?: number;
  max?: number;
  createdAtMs: number;
}

export interface AutoScalingState {
  /** By resource id. */
  aasTargets: Record<string, ScalableTargetRecord>;
  /** By `<resource id>|<policy name>`. */
  aasPolicies: Record<string, ScalingPolicyRecord>;
  /** By activity id, oldest first (bounded: quotas.ts). */
  aasActivities: Record<string, ScalingActivityRecord>;
  /** By `<resource id>|<action name>`. */
  aasScheduledActions: Record<string, ScheduledActionRecord>;
}

export const AUTOSCALING_MAPS = ["aasTargets", "aasPolicies", "aasActivities", "aasScheduledActions"] as const;

export const policyKey = (resourceId: string, name: string) => `${resourceId}|${name}`;
