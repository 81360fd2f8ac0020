/**
 * A service's deployments and revisions as the API of 2024–2026 shows and steers them (reference/ecs-2026-changes.md):
 * ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment (ROLLBACK) and
 * ContinueServiceDeployment (a paused lifecycle hook's CONTINUE or ROLLBACK; traffic-shift.ts).
 */
import type {
  ContinueServiceDeploymentResponse,
  DescribeServiceDeploymentsResponse,
  DescribeServiceRevisionsResponse,
  ListServiceDeploymentsResponse,
  StopServiceDeploymentResponse,
} from "@aws-sdk/client-ecs";
import { requireCluster } from "./clusters";
import { presentServiceDeployment, serviceKeyOf } from "./deployments";
import { failDeployment } from "./deployment-failure";
import { EcsError, invalidParameter } from "./errors";
import { optEnum, optString, optStringList, type Input } from "./input";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import { findService, SERVICE_ERRORS } from "./services";
import type { SandboxState, ServiceRecord } from "./state";
import { continueHook, SHIFT_REASONS } from "./traffic-shift";
import { scheduleOnce } from "./timers";
import type { Wire } from "./wire";

/** BOTO: "You can specify a maximum of 20 ARNs" (DescribeServiceDeployments, DescribeServiceRevisions). */
const DESCRIBE_LIMIT = 20;

/** [inferred] texts: the model names the exceptions, AWS publishes no messages for them. */
export const DEPLOYMENT_ERRORS = {
  notFound: () => new EcsError("ServiceDeploymentNotFoundException", "The service deployment does not exist."),
  notInProgress: (status: string) => new EcsError("ConflictException", `The service deployment cannot be stopped because its status is ${status}.`),
  noRollbackTarget: () => new EcsError("ConflictException", "The service deployment cannot be rolled back: the service has no earlier deployment that completed."),
  hookNotAwaiting: (hookId: string) => invalidParameter(`The lifecycle hook ${hookId} is not awaiting an action.`),
};

const SERVICE_DEPLOYMENT_STATUSES = [
  "PENDING",
  "SUCCESSFUL",
  "STOPPED",
  "STOP_REQUESTED",
  "IN_PROGRESS",
  "ROLLBACK_REQUESTED",
  "ROLLBACK_IN_PROGRESS",
  "ROLLBACK_SUCCESSFUL",
  "ROLLBACK_FAILED",
];

function listServiceDeployments(state: SandboxState, input: Input): Wire<ListServiceDeploymentsResponse> {
  const cluster = requireCluster(state, optString(input, "cluster"));
  const ref = optString(input, "service");
  const record = ref ? findService(state, cluster, ref) : undefined;
  if (!record) throw SERVICE_ERRORS.notFound();
  const statuses = optStringList(input, "status");
  for (const status of statuses ?? []) {
    if (!SERVICE_DEPLOYMENT_STATUSES.includes(status)) throw invalidParameter(`Invalid service deployment status: ${status}.`);
  }
  const briefs = [...record.history]
    .reverse()
    .filter((h) => statuses === undefined || statuses.includes(h.status!))
    .map((h) => ({
      serviceDeploymentArn: h.serviceDeploymentArn,
      serviceArn: h.serviceArn,
      clusterArn: h.clusterArn,
      startedAt: h.startedAt,
      createdAt: h.createdAt,
      ...(h.finishedAt !== undefined ? { finishedAt: h.finishedAt } : {}),
      targetServiceRevisionArn: h.targetServiceRevision?.arn,
      status: h.status,
      ...(h.statusReason ? { statusReason: h.statusReason } : {}),
    }));
  const { page, nextToken } = paginate(briefs, input, 20);
  return nextToken ? { serviceDeployments: page, nextToken } : { serviceDeployments: page };
}

function readArns(input: Input, key: string): string[] {
  const arns = optStringList(input, key) ?? [];
  if (arns.length === 0) throw invalidParameter(`${key} cannot be empty.`);
  if (arns.length > DESCRIBE_LIMIT) throw invalidParameter(`A maximum of ${DESCRIBE_LIMIT} ARNs can be described at once.`);
  return arns;
}

/** The service whose history holds the deployment, and the entry. */
function findDeployment(state: SandboxState, arn: string) {
  // The ARN names its cluster and service: `…:service-deployment/<cluster>/<service>/<id>`.
  const [cluster, service] = arn.slice(arn.indexOf(":service-deployment/") + ":service-deployment/".length).split("/");
  const record = arn.includes(":service-deployment/") ? state.services[`${cluster}/${service}`] : undefined;
  const entry = record?.history.find((h) => h.serviceDeploymentArn === arn);
  return record && entry ? { record, entry } : undefined;
}

function describeServiceDeployments(state: SandboxState, input: Input): Wire<DescribeServiceDeploymentsResponse> {
  const response: Wire<DescribeServiceDeploymentsResponse> = { serviceDeployments: [], failures: [] };
  for (const arn of readArns(input, "serviceDeploymentArns")) {
    const found = findDeployment(state, arn);
    if (found) response.serviceDeployments!.push(presentServiceDeployment(state, found.record, found.entry));
    else response.failures!.push({ arn, reason: "MISSING" });
  }
  return response;
}

