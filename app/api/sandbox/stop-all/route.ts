import { NextResponse } from "next/server";
import { stopAllTasks } from "@/lib/sandbox/stop-all";
import { sandboxClient } from "@/app/_server/sandbox";
import { awsErrorResponse } from "@/app/_server/sandbox-errors";
import { sandboxPost } from "@/app/_server/sandbox-request";

/** "Stop all tasks": a StopTask of the learner's own for every task no service owns (lib/sandbox/stop-all.ts). */
export async function POST(request: Request) {
  const ctx = await sandboxPost(request);
  if ("response" in ctx) return ctx.response;
  const step = { current: "" };
  try {
    return NextResponse.json(await stopAllTasks(sandboxClient(ctx.ok.learner, { acting: true }), step));
  } catch (err) {
    return awsErrorResponse(err, step.current);
  }
}
