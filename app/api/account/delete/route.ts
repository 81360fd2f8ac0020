import { accountRequest, accountResponse } from "@/app/_server/account-request";
import { revokeAccessKey } from "@/app/_server/sandbox";
import { deleteMe } from "@/lib/people/account-actions";

/** Deletes the signed-in account and every row about it. Behind the CSRF gate; the page confirms first. */
export async function POST(request: Request) {
  return accountResponse(request, await deleteMe(await accountRequest(request), revokeAccessKey));
}
