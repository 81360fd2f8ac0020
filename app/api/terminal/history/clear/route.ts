import { NextResponse } from "next/server";
import { terminalWrite } from "@/app/_server/terminal-request";
import { clearTerminalHistory } from "@/lib/progress/terminal-store";

/** Deletes the learner's whole terminal history (the terminal's `history -c`). */
export async function POST(request: Request) {
  const parsed = await terminalWrite(request);
  if ("response" in parsed) return parsed.response;
  return NextResponse.json({ cleared: await clearTerminalHistory(parsed.ok.learner.id) }, { headers: { "Cache-Control": "no-store" } });
}
