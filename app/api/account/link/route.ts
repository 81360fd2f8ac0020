import { accountPost } from "@/app/_server/account-request";
import { signInWithLink } from "@/lib/people/account-actions";

/** Trades a one-time sign-in link (ecs-dojo users add) for a session. Behind the proxy's CSRF gate (proxy.ts). */
export async function POST(request: Request) {
  return accountPost(request, signInWithLink);
}
