/**
 * One AWS service of the sandbox besides ECS (LocalStack's provider per service, moto's model/responses split):
 * `operations` are the service's API, named exactly as in it, each run on a draft of the learner's sandbox state at
 * one simulated instant — the same contract as ECS's operations (engine/operation.ts), so timers, persistence and
 * isolation work alike. The wire protocol (JSON 1.1 or query) is the gateway's business, never the provider's.
 */
import type { ModelledService } from "@/lib/aws-models";
import type { Operation } from "../engine/operation";

export interface ServiceProvider {
  service: ModelledService;
  /**
   * IAM and STS are global: the CLI signs their calls for us-east-1 whatever the learner's Region, and one state
   * per account serves every Region (stored under GLOBAL_REGION).
   */
  global: boolean;
  operations: Record<string, Operation>;
}

/** Where a global service's state is stored: a Region name no AWS Region has. */
export const GLOBAL_REGION = "aws-global";
