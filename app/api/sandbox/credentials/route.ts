import { NextResponse } from "next/server";
import { sandboxCredentials } from "@/app/_server/sandbox";
import { sandboxPost } from "@/app/_server/sandbox-request";

/**
 * The learner's sandbox keys, asked for when they open the credentials panel: the secret key is never part of a
 * page's HTML, and a POST (behind the proxy's CSRF checks) because the first ask starts the learner's profile.
 */
export async function POST(request: Request) {
  const ctx = await sandboxPost(request);
  if ("response" in ctx) return ctx.response;
  return NextResponse.json(sandboxCredentials(ctx.ok.learner), { headers: { "Cache-Control": "no-store" } });
}
