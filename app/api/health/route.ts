import { NextResponse } from "next/server";
import { db } from "@/lib/progress/db";

/** Liveness and database reachability, for `docker compose` health checks and test harnesses. */
export async function GET() {
  try {
    await db().$queryRawUnsafe("SELECT 1"); // reachability only: a count would scan a large table
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false, error: "database unreachable" }, { status: 503 });
  }
}
