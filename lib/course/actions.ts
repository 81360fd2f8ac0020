/**
 * A lesson's page buttons (lesson.json `actions`), as ordinary ECS calls in the learner's own sandbox: the page and
 * `lessons verify` run them the same way, and they show up in the learner's call history like any other call.
 */
import { createHash } from "node:crypto";
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Task,
  type TaskDefinition,
} from "@aws-sdk/client-ecs";
import { validate } from "@/lib/validator";
import type { LessonAction } from "./schema";

/** The network a lesson's awsvpc tasks run in (the same ids the lesson prose uses for the CLI). */
export const LESSON_NETWORK = {
  awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"], assignPublicIp: "ENABLED" as const },
};

export interface ActionResult {
  task?: Task;
  taskDefinitionArn?: string;
  serviceArn?: string;
  /** The file's content, as compared between Runs (fileHash). */
  fileHash: string;
  /** The revision is the one the last Run registered from the same content: nothing was registered this time. */
  reused: boolean;
  /** Tasks of earlier Runs this Run stopped (one task per Run, unless the learner asked to keep them). */
  replaced: string[];
}

/** Thrown for an action that cannot start (its file is not JSON); AWS's own failures propagate as SDK errors. */
export class ActionInputError extends Error {}

/**
 * The AWS CLI's own check of the parameters before it sends anything (botocore's ParamValidator), as the page does it
 * too: the editor and the lessons speak of "Parameter validation failed", so the page answers the same, and nothing
 * reaches ECS — exactly as with `aws ecs register-task-definition --cli-input-json`.
 */
export class ParamValidationError extends Error {
  override name = "ParamValidationError";
}

/** The ECS operation an action is at, for error messages ("RunTask failed: …"). */
export interface ActionStep {
  current: string;
}

/** What the lesson page adds to a Run (none of it for `lessons verify`, which runs each solution once in a new sandbox). */
export interface RunOptions {
  /**
   * RunTask's startedBy for the page's tasks (`ecs-dojo/<lesson>`): how a Run finds the tasks earlier Runs started, and
   * what describe-tasks shows the learner.
   */
  startedBy?: string;
  /** Leave the tasks of earlier Runs running (the learner asked for more than one). */
  keepPrevious?: boolean;
  /** What the last Run of this action registered: reused while the file's content is the same and the revision ACTIVE. */
  previous?: { fileHash: string; taskDefinitionArn: string };
}

/** Why a replaced task stopped, as describe-tasks shows it (StopTask's reason becomes the stoppedReason). */
export const REPLACED_REASON = "Replaced by a new Run on the ECS Dojo lesson page";

/** The content of a file as a Run compares it: parsed JSON with its keys in order, so layout and key order do not count. */
export function fileHashOf(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("hex").slice(0, 32);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** botocore's "Parameter validation failed" text for a RegisterTaskDefinition input, or null when the CLI would send it. */
export function cliParamErrors(fileText: string): string | null {
  const refused = validate(fileText, { kind: "RegisterTaskDefinition" }).filter((d) => d.stage === "cli" && d.level === "error" && d.awsMessage);
  return refused.length ? ["Parameter validation failed:", ...refused.map((d) => d.awsMessage!)].join("\n") : null;
}

export async function runAction(
  ecs: ECSClient,
  action: LessonAction,
  fileText: string,
  step: ActionStep = { current: "" },
  options: RunOptions = {},
): Promise<ActionResult> {
  let input: unknown;
  try {
    input = JSON.parse(fileText);
  } catch {
    throw new ActionInputError("not-json");
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) throw new ActionInputError("not-json");
  const cliErrors = cliParamErrors(fileText);
  if (cliErrors) throw new ParamValidationError(cliErrors);
  const fileHash = fileHashOf(input);
  switch (action.kind) {
    case "run-task": {
      step.current = "CreateCluster";
      const existing = await ecs.send(new DescribeClustersCommand({ clusters: [action.cluster] }));
      if (!existing.clusters?.some((c) => c.status === "ACTIVE")) await ecs.send(new CreateClusterCommand({ clusterName: action.cluster }));
      const { definition, reused } = await taskDefinitionFor(ecs, input, fileHash, options, step);
      step.current = "RunTask";
      const run = await ecs.send(
        new RunTaskCommand({
          cluster: action.cluster,
          taskDefinition: definition?.taskDefinitionArn,
          launchType: action.launchType,
          networkConfiguration: definition?.networkMode === "awsvpc" ? LESSON_NETWORK : undefined,
          startedBy: options.startedBy,
        }),
      );
      const failure = run.failures?.map((f) => `${f.arn ?? ""} ${f.reason ?? ""}`.trim()).join("; ");
      const task = run.tasks?.[0];
      if (!task) throw Object.assign(new Error(failure || "RunTask returned no task"), { name: "RunTaskFailure" });
      // The new task runs before the old ones go: a Run that fails leaves the learner's earlier task as it was.
      const replaced = options.startedBy && !options.keepPrevious ? await stopEarlierRuns(ecs, action.cluster, options.startedBy, task.taskArn!, step) : [];
      return { task, taskDefinitionArn: definition?.taskDefinitionArn, fileHash, reused, replaced };
    }
    case "deploy": {
      // An unchanged file deploys the revision it registered last time (as Run does) instead of registering one more
      // on every press; forceNewDeployment still starts a new deployment of it, as a deploy after a fix outside the
      // file (a role, a secret, an image tag pushed again) needs.
      const { definition, reused } = await taskDefinitionFor(ecs, input, fileHash, options, step);
      const taskDefinitionArn = definition?.taskDefinitionArn;
      step.current = "UpdateService";
      const updated = await ecs.send(
        new UpdateServiceCommand({ cluster: action.cluster, service: action.service, taskDefinition: taskDefinitionArn, forceNewDeployment: reused || undefined }),
      );
      return { taskDefinitionArn, serviceArn: updated.service?.serviceArn, fileHash, reused, replaced: [] };
    }
  }
}

/**
 * The revision to run or deploy: the one the last Run (or Deploy) registered when the file is unchanged and that revision is still ACTIVE
 * (a learner may have deregistered it, or reset the sandbox), otherwise a new registration.
 */
async function taskDefinitionFor(
  ecs: ECSClient,
  input: unknown,
  fileHash: string,
  options: RunOptions,
  step: ActionStep,
): Promise<{ definition: TaskDefinition | undefined; reused: boolean }> {
  if (options.previous && options.previous.fileHash === fileHash) {
    step.current = "DescribeTaskDefinition";
    const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: options.previous.taskDefinitionArn })).catch(() => null);
    if (described?.taskDefinition?.status === "ACTIVE") return { definition: described.taskDefinition, reused: true };
  }
  step.current = "RegisterTaskDefinition";
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(input as never));
  return { definition: registered.taskDefinition, reused: false };
}

/** Stops the page's earlier tasks in the cluster (same startedBy) that are still meant to run; answers their ARNs. */
async function stopEarlierRuns(ecs: ECSClient, cluster: string, startedBy: string, keep: string, step: ActionStep): Promise<string[]> {
  step.current = "ListTasks";
  const earlier: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(new ListTasksCommand({ cluster, startedBy, desiredStatus: "RUNNING", nextToken }));
    earlier.push(...(page.taskArns ?? []).filter((arn) => arn !== keep));
    nextToken = page.nextToken;
  } while (nextToken);
  step.current = "StopTask";
  for (const task of earlier) await ecs.send(new StopTaskCommand({ cluster, task, reason: REPLACED_REASON }));
  return earlier;
}
