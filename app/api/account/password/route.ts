import { accountPost } from "@/app/_server/account-request";
import { changePassword } from "@/lib/people/account-actions";

/** Changes the password (or sets the first one after a sign-in link). Behind the proxy's CSRF gate (proxy.ts). */
export async function POST(request: Request) {
  return accountPost(request, changePassword);
}
