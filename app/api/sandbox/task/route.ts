import { DescribeTasksCommand } from "@aws-sdk/client-ecs";
import { NextResponse } from "next/server";
import { taskView } from "@/lib/sandbox-view";
import { problem } from "@/app/_server/http";
import { sandboxClient } from "@/app/_server/sandbox";
import { awsErrorResponse } from "@/app/_server/sandbox-errors";
import { sandboxRequest } from "@/app/_server/sandbox-request";

const MISSING = { en: "No such task in your sandbox.", ja: "このタスクはあなたのサンドボックスにありません。" };

/** One task of the learner's sandbox, for the lesson page's live view. */
export async function GET(request: Request) {
  const { locale, learner } = await sandboxRequest(request);
  const params = new URL(request.url).searchParams;
  const cluster = params.get("cluster") ?? "";
  const task = params.get("task") ?? "";
  if (!learner || !cluster || !task) return problem(404, MISSING[locale]);
  try {
    const out = await sandboxClient(learner).send(new DescribeTasksCommand({ cluster, tasks: [task] }));
    const found = out.tasks?.[0];
    return found ? NextResponse.json({ task: taskView(found) }) : problem(404, MISSING[locale]);
  } catch (err) {
    return awsErrorResponse(err, "DescribeTasks");
  }
}
