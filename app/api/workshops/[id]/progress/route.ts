import { NextResponse } from "next/server";
import { langOf, workshopGate } from "@/app/_server/workshop-gate";
import { progressJson } from "@/lib/workshop/snapshot";

/** Per participant, lesson and check: status, attempts, passed, time to first pass (docs/api.md). Instructors and admins only. */
export async function GET(request: Request, ctx: RouteContext<"/api/workshops/[id]/progress">) {
  const gate = await workshopGate(langOf(request), (await ctx.params).id);
  if ("response" in gate) return gate.response;
  return NextResponse.json(await progressJson(gate.workshop), { headers: { "Cache-Control": "no-store" } });
}
