/**
 * FireLens (custom log routing): a container whose logConfiguration uses the `awsfirelens` driver hands what it writes
 * to the task's log router, the container with a `firelensConfiguration`, and the router's output plugin sends it where
 * the driver's options say; ECS turns those options into the router's output section ([AWS-doc]
 * AmazonECS/latest/developerguide/firelens-taskdef.html). Modelled: AWS for Fluent Bit's CloudWatch Logs output,
 * `Name` `cloudwatch_logs` (the C plugin) or `cloudwatch` (the older Go plugin: "The Golang plugin was named
 * cloudwatch", Fluent Bit's documentation, pipeline/outputs/cloudwatch), with `region`, `log_group_name`,
 * `log_stream_prefix` or `log_stream_name`, `auto_create_group` and `log_key`.
 *
 * The router calls CloudWatch Logs itself, from inside the task, with the TASK role's credentials ([AWS-doc]
 * using_firelens.html, "Required IAM permissions"): logs:CreateLogStream and logs:PutLogEvents on the group's streams,
 * and logs:CreateLogGroup with auto_create_group (the plugin's permissions in Fluent Bit's documentation). What it
 * cannot do it reports in its own log, which its own logConfiguration sends on (awslogs through the execution role, as
 * for any container); the app's lines do not arrive and the app runs on.
 *
 * Texts: `<API> API responded with error='<code>'`, `Failed to create log stream`, `Failed to create log group`,
 * `Failed to send events`, `Creating log group <g>`, `Creating log stream <s> in log group <g>`, `Created log stream <s>`
 * and the no-credentials lines are [observed] (terraform-aws-modules/terraform-aws-eks#3397, aws/aws-for-fluent-bit#177
 * and #335, fluent/fluent-bit#8826); the `, message='…'` that follows the error code is [observed] in that shape for
 * another AWS API (aws-solutions/centralized-logging-with-opensearch, troubleshooting) and [inferred] here with IAM's
 * and CloudWatch Logs' own messages; `Created log group <g>` is [inferred]. The Go plugin logs in a format of its own
 * (`time=… level=… msg="[cloudwatch 0] …"`, [observed] aws/containers-roadmap#74): the sandbox prints the C plugin's
 * lines for both.
 *
 * Not modelled (nothing arrives and the router says nothing): outputs other than CloudWatch Logs (Firehose, Kinesis,
 * S3, … have no service in the sandbox), a Region other than the task's (as container-logs.ts), options a real router
 * refuses at start-up (no region, no group, neither stream option), templates such as `$(ecs_cluster)` in names,
 * Fluentd routers and custom configuration files.
 */
import { iamOf, inOwnAccount, type Account } from "./account";
import { iamRoleArn, logGroupArn, roleNameOf, stsAssumedRoleArn, taskIdOf } from "./arns";
import { hashHex } from "./ids";
import type { SandboxState, WireTask, WireTaskDefinition } from "./state";
import { accessDeniedMessage } from "./startup-failures";
import { fluentBitLine, type OutputLine } from "./workloads";
import { isAllowed } from "../services/iam";
import { appendTaskLogLines, createTaskLogGroup, logGroupExists, logStreamExists } from "../services/logs";

export const FIRELENS_LOG_DRIVER = "awsfirelens";
const CLOUDWATCH_OUTPUTS = ["cloudwatch_logs", "cloudwatch"];

type WireContainerDefinition = NonNullable<WireTaskDefinition["containerDefinitions"]>[number];

const usesFirelens = (container: WireContainerDefinition) => container.logConfiguration?.logDriver === FIRELENS_LOG_DRIVER;

/**
 * The task's log router. RegisterTaskDefinition refuses `awsfirelens` without one (LOG-FIRELENS-ROUTER); with several,
 * which AWS's answer is not known for, [inferred] the first one routes.
 */
export function logRouterIndex(definition: WireTaskDefinition): number | undefined {
  const index = (definition.containerDefinitions ?? []).findIndex((c) => c.firelensConfiguration != null);
  return index < 0 ? undefined : index;
}

