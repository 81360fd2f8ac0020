/**
 * A lesson's page buttons (lesson.json `actions`), as ordinary ECS calls in the learner's own sandbox: the page and
 * `lessons verify` run them the same way, and they show up in the learner's call history like any other call.
 */
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
  type ECSClient,
  type Task,
} from "@aws-sdk/client-ecs";
import type { LessonAction } from "./schema";

/** The network a lesson's awsvpc tasks run in (the same ids the lesson prose uses for the CLI). */
export const LESSON_NETWORK = {
  awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"], assignPublicIp: "ENABLED" as const },
};

export type ActionResult = { task?: Task; taskDefinitionArn?: string; serviceArn?: string };

/** Thrown for an action that cannot start (its file is not JSON); AWS's own failures propagate as SDK errors. */
export class ActionInputError extends Error {}

/** The ECS operation an action is at, for error messages ("RunTask failed: …"). */
export interface ActionStep {
  current: string;
}

export async function runAction(ecs: ECSClient, action: LessonAction, fileText: string, step: ActionStep = { current: "" }): Promise<ActionResult> {
  let input: unknown;
  try {
    input = JSON.parse(fileText);
  } catch {
    throw new ActionInputError("not-json");
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) throw new ActionInputError("not-json");
  switch (action.kind) {
    case "run-task": {
      step.current = "CreateCluster";
      const existing = await ecs.send(new DescribeClustersCommand({ clusters: [action.cluster] }));
      if (!existing.clusters?.some((c) => c.status === "ACTIVE")) await ecs.send(new CreateClusterCommand({ clusterName: action.cluster }));
      step.current = "RegisterTaskDefinition";
      const registered = await ecs.send(new RegisterTaskDefinitionCommand(input as never));
      step.current = "RunTask";
      const run = await ecs.send(
        new RunTaskCommand({
          cluster: action.cluster,
          taskDefinition: registered.taskDefinition?.taskDefinitionArn,
          launchType: action.launchType,
          networkConfiguration: registered.taskDefinition?.networkMode === "awsvpc" ? LESSON_NETWORK : undefined,
        }),
      );
      const failure = run.failures?.map((f) => `${f.arn ?? ""} ${f.reason ?? ""}`.trim()).join("; ");
      if (!run.tasks?.[0]) throw Object.assign(new Error(failure || "RunTask returned no task"), { name: "RunTaskFailure" });
      return { task: run.tasks[0], taskDefinitionArn: registered.taskDefinition?.taskDefinitionArn };
    }
    case "deploy": {
      step.current = "RegisterTaskDefinition";
      const registered = await ecs.send(new RegisterTaskDefinitionCommand(input as never));
      step.current = "UpdateService";
      const updated = await ecs.send(
        new UpdateServiceCommand({ cluster: action.cluster, service: action.service, taskDefinition: registered.taskDefinition?.taskDefinitionArn }),
      );
      return { taskDefinitionArn: registered.taskDefinition?.taskDefinitionArn, serviceArn: updated.service?.serviceArn };
    }
  }
}
