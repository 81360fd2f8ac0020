import { NextResponse } from "next/server";
import { EcsError } from "@/lib/sandbox/engine";
import { advanceSandboxClock } from "@/lib/sandbox/gateway";
import { sandboxOverview, whatMoved } from "@/lib/sandbox/moved";
import { problem } from "@/app/_server/http";
import { consoleReader, gatewayDeps, learnerClock, SANDBOX_REGION } from "@/app/_server/sandbox";
import { sandboxPost } from "@/app/_server/sandbox-request";

const BAD_SECONDS = {
  en: "seconds must be a number from 1 to 3600.",
  ja: "seconds には 1 から 3600 までの数値を指定してください。",
};

/**
 * "Fast-forward": moves the learner's simulated clock, as DojoSandbox.AdvanceClock does on the endpoint, and answers
 * what moved: the clock before and after, the tasks that changed state, the services' new events.
 */
export async function POST(request: Request) {
  const ctx = await sandboxPost(request);
  if ("response" in ctx) return ctx.response;
  const { locale, learner, body } = ctx.ok;
  const seconds = body.seconds;
  if (typeof seconds !== "number" || !(seconds >= 1 && seconds <= 3600)) return problem(400, BAD_SECONDS[locale]);
  try {
    // Only the embedded engine has a clock (another backend answers AdvanceClock with its UnsupportedFeatureException).
    const from = await learnerClock(learner);
    const before = from && (await sandboxOverview(await consoleReader(learner)));
    const advanced = (await advanceSandboxClock(learner.accountId, SANDBOX_REGION, seconds, gatewayDeps())) as { clock: number };
    const after = await sandboxOverview(await consoleReader(learner));
    const moved = before ? whatMoved(before, after) : null;
    return NextResponse.json({ clock: advanced.clock, seconds, from: from?.simMs ?? null, sandboxClock: await learnerClock(learner), moved });
  } catch (err) {
    // e.g. the localstack backend has no simulated clock
    if (err instanceof EcsError) return problem(400, `${err.type}: ${err.message}`);
    throw err;
  }
}
