import { CreateClusterCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from "@aws-sdk/client-ecs";
import { NextResponse } from "next/server";
import { taskView } from "@/lib/sandbox-view";
import { problem } from "@/app/_server/http";
import { lessonRequest } from "@/app/_server/lesson-request";
import { LESSON_NETWORK, sandboxClient } from "@/app/_server/sandbox";
import { awsErrorResponse } from "@/app/_server/sandbox-errors";

const NOT_JSON = {
  en: "The editor text is not valid JSON yet; fix the errors marked in the editor, then run again.",
  ja: "エディタの内容がまだ正しい JSON ではありません。エディタで示されたエラーを直してから、もう一度実行してください。",
};

/** Registers the learner's task definition in their sandbox and runs it as one Fargate task. */
export async function POST(request: Request, ctx: RouteContext<"/api/lessons/[lessonId]/run">) {
  const parsed = await lessonRequest(request, (await ctx.params).lessonId);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, lesson, text } = parsed.ok;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return problem(400, NOT_JSON[locale]);
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) return problem(400, NOT_JSON[locale]);

  const ecs = sandboxClient(learner);
  const cluster = lesson.sandbox.cluster;
  let step = "CreateCluster";
  try {
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    step = "RegisterTaskDefinition";
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(input as never));
    step = "RunTask";
    const run = await ecs.send(
      new RunTaskCommand({
        cluster,
        taskDefinition: registered.taskDefinition?.taskDefinitionArn,
        launchType: lesson.sandbox.launchType,
        networkConfiguration: LESSON_NETWORK,
      }),
    );
    const task = run.tasks?.[0];
    if (!task) {
      const reason = run.failures?.map((f) => `${f.arn ?? ""} ${f.reason ?? ""}`.trim()).join("; ");
      return problem(400, reason || "RunTask returned no task");
    }
    return NextResponse.json({ task: taskView(task) });
  } catch (err) {
    return awsErrorResponse(err, step);
  }
}
