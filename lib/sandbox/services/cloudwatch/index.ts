/**
 * Amazon CloudWatch (metrics and alarms) for the sandbox: the metrics are computed from the simulation (metrics.ts),
 * the load generator drives them (load.ts, DojoSandbox.SetLoad), alarms change state on the simulated clock and invoke
 * Application Auto Scaling policies (alarms.ts).
 *
 * | Module         | Operations                                                                |
 * |----------------|---------------------------------------------------------------------------|
 * | operations.ts  | PutMetricAlarm, DescribeAlarms, DeleteAlarms, GetMetricStatistics,        |
 * |                | GetMetricData, ListMetrics                                                |
 *
 * Signing name `monitoring`, regional. botocore 1.43 (the AWS CLI v1 on the development machines) speaks CloudWatch
 * in the Smithy RPC v2 CBOR protocol (its model's `protocols` list puts smithy-rpc-v2-cbor before json and query):
 * gateway/protocols/cbor.ts.
 */
import type { ServiceProvider } from "../provider";
import { cloudWatchOperations } from "./operations";

export const cloudWatchProvider: ServiceProvider = { service: "monitoring", global: false, operations: cloudWatchOperations };

export { cloudWatchOperations };
export { loadOperations } from "./load";
export type { AlarmRecord, LoadRecord } from "./state";
