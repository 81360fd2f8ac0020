import { accountPost } from "@/app/_server/account-request";
import { signUp } from "@/lib/people/account-actions";

/** Creates an account (email or user name + password) and moves this browser's anonymous work into it. Behind the proxy's CSRF gate (proxy.ts). */
export async function POST(request: Request) {
  return accountPost(request, signUp);
}
