import { NextResponse } from "next/server";
import { fileAreaProblem, terminalWrite } from "@/app/_server/terminal-request";
import { deleteTerminalFile } from "@/lib/progress/terminal-store";

/** Deletes `{name}` from the learner's file area. */
export async function POST(request: Request) {
  const parsed = await terminalWrite(request);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, body } = parsed.ok;
  if (!(await deleteTerminalFile(learner.id, typeof body.name === "string" ? body.name : ""))) return fileAreaProblem("not-found", locale);
  return NextResponse.json({ deleted: true }, { headers: { "Cache-Control": "no-store" } });
}
