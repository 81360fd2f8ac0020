import { NextResponse } from "next/server";
import { learnerClock } from "@/app/_server/sandbox";
import { sandboxRequest } from "@/app/_server/sandbox-request";

/**
 * The learner's sandbox clock now, which the page then runs on by itself (components/workspace/sandbox-clock.tsx). A
 * visitor who has not started has no sandbox yet, and looking does not create one: theirs would start at the wall clock.
 */
export async function GET(request: Request) {
  const { learner } = await sandboxRequest(request);
  return NextResponse.json({ clock: await learnerClock(learner) }, { headers: { "Cache-Control": "no-store" } });
}
