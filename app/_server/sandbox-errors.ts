import { ECSServiceException } from "@aws-sdk/client-ecs";
import { NextResponse } from "next/server";
import { EcsError } from "@/lib/sandbox/gateway";

/** An AWS error from the sandbox, shown to the learner the way the AWS CLI would print it. */
export function awsErrorResponse(err: unknown, operation: string): NextResponse {
  const type = err instanceof ECSServiceException ? err.name : err instanceof EcsError ? err.type : undefined;
  if (type && err instanceof Error) {
    const message = `An error occurred (${type}) when calling the ${operation} operation: ${err.message}`;
    return NextResponse.json({ error: { type, message } }, { status: 400 });
  }
  throw err;
}
