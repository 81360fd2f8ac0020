/**
 * CloudWatch Logs' part of a sandbox state (the provider in this folder owns these records). Plain JSON, one stored
 * document per record (state-documents.ts).
 *
 * A stream's events live in chunks of their own (`logEventChunks`), in the order they were ingested, so that adding
 * events rewrites one small chunk and the stream's summary rather than every event the stream holds; readers sort by
 * timestamp (events.ts). The stream keeps a summary of each chunk, so a read knows which chunks a time range needs
 * and the sandbox's bounds are applied without opening any.
 */
export interface LogGroupRecord {
  logGroupName: string;
  createdAtMs: number;
  /** Absent: the events never expire. */
  retentionInDays?: number;
  logGroupClass: "STANDARD" | "INFREQUENT_ACCESS" | "DELIVERY";
  kmsKeyId?: string;
  deletionProtectionEnabled?: boolean;
  tags: Record<string, string>;
  /** Sums over the group's streams (events.ts keeps them), so that the sandbox's bounds need no walk over streams. */
  streamCount: number;
  storedBytes: number;
}

export interface LogEventRecord {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** Place in the stream's ingestion order, from 1: orders events of equal timestamp and makes their ids. */
  seq: number;
}

/** What a stream knows of one of its chunks without opening it. */
export interface ChunkSummary {
  /** The chunk's number within its stream (its document is `<stream key>:<no>`). */
  no: number;
  count: number;
  /** Sum of eventBytes (events.ts) over the chunk's events. */
  bytes: number;
  minTimestamp: number;
  maxTimestamp: number;
  /** The ingestion time of the chunk's first (oldest) event: the sandbox-wide bound forgets the oldest first. */
  firstIngestionTime: number;
}

export interface LogStreamRecord {
  logGroupName: string;
  logStreamName: string;
  createdAtMs: number;
  /** Unique in the sandbox (from state.sequence): part of event ids and tokens, so they differ between streams. */
  number: number;
  /** The seq the next event gets. */
  nextSeq: number;
  /** PutLogEvents calls answered so far (the sequence token AWS still returns is made from it). */
  uploads: number;
  /** As AWS reports them: the extremes of every event the stream was ever given, not only of those still kept. */
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  /** Oldest first; the sandbox drops the oldest past its bounds (limits.ts). */
  chunks: ChunkSummary[];
  nextChunk: number;
  /** Sums over `chunks`, kept so that bounds need no walk over them. */
  eventCount: number;
  storedBytes: number;
}

export interface LogEventChunk {
  /** In ingestion order (seq ascending). */
  events: LogEventRecord[];
}

export interface LogsState {
  /** By log group name. */
  logGroups: Record<string, LogGroupRecord>;
  /** By `<log group name>:<log stream name>` (neither name may contain ':'). */
  logStreams: Record<string, LogStreamRecord>;
  /** By `<log group name>:<log stream name>:<chunk no>`. */
  logEventChunks: Record<string, LogEventChunk>;
}

export const LOGS_MAPS = ["logGroups", "logStreams", "logEventChunks"] as const;
