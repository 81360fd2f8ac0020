import { headers } from "next/headers";
import type { NextResponse } from "next/server";
import { accountText } from "@/lib/i18n/account-ui";
import type { Locale } from "@/lib/i18n/locales";
import { signedInFromCookies, type SignedIn } from "@/lib/people/accounts";
import { hasRole, type Role } from "@/lib/people/roles";
import { problem } from "./http";

/** The account signed in on the current request, if any (its cookie signed, its session row alive). */
export async function currentAccount(): Promise<SignedIn | null> {
  return signedInFromCookies((await headers()).get("cookie"));
}

/**
 * For API routes (workshops, exports, tokens): the signed-in account when its role is at least `role`, or the answer
 * to send instead — 401 for anonymous visitors, 403 for an account whose role is too low. An admin passes every
 * instructor check. Usage: `const gate = await requireRole("instructor", locale); if ("response" in gate) return gate.response;`
 */
export async function requireRole(role: Role, locale: Locale): Promise<{ account: SignedIn } | { response: NextResponse }> {
  const account = await currentAccount();
  const t = accountText(locale);
  if (!account) return { response: problem(401, t.notSignedIn) };
  if (!hasRole(account.role, role)) return { response: problem(403, t.forbidden) };
  return { account };
}

/** For pages: the account when its role is at least `role`, else null — the page then renders its 403 view. */
export async function pageAccountWithRole(role: Role): Promise<SignedIn | null> {
  const account = await currentAccount();
  return account && hasRole(account.role, role) ? account : null;
}
