/**
 * AWS IAM, the subset the ECS lessons use: roles with trust policies, managed policies (AWS's built in, and the
 * account's own), inline policies, and SimulatePrincipalPolicy — with real policy evaluation (evaluate.ts). IAM is
 * global: against AWS the CLI signs its calls for us-east-1, against an endpoint URL for its own Region; either way
 * one state per account (its GLOBAL_REGION state) serves every Region.
 *
 * The ECS engine asks IAM through access.ts (roleByArn, isAllowed, canAssume), never by reading these maps itself.
 */
import type { ServiceProvider } from "../provider";
import { POLICY_OPERATIONS } from "./policies";
import { ROLE_OPERATIONS } from "./roles";
import { SIMULATE_OPERATIONS } from "./simulate";

export { canAssume, isAllowed, roleByArn, type AccessReason } from "./access";

export const iamProvider: ServiceProvider = {
  service: "iam",
  global: true,
  operations: { ...ROLE_OPERATIONS, ...POLICY_OPERATIONS, ...SIMULATE_OPERATIONS },
};
