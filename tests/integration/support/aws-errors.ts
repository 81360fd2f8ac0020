import { ECSServiceException } from "@aws-sdk/client-ecs";
import { expect } from "vitest";

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
