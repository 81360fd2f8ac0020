/**
 * The awslogs log driver: what a container writes (workloads.ts, outputLines) goes to its stream
 * `<awslogs-stream-prefix>/<container name>/<task id>` of `awslogs-group` in CloudWatch Logs, through the service's
 * narrow ingest interface. startup-failures.ts has already decided that the stream may be created (the task would not
 * have started otherwise); writing also needs logs:PutLogEvents, and without it the stream stays empty while the
 * container runs on, as with the real driver. The awsfirelens driver hands the lines to the task's log router
 * (firelens.ts), whose own log goes through its own driver. Other log drivers keep nothing the sandbox can show.
 */
import { iamOf, inOwnAccount, type Account } from "./account";
import { logGroupArn, taskIdOf } from "./arns";
import { FIRELENS_LOG_DRIVER, routeThroughFirelens } from "./firelens";
import type { SandboxState, WireTask, WireTaskDefinition } from "./state";
import { logStreamOf } from "./startup-failures";
import type { OutputLine } from "./workloads";
import { isAllowed } from "../services/iam";
import { appendTaskLogLines } from "../services/logs";

/** Sends one container's lines (times relative to `startedAtMs`) where its log driver sends them, at `atMs`. */
export function writeContainerOutput(
  state: SandboxState,
  task: WireTask,
  definition: WireTaskDefinition,
  index: number,
  lines: OutputLine[],
  startedAtMs: number,
  atMs: number,
  account: Account,
): void {
  const container = definition.containerDefinitions![index];
  const log = container.logConfiguration;
  if (log?.logDriver === FIRELENS_LOG_DRIVER) {
    const writeRouterLog = (router: number, routerLines: OutputLine[]) => writeContainerOutput(state, task, definition, router, routerLines, startedAtMs, atMs, account);
    routeThroughFirelens(state, task, definition, index, lines, startedAtMs, atMs, account, writeRouterLog);
    return;
  }
  const options = log?.options ?? {};
  const group = options["awslogs-group"];
  // Only the task's own Region is modelled (startup-failures.ts checks nothing in another either).
  if (log?.logDriver !== "awslogs" || !group || (options["awslogs-region"] ?? state.region) !== state.region) return;
  const stream = logStreamOf(options, container.name!, taskIdOf(task.taskArn!));
  const role = definition.executionRoleArn && inOwnAccount(state, definition.executionRoleArn);
  const mayPut = !role || isAllowed(iamOf(account, state.accountId), role, "logs:PutLogEvents", `${logGroupArn(state, group)}:log-stream:${stream}`).allowed;
  const events = mayPut ? lines.map((line) => ({ timestamp: startedAtMs + line.afterMs, message: line.message })) : [];
  appendTaskLogLines(state, { logGroupName: group, logStreamName: stream, lines: events }, atMs);
}
