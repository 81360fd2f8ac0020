import { ECSServiceException } from "@aws-sdk/client-ecs";
import { NextResponse } from "next/server";

/** An AWS error from the sandbox, shown to the learner the way the AWS CLI would print it. */
export function awsErrorResponse(err: unknown, operation: string): NextResponse {
  if (err instanceof ECSServiceException) {
    const message = `An error occurred (${err.name}) when calling the ${operation} operation: ${err.message}`;
    return NextResponse.json({ error: { type: err.name, message } }, { status: 400 });
  }
  throw err;
}