function describeServiceRevisions(state: SandboxState, input: Input): Wire<DescribeServiceRevisionsResponse> {
  const response: Wire<DescribeServiceRevisionsResponse> = { serviceRevisions: [], failures: [] };
  for (const arn of readArns(input, "serviceRevisionArns")) {
    const [cluster, service] = arn.slice(arn.indexOf(":service-revision/") + ":service-revision/".length).split("/");
    const record = arn.includes(":service-revision/") ? state.services[`${cluster}/${service}`] : undefined;
    const revision = record?.revisions?.find((r) => r.serviceRevisionArn === arn);
    if (revision) response.serviceRevisions!.push(revision);
    else response.failures!.push({ arn, reason: "MISSING" });
  }
  return response;
}

const checkSoon = (state: SandboxState, record: ServiceRecord, atMs: number) => scheduleOnce(state, serviceKeyOf(record), "service-check", atMs);

/**
 * StopServiceDeployment, stopType ROLLBACK (the only one the model's documentation lists; ABORT is in its enum): the
 * deployment in progress returns to the previous revision — traffic back to blue for blue/green, linear and canary; a
 * new deployment of the last completed task definition for a rolling one, as the circuit breaker's rollback does.
 */
function stopServiceDeployment(state: SandboxState, input: Input, clockMs: number): Wire<StopServiceDeploymentResponse> {
  const arn = optString(input, "serviceDeploymentArn");
  optEnum(input, "stopType", ["ABORT", "ROLLBACK"] as const);
  const found = arn ? findDeployment(state, arn) : undefined;
  if (!found) throw DEPLOYMENT_ERRORS.notFound();
  const { record, entry } = found;
  if (entry.status !== "IN_PROGRESS") throw DEPLOYMENT_ERRORS.notInProgress(entry.status ?? "UNKNOWN");
  const shifting = record.deployments[0]?.shift !== undefined;
  if (!shifting && (!record.lastCompletedDeploymentId || !record.completedTaskDefinition)) throw DEPLOYMENT_ERRORS.noRollbackTarget();
  failDeployment(state, record, clockMs, SHIFT_REASONS.stopped, undefined, true);
  checkSoon(state, record, clockMs);
  return { serviceDeploymentArn: arn };
}

function continueServiceDeployment(state: SandboxState, input: Input, clockMs: number): Wire<ContinueServiceDeploymentResponse> {
  const arn = optString(input, "serviceDeploymentArn");
  const hookId = optString(input, "hookId") ?? "";
  const action = optEnum(input, "action", ["CONTINUE", "ROLLBACK"] as const) ?? "CONTINUE";
  const found = arn ? findDeployment(state, arn) : undefined;
  if (!found) throw DEPLOYMENT_ERRORS.notFound();
  if (!arn!.endsWith(`/${found.record.deployments[0]?.deployment.id?.replace("ecs-svc/", "")}`) || !continueHook(found.record, hookId, action, clockMs, state)) {
    throw DEPLOYMENT_ERRORS.hookNotAwaiting(hookId);
  }
  return { serviceDeploymentArn: arn };
}

/**
 * DojoSandbox.SetHookVerdict `{"hookTargetArn", "verdict": "SUCCEEDED" | "FAILED"}`: what the simulated Lambda function
 * of an AWS_LAMBDA lifecycle hook answers from now on (the sandbox runs no Lambda; traffic-shift.ts).
 */
function setHookVerdict(state: SandboxState, input: Input): object {
  const arn = optString(input, "hookTargetArn");
  if (!arn) throw invalidParameter("hookTargetArn must be the ARN of the Lambda function a lifecycle hook names.");
  const verdict = optEnum(input, "verdict", ["SUCCEEDED", "FAILED"] as const);
  if (!verdict) throw invalidParameter("verdict must be SUCCEEDED or FAILED.");
  const verdicts = (state.hookVerdicts ??= {});
  if (!(arn in verdicts) && Object.keys(verdicts).length >= HOOK_VERDICTS_KEPT) throw invalidParameter(`The sandbox keeps verdicts for at most ${HOOK_VERDICTS_KEPT} functions.`);
  verdicts[arn] = verdict;
  return { hookTargetArn: arn, verdict };
}

/** [inferred] bounds a learner's verdicts; a lesson needs one or two. */
const HOOK_VERDICTS_KEPT = 50;

export const hookSandboxOperations: Record<string, Operation> = {
  SetHookVerdict: { readOnly: false, run: setHookVerdict },
};

export const serviceDeploymentOperations: Record<string, Operation> = {
  ListServiceDeployments: { readOnly: true, run: listServiceDeployments },
  DescribeServiceDeployments: { readOnly: true, run: describeServiceDeployments },
  DescribeServiceRevisions: { readOnly: true, run: describeServiceRevisions },
  StopServiceDeployment: { readOnly: false, run: stopServiceDeployment },
  ContinueServiceDeployment: { readOnly: false, run: continueServiceDeployment },
};
