import { StopTaskCommand } from "@aws-sdk/client-ecs";
import { NextResponse } from "next/server";
import { taskView } from "@/lib/sandbox-view";
import { textField } from "@/app/_server/lesson-request";
import { sandboxClient } from "@/app/_server/sandbox";
import { awsErrorResponse } from "@/app/_server/sandbox-errors";
import { sandboxPost } from "@/app/_server/sandbox-request";

export async function POST(request: Request) {
  const ctx = await sandboxPost(request);
  if ("response" in ctx) return ctx.response;
  const { locale, learner, body } = ctx.ok;
  const cluster = textField(body, "cluster", locale);
  if ("response" in cluster) return cluster.response;
  const task = textField(body, "task", locale);
  if ("response" in task) return task.response;
  try {
    // The learner's own act, as if typed: it shows in their call history, where a lesson's checks look for it.
    const out = await sandboxClient(learner, { acting: true }).send(new StopTaskCommand({ cluster: cluster.value, task: task.value }));
    return NextResponse.json({ task: out.task ? taskView(out.task) : null });
  } catch (err) {
    return awsErrorResponse(err, "StopTask");
  }
}
