/**
 * The sandbox account around ECS, as a scenario describes it (state.ts `World`): whether a role may perform an
 * action, whether a secret, parameter or log group exists.
 */
import { roleNameOf } from "./arns";
import type { SandboxState } from "./state";

/** IAM action patterns are case-insensitive and may use `*` and `?`. */
function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
  return new RegExp(`^${regex}$`, "i").test(action);
}

/** A role the scenario does not describe may do anything: the sandbox has no IAM to ask. */
export function roleMay(state: SandboxState, roleArn: string, action: string): boolean {
  const role = state.world.roles[roleNameOf(roleArn)];
  return role === undefined || role.permissions.some((p) => actionMatches(p, action));
}

/** `name`, or the name inside a Secrets Manager ARN (`…:secret:<name>-AbCdEf[:json-key:…]`). */
export function secretNameOf(valueFrom: string): string {
  const match = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:([^:]+)/.exec(valueFrom);
  if (!match) return valueFrom;
  // ARNs end with a hyphen and six random characters that are not part of the name.
  return match[1].replace(/-[A-Za-z0-9]{6}$/, "");
}

/** `name` or `/path/name`, or the name inside an SSM parameter ARN (`…:parameter/<name>`). */
export function parameterNameOf(valueFrom: string): string {
  const match = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(valueFrom);
  if (!match) return valueFrom;
  // An ARN's path keeps the leading slash only for hierarchical names.
  const path = match[1];
  return path.indexOf("/", 1) > 0 ? path : path.slice(1);
}

export const isSecretsManagerRef = (valueFrom: string) => /^arn:[^:]+:secretsmanager:/.test(valueFrom);

export function secretExists(state: SandboxState, valueFrom: string): boolean {
  return state.world.secrets.includes(secretNameOf(valueFrom));
}

export function parameterExists(state: SandboxState, valueFrom: string): boolean {
  const name = parameterNameOf(valueFrom);
  return state.world.parameters.includes(name) || state.world.parameters.includes(name.replace(/^\//, ""));
}