/**
 * The order the containers start in: each after the containers it `dependsOn`, and an `awsfirelens` container after the
 * log router unless one of the two names the other in `dependsOn` ("By default, Amazon ECS configures the container
 * dependency so that the Firelens container starts before any container that uses it"; a dependency written between
 * them overrides it, [AWS-doc] using_firelens.html). Containers still all start at the same simulated instant: only
 * the order is modelled, not a HEALTHY, COMPLETE or SUCCESS wait. A cycle (DEP-CYCLE) keeps the written order.
 * They stop in the reverse order ("When a dependency is defined for container startup, for container shutdown it is
 * reversed", [AWS-doc] API reference ContainerDefinition.dependsOn): the router last.
 */
export function startOrder(definition: WireTaskDefinition): number[] {
  const containers = definition.containerDefinitions ?? [];
  const indexOf = new Map(containers.map((c, i) => [c.name, i]));
  const router = logRouterIndex(definition);
  const after = containers.map((container, i) => {
    const named = new Set((container.dependsOn ?? []).map((d) => indexOf.get(d.containerName)).filter((j): j is number => j !== undefined && j !== i));
    const routerNamesIt = router !== undefined && (containers[router].dependsOn ?? []).some((d) => d.containerName === container.name);
    if (router !== undefined && router !== i && usesFirelens(container) && !named.has(router) && !routerNamesIt) named.add(router);
    return named;
  });
  const order: number[] = [];
  const placed = new Set<number>();
  for (let progress = true; progress; ) {
    progress = false;
    for (let i = 0; i < containers.length; i++) {
      if (placed.has(i) || [...after[i]].some((j) => !placed.has(j))) continue;
      order.push(i);
      placed.add(i);
      progress = true;
    }
  }
  return [...order, ...containers.map((_, i) => i).filter((i) => !placed.has(i))];
}

/** Writes lines to the router's own log (its logConfiguration), `afterMs` counted from the task's start. */
export type RouterLogWriter = (routerIndex: number, lines: OutputLine[]) => void;

/**
 * Sends the lines container `index` wrote (times relative to `startedAtMs`) through the task's log router at `atMs`.
 * Lines written while the router is not running are lost: an app beside a router that is not essential keeps running
 * after the router stops, and what it writes then is lost without a sign ([inferred] from the Docker fluentd driver
 * FireLens uses having nowhere to send it).
 */
