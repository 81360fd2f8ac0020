/**
 * The services the sandbox answers besides ECS, by SigV4 signing name. The AWS CLI sends every service to the one
 * endpoint URL; the gateway finds the service from the signature's credential scope and reads the call in the
 * service's own wire protocol (lib/aws-models).
 */
import type { ModelledService } from "@/lib/aws-models";
import type { ServiceProvider } from "./provider";
import { applicationAutoScalingProvider } from "./application-autoscaling";
import { cloudWatchProvider } from "./cloudwatch";
import { ec2Provider } from "./ec2";
import { ecrProvider } from "./ecr";
import { elbv2Provider } from "./elbv2";
import { iamProvider } from "./iam";
import { logsProvider } from "./logs";
import { secretsManagerProvider } from "./secrets";
import { ssmProvider } from "./ssm";
import { stsProvider } from "./sts";

export { GLOBAL_REGION, type ServiceProvider } from "./provider";

export const PROVIDERS: Partial<Record<string, ServiceProvider>> = Object.fromEntries(
  [stsProvider, ecrProvider, iamProvider, ec2Provider, logsProvider, secretsManagerProvider, ssmProvider, elbv2Provider, applicationAutoScalingProvider, cloudWatchProvider].map((provider) => [provider.service, provider]),
) satisfies Partial<Record<ModelledService, ServiceProvider>>;

/** The services a learner may call, for messages. */
export const SERVICE_TITLES: Record<string, string> = {
  ecs: "Amazon ECS",
  ecr: "Amazon ECR",
  logs: "CloudWatch Logs",
  iam: "IAM",
  secretsmanager: "Secrets Manager",
  ssm: "Systems Manager Parameter Store",
  ec2: "Amazon EC2 (VPC)",
  sts: "AWS STS",
  elasticloadbalancing: "Elastic Load Balancing",
  "application-autoscaling": "Application Auto Scaling",
  monitoring: "Amazon CloudWatch",
};
