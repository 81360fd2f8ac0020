import { ECSServiceException } from "@aws-sdk/client-ecs";
import { expect } from "vitest";
import type { CliResult } from "./aws-cli";

/** The ECSServiceException a call fails with; a call that succeeds fails the test. */
export async function failure(promise: Promise<unknown>): Promise<ECSServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ECSServiceException);
    return error as ECSServiceException;
  }
  throw new Error("the call succeeded but an AWS error was expected");
}

/** The AWS CLI's line for a refused call (`An error occurred (X) when calling the Y operation: …`, exit 255). */
export function expectAwsError(result: CliResult, operation: string, code: string, message: string) {
  expect(result.code).toBe(255);
  expect(result.stderr.trim()).toBe(`An error occurred (${code}) when calling the ${operation} operation: ${message}`);
}
