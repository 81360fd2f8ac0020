import { handleAwsRequest } from "@/lib/sandbox/gateway";
import { gatewayDeps } from "@/app/_server/sandbox";

// The AWS-compatible ECS endpoint (AWS JSON 1.1 + SigV4): the real AWS CLI and SDKs talk to it.
// It stays dynamic: every call reads and writes the learner's sandbox.
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const url = new URL(request.url);
  const answer = await handleAwsRequest(
    {
      method: request.method,
      path: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      body: request.body ?? undefined,
    },
    gatewayDeps(),
  );
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
