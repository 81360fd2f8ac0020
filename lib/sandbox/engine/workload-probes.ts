/**
 * The two catalog workloads whose start depends on the rest of the account (curriculum §3.2):
 * - `s3reader` reads `s3://$BUCKET/$KEY` with the task role's credentials: IAM decides (s3:GetObject on the object's
 *   ARN); without a task role there are no credentials at all. The sandbox has no S3, so the object is taken to exist.
 * - `dbclient` logs in to the orders database; the database's password is the `password` key of Secrets Manager secret
 *   `$DB_SECRET_ID` (the whole value when it is not JSON) in the task's Region, as the database was set up from it.
 * Texts: the S3 AccessDenied message is S3's 2023+ form with the denied principal and action [AWS-doc]
 * AmazonS3/latest/userguide/troubleshoot-403-errors.html; the SDK's "Unable to locate credentials" is botocore's
 * NoCredentialsError; the database lines follow PostgreSQL's [inferred].
 */
import { iamOf, inOwnAccount, statesFrom, type Account } from "./account";
import { iamRoleArn, roleNameOf, stsAssumedRoleArn, taskIdOf } from "./arns";
import type { SandboxState, WireTask, WireTaskDefinition } from "./state";
import type { Workload } from "./workloads";
import { isAllowed } from "../services/iam";
import { resolveSecretReference } from "../services/secrets/resolve";

/** A failed dbclient login exits this long after the container starts. */
const DB_FAILURE_EXIT_MS = 1_000;

export const PROBE_DEFAULTS = { bucket: "sbx-reports", key: "daily/report.csv", dbUser: "orders", dbSecretId: "prod/orders/db" } as const;

/** The workload with what it finds when it starts; workloads that find nothing are returned as they are. */
export function probed(
  workload: Workload,
  environment: Record<string, string>,
  state: SandboxState,
  task: WireTask,
  definition: WireTaskDefinition,
  account: Account,
): Workload {
  if (workload.name === "s3reader") return s3Reader(workload, environment, state, task, definition, account);
  if (workload.name === "dbclient") return dbClient(workload, environment, state, account);
  return workload;
}

function s3Reader(workload: Workload, environment: Record<string, string>, state: SandboxState, task: WireTask, definition: WireTaskDefinition, account: Account): Workload {
  const bucket = environment.BUCKET || PROBE_DEFAULTS.bucket;
  const key = environment.KEY || PROBE_DEFAULTS.key;
  const role = task.overrides?.taskRoleArn ?? definition.taskRoleArn;
  // It does not retry: the failed read leaves it unhealthy until the task is replaced.
  const failed = (line: string): Workload => ({ ...workload, healthyAfterMs: Infinity, startLines: [line] });
  if (!role) return failed("botocore.exceptions.NoCredentialsError: Unable to locate credentials");
  const arn = role.startsWith("arn:") ? inOwnAccount(state, role) : iamRoleArn(state, role);
  const resource = `arn:aws:s3:::${bucket}/${key}`;
  const decision = isAllowed(iamOf(account, state.accountId), arn, "s3:GetObject", resource);
  if (decision.allowed) return { ...workload, startLines: [`report downloaded: s3://${bucket}/${key}`] };
  const principal = stsAssumedRoleArn(state, roleNameOf(arn), taskIdOf(task.taskArn!));
  const why = decision.reason === "explicit-deny" ? "with an explicit deny in an identity-based policy" : "because no identity-based policy allows the s3:GetObject action";
  return failed(`An error occurred (AccessDenied) when calling the GetObject operation: User: ${principal} is not authorized to perform: s3:GetObject on resource: "${resource}" ${why}`);
}

function dbClient(workload: Workload, environment: Record<string, string>, state: SandboxState, account: Account): Workload {
  const user = environment.DB_USER || PROBE_DEFAULTS.dbUser;
  const failed = (line: string): Workload => ({ ...workload, startLines: [line], exitAfterMs: DB_FAILURE_EXIT_MS, exitCode: 1, healthyAfterMs: Infinity });
  const password = environment.DB_PASSWORD;
  if (password === undefined || password === "") return failed("DB_PASSWORD is not set");
  const secretId = environment.DB_SECRET_ID || PROBE_DEFAULTS.dbSecretId;
  const arn = `arn:aws:secretsmanager:${state.region}:${state.accountId}:secret:${secretId}`;
  const sources = statesFrom(state, account);
  const held = resolveSecretReference(sources, `${arn}:password::`, state.region, { clockMs: state.clock.simMs });
  const whole = "error" in held ? resolveSecretReference(sources, arn, state.region, { clockMs: state.clock.simMs }) : held;
  if ("error" in whole) return failed(`could not connect to the orders database: it has no password set up (secret ${secretId} not found)`);
  if (whole.value !== password) return failed(`FATAL: password authentication failed for user "${user}"`);
  return { ...workload, startLines: [`connected as ${user}`] };
}
