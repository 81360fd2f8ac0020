import { NextResponse } from "next/server";
import { localeOf } from "@/app/_server/http";
import { requestLearner } from "@/app/_server/request-learner";
import { fileAreaProblem, terminalWrite } from "@/app/_server/terminal-request";
import { listTerminalFiles, readTerminalFile, saveTerminalFile } from "@/lib/progress/terminal-store";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The learner's file area (lib/terminal/file-area.ts): `GET` lists the files (name, size, when saved); `GET ?name=X`
 * answers one file's text, for the terminal's file://X. A visitor who has not started yet has no files.
 */
export async function GET(request: Request) {
  const locale = localeOf(request);
  const learner = await requestLearner();
  const name = new URL(request.url).searchParams.get("name");
  if (name !== null) {
    const text = learner ? await readTerminalFile(learner.id, name) : null;
    if (text === null) return fileAreaProblem("not-found", locale);
    return NextResponse.json({ name, text }, { headers: NO_STORE });
  }
  return NextResponse.json({ files: learner ? await listTerminalFiles(learner.id) : [] }, { headers: NO_STORE });
}

/** Saves `{name, text}`: creates the file or replaces its text, within the area's limits. Stored as text only. */
export async function POST(request: Request) {
  const parsed = await terminalWrite(request);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, body } = parsed.ok;
  const result = await saveTerminalFile(learner.id, typeof body.name === "string" ? body.name : "", body.text as string);
  if ("error" in result) return fileAreaProblem(result.error, locale);
  return NextResponse.json(result, { headers: NO_STORE });
}
