/** CloudWatch Logs' part of a sandbox state (the provider in this folder owns these records and may extend them). */
export interface LogGroupRecord {
  logGroupName: string;
  createdAtMs: number;
  retentionInDays?: number;
  tags: Record<string, string>;
}

export interface LogEventRecord {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface LogStreamRecord {
  logGroupName: string;
  logStreamName: string;
  createdAtMs: number;
  /** Oldest first; bounded (the provider drops the oldest past its limit). */
  events: LogEventRecord[];
}

export interface LogsState {
  /** By log group name. */
  logGroups: Record<string, LogGroupRecord>;
  /** By `<log group name>:<log stream name>` (a group name never contains ':'). */
  logStreams: Record<string, LogStreamRecord>;
}

export const LOGS_MAPS = ["logGroups", "logStreams"] as const;
