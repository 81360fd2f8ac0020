import { NextResponse } from "next/server";
import { langOf, workshopGate } from "@/app/_server/workshop-gate";
import { toCsv } from "@/lib/workshop/room";
import { workshopExport } from "@/lib/workshop/snapshot";

/** ?format=csv|json — one row per participant, lesson and check, as a download. Instructors and admins only. */
export async function GET(request: Request, ctx: RouteContext<"/api/workshops/[id]/export">) {
  const gate = await workshopGate(langOf(request), (await ctx.params).id);
  if ("response" in gate) return gate.response;
  const rows = await workshopExport(gate.workshop);
  const csv = new URL(request.url).searchParams.get("format") !== "json";
  const name = `workshop-${gate.workshop.joinCode}-${new Date().toISOString().slice(0, 10)}.${csv ? "csv" : "json"}`;
  return new NextResponse(csv ? toCsv(rows) : JSON.stringify({ workshopId: gate.workshop.id, rows }, null, 2), {
    headers: {
      "Content-Type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
