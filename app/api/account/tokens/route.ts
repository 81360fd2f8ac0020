import { NextResponse } from "next/server";
import { localeOf, problem, readJsonObject } from "@/app/_server/http";
import { currentAccount } from "@/app/_server/require-role";
import { accountText } from "@/lib/i18n/account-ui";
import { createApiToken, revokeApiToken } from "@/lib/people/api-tokens";

/** POST {name?} creates a personal API token (answered once); POST {revoke: id} revokes one. Signed-in accounts only. */
export async function POST(request: Request) {
  const locale = localeOf(request);
  const me = await currentAccount();
  if (!me) return problem(401, accountText(locale).notSignedIn);
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed.response;
  if (typeof parsed.body.revoke === "string") return NextResponse.json({ revoked: await revokeApiToken(me.userId, parsed.body.revoke) });
  const created = await createApiToken(me.userId, typeof parsed.body.name === "string" && parsed.body.name.trim() ? parsed.body.name.trim() : "API token");
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
}