export function routeThroughFirelens(
  state: SandboxState,
  task: WireTask,
  definition: WireTaskDefinition,
  index: number,
  lines: OutputLine[],
  startedAtMs: number,
  atMs: number,
  account: Account,
  writeRouterLog: RouterLogWriter,
): void {
  const router = logRouterIndex(definition);
  if (router === undefined || router === index || task.containers?.[router]?.lastStatus !== "RUNNING") return;
  const lineEvents = lines.filter((line) => line.message.length > 0);
  if (lineEvents.length === 0) return;
  const containers = definition.containerDefinitions!;
  const options = containers[index].logConfiguration?.options ?? {};
  const group = options.log_group_name;
  const streamPrefix = options.log_stream_prefix;
  if (!CLOUDWATCH_OUTPUTS.includes(options.Name ?? "") || !group || !options.region || (options.log_stream_name === undefined && streamPrefix === undefined)) return;
  if (options.region !== state.region) return;

  const taskId = taskIdOf(task.taskArn!);
  // FireLens tags a container's records `<container name>-firelens-<task ID>`; the plugin appends the tag to the prefix
  // ([observed] aws-samples/amazon-ecs-firelens-examples#44; Fluent Bit's documentation of log_stream_prefix).
  const stream = options.log_stream_name ?? `${streamPrefix}${containers[index].name}-firelens-${taskId}`;
  // One output section per awsfirelens container, numbered in the order ECS writes them ([inferred]).
  const instance = `${options.Name}.${containers.filter(usesFirelens).indexOf(containers[index])}`;
  const say = (level: "info" | "error", text: string) => fluentBitLine(atMs, level, `[output:${options.Name}:${instance}] ${text}`);
  const report = (messages: string[]) => writeRouterLog(router, messages.map((message) => ({ afterMs: atMs - startedAtMs, message })));

  const roleRef = task.overrides?.taskRoleArn ?? definition.taskRoleArn;
  if (!roleRef) {
    // No task role, no credentials in the task ([observed] aws/aws-for-fluent-bit#335).
    report([
      fluentBitLine(atMs, "error", "[signv4] Provider returned no credentials, service=logs"),
      fluentBitLine(atMs, "error", "[aws_client] could not sign request"),
      say("error", logStreamExists(state, group, stream) ? "Failed to send events" : "Failed to create log stream"),
    ]);
    return;
  }
  const role = roleRef.startsWith("arn:") ? inOwnAccount(state, roleRef) : iamRoleArn(state, roleRef);
  const principal = stsAssumedRoleArn(state, roleNameOf(role), taskId);
  const groupArn = logGroupArn(state, group);
  const refused = (action: string, resource: string) => {
    const decision = isAllowed(iamOf(account, state.accountId), role, action, resource);
    return decision.allowed ? undefined : accessDeniedMessage(principal, action, resource, decision.reason);
  };
  const apiError = (api: string, code: string, message: string) => say("error", `${api} API responded with error='${code}', message='${message}'`);
  const said: string[] = [];

  if (!logGroupExists(state, group)) {
    if (options.auto_create_group?.toLowerCase() !== "true") {
      report([apiError("CreateLogStream", "ResourceNotFoundException", "The specified log group does not exist."), say("error", "Failed to create log stream"), say("error", "Failed to send events")]);
      return;
    }
    said.push(say("info", `Creating log group ${group}`));
    const denied = refused("logs:CreateLogGroup", `${groupArn}:log-stream:`);
    if (denied || !createTaskLogGroup(state, group, atMs)) {
      report([...said, apiError("CreateLogGroup", "AccessDeniedException", denied ?? "The sandbox holds its maximum of log groups."), say("error", "Failed to create log group")]);
      return;
    }
    said.push(say("info", `Created log group ${group}`));
  }
  const streamArn = `${groupArn}:log-stream:${stream}`;
  if (!logStreamExists(state, group, stream)) {
    said.push(say("info", `Creating log stream ${stream} in log group ${group}`));
    const denied = refused("logs:CreateLogStream", streamArn);
    if (denied) {
      report([...said, apiError("CreateLogStream", "AccessDeniedException", denied), say("error", "Failed to create log stream"), say("error", "Failed to send events")]);
      return;
    }
    said.push(say("info", `Created log stream ${stream}`));
  }
  const putDenied = refused("logs:PutLogEvents", streamArn);
  const records = putDenied ? [] : lineEvents.map((line) => ({ timestamp: startedAtMs + line.afterMs, message: recordOf(line.message, task, definition, index, options.log_key) }));
  appendTaskLogLines(state, { logGroupName: group, logStreamName: stream, lines: records }, atMs);
  if (putDenied) said.push(apiError("PutLogEvents", "AccessDeniedException", putDenied), say("error", "Failed to send events"));
  if (said.length > 0) report(said);
}

/**
 * What the plugin sends for one line: the whole record as JSON, or with `log_key: log` only the line. FireLens adds the
 * container's id and name and, unless `enable-ecs-log-metadata` is "false", ecs_cluster, ecs_task_arn and
 * ecs_task_definition ([AWS-doc] using_firelens.html; key order as in [AWS-doc] firelens-example-taskdefs.html). The
 * Docker name `/ecs-<family>-<revision>-<container>-<hex>` is [inferred] from that example; `source` is always stdout
 * (the catalog's images do not say which stream a line goes to).
 */
function recordOf(line: string, task: WireTask, definition: WireTaskDefinition, index: number, logKey: string | undefined): string {
  if (logKey === "log") return line;
  const container = definition.containerDefinitions![index];
  const metadata = definition.containerDefinitions![logRouterIndex(definition)!].firelensConfiguration?.options?.["enable-ecs-log-metadata"] !== "false";
  const taskId = taskIdOf(task.taskArn!);
  const record = {
    source: "stdout",
    log: line,
    container_id: task.containers?.[index]?.runtimeId ?? taskId,
    container_name: `/ecs-${definition.family}-${definition.revision}-${container.name}-${hashHex(`docker-name|${taskId}|${index}`, 20)}`,
    ...(metadata
      ? {
          ecs_cluster: task.clusterArn!.slice(task.clusterArn!.lastIndexOf("/") + 1),
          ecs_task_arn: task.taskArn,
          ecs_task_definition: `${definition.family}:${definition.revision}`,
        }
      : {}),
  };
  return JSON.stringify(record);
}
