import { NextResponse } from "next/server";
import { headers } from "next/headers";
import { localeOf, problem } from "@/app/_server/http";
import { accountText } from "@/lib/i18n/account-ui";
import { exportAccount, signedInFromCookies } from "@/lib/people/accounts";

/** Every row about the signed-in account, as one JSON download. A read: cookies are SameSite and CORS keeps other sites out. */
export async function GET(request: Request) {
  const me = await signedInFromCookies((await headers()).get("cookie"));
  if (!me) return problem(401, accountText(localeOf(request)).notSignedIn);
  const data = await exportAccount(me.userId);
  const day = new Date().toISOString().slice(0, 10);
  return new NextResponse(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="ecs-dojo-account-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
