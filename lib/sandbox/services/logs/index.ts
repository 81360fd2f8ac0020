/**
 * Amazon CloudWatch Logs (AWS JSON 1.1, target prefix Logs_20140328): log groups and streams, retention, events in
 * and out, filter patterns and tags, on the learner's sandbox at the simulated clock. The ECS engine's awslogs
 * driver and FireLens log router write through ingest.ts.
 */
import type { Operation } from "../../engine/operation";
import type { ServiceProvider } from "../provider";
import { filterLogEvents } from "./filter-events";
import { getLogEvents } from "./get-events";
import { createLogGroup, deleteLogGroup, deleteRetentionPolicy, describeLogGroups, putRetentionPolicy } from "./groups";
import { putLogEvents } from "./put-events";
import { createLogStream, deleteLogStream, describeLogStreams } from "./streams";
import { listTagsForResource, tagResource, untagResource } from "./tags";

const write = (run: Operation["run"]): Operation => ({ readOnly: false, run });
const read = (run: Operation["run"]): Operation => ({ readOnly: true, run });

export const logsProvider: ServiceProvider = {
  service: "logs",
  global: false,
  operations: {
    CreateLogGroup: write(createLogGroup),
    DeleteLogGroup: write(deleteLogGroup),
    DescribeLogGroups: read(describeLogGroups),
    PutRetentionPolicy: write(putRetentionPolicy),
    DeleteRetentionPolicy: write(deleteRetentionPolicy),
    CreateLogStream: write(createLogStream),
    DeleteLogStream: write(deleteLogStream),
    DescribeLogStreams: read(describeLogStreams),
    PutLogEvents: write(putLogEvents),
    GetLogEvents: read(getLogEvents),
    FilterLogEvents: read(filterLogEvents),
    TagResource: write(tagResource),
    UntagResource: write(untagResource),
    ListTagsForResource: read(listTagsForResource),
  },
};

export { appendTaskLogLines, createTaskLogGroup, logGroupExists, logStreamExists, type TaskLogLines, type TaskLogResult } from "./ingest";
