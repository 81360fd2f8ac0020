/**
 * The services' parts of a sandbox state. Each is a set of maps, one document per resource when stored
 * (state-documents.ts): a service lists its maps in its own state.ts and they are composed here. Global services'
 * maps are filled only in the account's GLOBAL_REGION state; regional ones in each Region's. The learner's workstation
 * Docker (../docker) is not an AWS service but keeps its records the same way.
 */
import { DOCKER_MAPS, type DockerState } from "../docker/state";
import { AUTOSCALING_MAPS, type AutoScalingState } from "./application-autoscaling/state";
import { CLOUDWATCH_MAPS, type CloudWatchState } from "./cloudwatch/state";
import { EC2_MAPS, type Ec2State } from "./ec2/state";
import { ECR_MAPS, type EcrState } from "./ecr/state";
import { ELB_MAPS, type ElbState } from "./elbv2/state";
import { IAM_MAPS, type IamState } from "./iam/state";
import { LOGS_MAPS, type LogsState } from "./logs/state";
import { SECRETS_MAPS, type SecretsState } from "./secrets/state";
import { SSM_MAPS, type SsmState } from "./ssm/state";

export type ServicesState = AutoScalingState & CloudWatchState & DockerState & Ec2State & EcrState & ElbState & IamState & LogsState & SecretsState & SsmState;

export const SERVICE_MAPS = [...AUTOSCALING_MAPS, ...CLOUDWATCH_MAPS, ...DOCKER_MAPS, ...EC2_MAPS, ...ECR_MAPS, ...ELB_MAPS, ...IAM_MAPS, ...LOGS_MAPS, ...SECRETS_MAPS, ...SSM_MAPS] as const;

/** Every service map, empty: a new sandbox, or one stored before the services existed. */
export function emptyServicesState(): ServicesState {
  return Object.fromEntries(SERVICE_MAPS.map((map) => [map, {}])) as unknown as ServicesState;
}
