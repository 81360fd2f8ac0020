import { NextResponse } from "next/server";
import { problem } from "@/app/_server/http";
import { requestLearner } from "@/app/_server/request-learner";
import { terminalWrite } from "@/app/_server/terminal-request";
import { appendTerminalHistory, terminalHistory } from "@/lib/progress/terminal-store";
import { deriveSecretAccessKey } from "@/lib/sandbox/credentials";
import { serverKey } from "@/lib/server-key";
import { HISTORY_LIMIT } from "@/lib/terminal/history";

const NOT_LINES = {
  en: 'The request needs "lines": the command lines entered, as a list of text.',
  ja: 'リクエストには "lines" (入力したコマンド行のテキストの配列) が必要です。',
};

/** The learner's terminal history, oldest first (at most HISTORY_LIMIT lines). */
export async function GET() {
  const learner = await requestLearner();
  return NextResponse.json({ lines: learner ? await terminalHistory(learner.id) : [] }, { headers: { "Cache-Control": "no-store" } });
}

/**
 * Appends `{lines}` to the history. The terminal leaves out lines with secrets before sending; the server applies the
 * same rule again (lib/terminal/history.ts), with the learner's own sandbox secret key among the values it looks for.
 */
export async function POST(request: Request) {
  const parsed = await terminalWrite(request);
  if ("response" in parsed) return parsed.response;
  const { locale, learner, body } = parsed.ok;
  const lines = body.lines;
  if (!Array.isArray(lines) || lines.length > HISTORY_LIMIT || !lines.every((l) => typeof l === "string")) return problem(400, NOT_LINES[locale]);
  const stored = await appendTerminalHistory(learner.id, lines, [deriveSecretAccessKey(serverKey(), learner.accessKeyId)]);
  return NextResponse.json({ stored }, { headers: { "Cache-Control": "no-store" } });
}
