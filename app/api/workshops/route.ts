import { NextResponse } from "next/server";
import { localeOf, problem, readJsonObject } from "@/app/_server/http";
import { instructorGate, originOf, workshopJson } from "@/app/_server/workshop-gate";
import { workshopText } from "@/lib/i18n/workshop-ui";
import { createWorkshop, WorkshopInputError, workshopsOf } from "@/lib/workshop/store";

/** The caller's workshops (every workshop for an admin). Instructors only: a personal API token or the signed-in account. */
export async function GET(request: Request) {
  const gate = await instructorGate(localeOf(request));
  if ("response" in gate) return gate.response;
  const list = await workshopsOf(gate.viewer);
  return NextResponse.json({ workshops: list.map((w) => workshopJson(w, originOf(request))) }, { headers: { "Cache-Control": "no-store" } });
}

/** Creates a workshop: {title, lessons: [ids] | track, language?, startsAt?, endsAt?} → 201 with its join code (docs/api.md). */
export async function POST(request: Request) {
  const locale = localeOf(request);
  const gate = await instructorGate(locale);
  if ("response" in gate) return gate.response;
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  try {
    const workshop = await createWorkshop(gate.viewer.userId, parsed.body);
    return NextResponse.json(workshopJson(workshop, originOf(request)), { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof WorkshopInputError) return problem(400, workshopText(locale).badInput(error.field, error.message));
    throw error;
  }
}
