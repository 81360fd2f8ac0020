/**
 * The roles every sandbox account starts with, and the `roles` member of a lesson scenario. Both go through IAM's own
 * operations, so what they leave is exactly what a learner's CLI calls would leave.
 *
 * Why these three: they are the roles the ECS console creates in an account the first time it is used (the task
 * execution role and the container instance role, with the AWS managed policies AWS documents for them — [AWS-doc]
 * AmazonECS/latest/developerguide/task_execution_IAM_role.html, instance_IAM_role.html), and `ecsTaskRole`, an empty
 * task role lessons can pass as taskRoleArn. Lessons' task definitions name them, as most real ones do.
 */
import { NEW_ACCOUNT } from "../../engine/account";
import { asInput } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { roleKey } from "./common";
import { POLICY_OPERATIONS } from "./policies";
import { ROLE_OPERATIONS } from "./roles";

/** The operations used here (looked up when called: engine/state.ts imports this module while they load). */
const operation = (name: string) => ROLE_OPERATIONS[name] ?? POLICY_OPERATIONS[name];

const trustFor = (service: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });

const SEEDED_ROLES = [
  { name: "ecsTaskExecutionRole", service: "ecs-tasks.amazonaws.com", policies: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"] },
  { name: "ecsTaskRole", service: "ecs-tasks.amazonaws.com", policies: [] },
  { name: "ecsInstanceRole", service: "ec2.amazonaws.com", policies: ["arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"] },
] as const;

/** Adds the seeded roles to a new account's GLOBAL_REGION state (a plain object, not yet stored). */
export function seedIam(state: SandboxState, clockMs: number): void {
  for (const role of SEEDED_ROLES) {
    operation("CreateRole").run(state, asInput({ RoleName: role.name, AssumeRolePolicyDocument: trustFor(role.service) }), clockMs, NEW_ACCOUNT);
    for (const arn of role.policies) operation("AttachRolePolicy").run(state, asInput({ RoleName: role.name, PolicyArn: arn }), clockMs, NEW_ACCOUNT);
  }
}

/** A scenario's role: its name, the actions it allows (on every resource) and the service that may assume it. */
export interface ScenarioRole {
  name: string;
  permissions: string[];
  /** Default `ecs-tasks.amazonaws.com`; another service makes a role tasks cannot assume (fault F01's cousin). */
  trustedService?: string;
}

/** The inline policy that carries a scenario role's permissions. */
const SCENARIO_POLICY_NAME = "DojoScenarioPermissions";

/**
 * Makes each role exist with exactly the scenario's permissions: created when missing, its trust policy set, every
 * managed and inline policy it had removed, and one inline policy allowing `permissions` on `*` (none when empty).
 * So a scenario can take AmazonECSTaskExecutionRolePolicy away from the seeded execution role to set up a fault.
 */
export function applyScenarioRoles(state: SandboxState, roles: readonly ScenarioRole[], clockMs: number): void {
  const run = (name: string, input: object) => operation(name).run(state, asInput(input), clockMs, NEW_ACCOUNT);
  for (const role of roles) {
    const trust = trustFor(role.trustedService ?? "ecs-tasks.amazonaws.com");
    const existing = Object.hasOwn(state.iamRoles, roleKey(role.name)) ? state.iamRoles[roleKey(role.name)] : undefined;
    if (!existing) run("CreateRole", { RoleName: role.name, AssumeRolePolicyDocument: trust });
    else {
      run("UpdateAssumeRolePolicy", { RoleName: role.name, PolicyDocument: trust });
      for (const arn of [...existing.attachedPolicyArns]) run("DetachRolePolicy", { RoleName: role.name, PolicyArn: arn });
      for (const inline of [...existing.inlinePolicies]) run("DeleteRolePolicy", { RoleName: role.name, PolicyName: inline.policyName });
    }
    if (role.permissions.length > 0) {
      const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: role.permissions, Resource: "*" }] };
      run("PutRolePolicy", { RoleName: role.name, PolicyName: SCENARIO_POLICY_NAME, PolicyDocument: JSON.stringify(document) });
    }
  }
}
