import { accountRequest, accountResponse } from "@/app/_server/account-request";
import { signOut } from "@/lib/people/account-actions";

/** Signs this browser out (its session row is deleted) and gives it a fresh anonymous session. Behind the CSRF gate. */
export async function POST(request: Request) {
  return accountResponse(request, await signOut(await accountRequest(request)));
}
