import { accountPost } from "@/app/_server/account-request";
import { signIn } from "@/lib/people/account-actions";

/** Signs in with an email or user name and a password; attempts are rate limited in the database. Behind the proxy's CSRF gate (proxy.ts). */
export async function POST(request: Request) {
  return accountPost(request, signIn);
}
