import type { AwsResponse } from "../gateway/http";

/**
 * Where a learner's ECS calls are answered. The gateway authenticates the learner first, then hands each ECS
 * operation to one backend together with the learner's own account and Region.
 */

/** The learner a call is made for: their sandbox account and the Region their signature names. */
export interface SandboxCaller {
  accountId: string;
  region: string;
}

export interface SandboxBackend {
  /**
   * True when the sandbox itself runs the ECS engine, so the simulation's own DojoSandbox operations (the clock,
   * container instances) mean something; a remote AWS-compatible endpoint has no such operations.
   */
  readonly runsEngine: boolean;
  /** Whether this backend answers the ECS operation, named exactly as in the ECS API. */
  answers(operation: string): boolean;
  /** Runs one ECS call in the caller's account and Region; throws EcsError with AWS's type and message. */
  run(operation: string, input: unknown, caller: SandboxCaller): Promise<object>;
  /**
   * A remote endpoint also answers the other services (ECR, Logs, IAM, …): the learner's request, already verified,
   * goes on as it is, in the caller's account there, and its answer comes back as it is. Absent: the gateway's own
   * providers answer them.
   */
  forward?(service: string, request: { headers: Record<string, string>; body: string }, caller: SandboxCaller): Promise<AwsResponse>;
}
