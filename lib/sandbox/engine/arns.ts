import type { SandboxState } from "./state";

function partition(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

function arnPrefix(state: SandboxState): string {
  return `arn:${partition(state.region)}:ecs:${state.region}:${state.accountId}:`;
}

export const clusterArn = (state: SandboxState, name: string) => `${arnPrefix(state)}cluster/${name}`;
export const taskArn = (state: SandboxState, clusterName: string, taskId: string) =>
  `${arnPrefix(state)}task/${clusterName}/${taskId}`;
export const containerArn = (state: SandboxState, clusterName: string, taskId: string, uuid: string) =>
  `${arnPrefix(state)}container/${clusterName}/${taskId}/${uuid}`;
export const taskDefinitionArn = (state: SandboxState, family: string, revision: number) =>
  `${arnPrefix(state)}task-definition/${family}:${revision}`;
export const callerArn = (state: SandboxState) => `arn:${partition(state.region)}:iam::${state.accountId}:root`;

/**
 * The resource part of `ref` when it is an ARN of this account and Region of the given type
 * (e.g. "web" for `arn:aws:ecs:…:cluster/web`), null for an ARN of anything else, and `ref` itself when it is
 * not an ARN (a bare name or id).
 */
export function resourceOf(state: SandboxState, ref: string, type: string): string | null {
  if (!ref.startsWith("arn:")) return ref;
  const prefix = `${arnPrefix(state)}${type}/`;
  return ref.startsWith(prefix) ? ref.slice(prefix.length) : null;
}

/** The task id, i.e. the last segment of a (long or short) task ARN. */
export function taskIdOf(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

export const containerInstanceArn = (state: SandboxState, clusterName: string, id: string) =>
  `${arnPrefix(state)}container-instance/${clusterName}/${id}`;
export const serviceArn = (state: SandboxState, clusterName: string, serviceName: string) =>
  `${arnPrefix(state)}service/${clusterName}/${serviceName}`;
/** [inferred] from the console's links: the deployment's numeric part after the service. */
export const serviceDeploymentArn = (state: SandboxState, clusterName: string, serviceName: string, deploymentId: string) =>
  `${arnPrefix(state)}service-deployment/${clusterName}/${serviceName}/${deploymentId.replace("ecs-svc/", "")}`;
export const serviceRevisionArn = (state: SandboxState, clusterName: string, serviceName: string, deploymentId: string) =>
  `${arnPrefix(state)}service-revision/${clusterName}/${serviceName}/${deploymentId.replace("ecs-svc/", "")}`;
export const roleNameOf = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);
export const iamRoleArn = (state: SandboxState, name: string) => `arn:${partition(state.region)}:iam::${state.accountId}:role/${name}`;
export const stsAssumedRoleArn = (state: SandboxState, roleName: string, session: string) =>
  `arn:${partition(state.region)}:sts::${state.accountId}:assumed-role/${roleName}/${session}`;
export const logGroupArn = (state: Pick<SandboxState, "region" | "accountId">, group: string) =>
  `arn:${partition(state.region)}:logs:${state.region}:${state.accountId}:log-group:${group}`;
