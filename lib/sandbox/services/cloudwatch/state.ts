/**
 * CloudWatch's part of a sandbox state. Metrics are not stored: the sandbox computes each datapoint on demand from
 * the tasks, the target groups and the load generator's schedule (metrics.ts). What is stored is the load schedules
 * (DojoSandbox.SetLoad, load.ts) and the alarms with their state history (alarms.ts). Plain JSON, one document per
 * record; times are simulated epoch milliseconds.
 */

/** One step of a load schedule: from `atMs` on, `requestsPerSecond` arrive (until the next step). */
export interface LoadStep {
  atMs: number;
  requestsPerSecond: number;
}

/** The requests sent to one ECS service or one target group, as a step function of simulated time. */
export interface LoadRecord {
  /** `service:<cluster>/<service>` or `targetgroup:<target group ARN>`. */
  key: string;
  steps: LoadStep[];
}

export interface MetricDimension {
  Name: string;
  Value: string;
}

export type AlarmStateValue = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export interface AlarmRecord {
  name: string;
  arn: string;
  description?: string;
  namespace: string;
  metricName: string;
  dimensions: MetricDimension[];
  statistic: string;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  threshold: number;
  comparisonOperator: string;
  treatMissingData?: string;
  unit?: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  state: AlarmStateValue;
  stateReason: string;
  stateReasonData?: string;
  stateUpdatedMs: number;
  /** When the state last changed or the alarm was created/updated (AlarmConfigurationUpdatedTimestamp). */
  configurationUpdatedMs: number;
  /** Set for the alarms Application Auto Scaling creates for a target tracking policy (their owner). */
  managedBy?: string;
}

export interface CloudWatchState {
  /** By load key. */
  cwLoads: Record<string, LoadRecord>;
  /** By alarm name. */
  cwAlarms: Record<string, AlarmRecord>;
}

export const CLOUDWATCH_MAPS = ["cwLoads", "cwAlarms"] as const;
