/**
 * The roles a task definition passes (taskRoleArn, executionRoleArn) must be ones ECS can assume for the task: they
 * exist and trust `ecs-tasks.amazonaws.com`. ECS assumes them when it launches a task, so RunTask refuses it and a
 * service reports it as an event instead of starting tasks. The message is [observed] in service events
 * (telia-oss/terraform-aws-ecs-fargate#58 2021, aws-samples/aws-modern-application-workshop#149 2019); RunTask's
 * error code for it is [inferred] (ClientException, as for "Role is not valid").
 */
import { iamOf, inOwnAccount, type Account } from "./account";
import { iamRoleArn } from "./arns";
import type { SandboxState, WireTaskDefinition } from "./state";
import { canAssume } from "../services/iam";

const unassumableRole = (role: string) =>
  `ECS was unable to assume the role '${role}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;

/** Why ECS cannot launch a task of this definition because of its roles, or undefined when it can. */
export function roleRefusalOf(state: SandboxState, definition: WireTaskDefinition, account: Account): string | undefined {
  const iam = iamOf(account, state.accountId);
  for (const role of [definition.taskRoleArn, definition.executionRoleArn]) {
    if (!role) continue;
    // taskRoleArn may be a bare role name.
    const arn = role.startsWith("arn:") ? inOwnAccount(state, role) : iamRoleArn(state, role);
    if (!canAssume(iam, arn, "ecs-tasks.amazonaws.com", { "aws:SourceAccount": state.accountId })) return unassumableRole(role);
  }
  return undefined;
}
