import { StopTaskCommand } from "@aws-sdk/client-ecs";
import { NextResponse } from "next/server";
import { taskView } from "@/lib/sandbox-view";
import { readJsonObject, textField } from "@/app/_server/http";
import { sandboxClient } from "@/app/_server/sandbox";
import { awsErrorResponse } from "@/app/_server/sandbox-errors";
import { sandboxRequest } from "@/app/_server/sandbox-request";

export async function POST(request: Request) {
  const ctx = await sandboxRequest(request);
  if ("response" in ctx) return ctx.response;
  const { locale, learner } = ctx.ok;
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  const cluster = textField(parsed.body, "cluster", locale);
  if ("response" in cluster) return cluster.response;
  const task = textField(parsed.body, "task", locale);
  if ("response" in task) return task.response;
  try {
    const out = await sandboxClient(learner).send(new StopTaskCommand({ cluster: cluster.value, task: task.value }));
    return NextResponse.json({ task: out.task ? taskView(out.task) : null });
  } catch (err) {
    return awsErrorResponse(err, "StopTask");
  }
}
