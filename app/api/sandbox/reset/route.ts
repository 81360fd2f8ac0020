import { NextResponse } from "next/server";
import { forgetSandboxWork } from "@/lib/progress/lesson-progress";
import { resetLearnerSandbox } from "@/app/_server/sandbox";
import { sandboxPost } from "@/app/_server/sandbox-request";

/**
 * "Reset sandbox": the learner's whole sandbox back to new, its clock at the wall clock; no exercise is set up and no
 * Run is remembered any more. Files, quiz answers and progress stay.
 */
export async function POST(request: Request) {
  const ctx = await sandboxPost(request);
  if ("response" in ctx) return ctx.response;
  const clock = await resetLearnerSandbox(ctx.ok.learner);
  await forgetSandboxWork(ctx.ok.learner.id);
  return NextResponse.json({ reset: true, clock });
}
