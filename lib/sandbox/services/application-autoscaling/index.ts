/**
 * Application Auto Scaling (AWS JSON 1.1, signing name `application-autoscaling`) for ECS services: scalable targets,
 * target tracking and step scaling policies whose CloudWatch alarms (../cloudwatch/alarms.ts) invoke them on the
 * simulated clock, and the scaling activities that change the service's desiredCount (which the ECS scheduler then
 * follows). Regional. ServiceNamespace `ecs` only.
 *
 * | Module         | Operations                                                                  |
 * |----------------|-----------------------------------------------------------------------------|
 * | targets.ts     | RegisterScalableTarget, DescribeScalableTargets, DeregisterScalableTarget   |
 * | policies.ts    | PutScalingPolicy, DescribeScalingPolicies, DeleteScalingPolicy              |
 * | activities.ts  | DescribeScalingActivities                                                   |
 * | scheduled.ts   | PutScheduledAction, DescribeScheduledActions, DeleteScheduledAction         |
 *
 * common.ts holds the errors, limits, ARNs and setDesiredCount (the one way a change reaches ECS).
 */
import type { ServiceProvider } from "../provider";
import { activityOperations } from "./activities";
import { policyOperations } from "./policies";
import { scheduledOperations } from "./scheduled";
import { targetOperations } from "./targets";

export const applicationAutoScalingProvider: ServiceProvider = {
  service: "application-autoscaling",
  global: false,
  operations: {
    ...targetOperations,
    ...policyOperations,
    ...activityOperations,
    ...scheduledOperations,
  },
};
