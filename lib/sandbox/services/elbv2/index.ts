/**
 * Elastic Load Balancing v2 (AWS query protocol, signing name `elasticloadbalancing`): application and network load
 * balancers in the sandbox's VPC, their listeners and rules, target groups and targets whose health moves on the
 * simulated clock. Regional. Every operation scripts/generate-aws-models.py lists for elbv2 is answered here.
 *
 * | Module             | Operations                                                                                 |
 * |--------------------|--------------------------------------------------------------------------------------------|
 * | load-balancers.ts  | CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer,                              |
 * |                    | DescribeLoadBalancerAttributes, ModifyLoadBalancerAttributes                                |
 * | target-groups.ts   | CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup,              |
 * |                    | DescribeTargetGroupAttributes, ModifyTargetGroupAttributes                                  |
 * | listeners.ts       | CreateListener, DescribeListeners, ModifyListener, DeleteListener, CreateRule, DescribeRules,|
 * |                    | ModifyRule, DeleteRule, SetRulePriorities                                                   |
 * | targets.ts         | RegisterTargets, DeregisterTargets, DescribeTargetHealth                                    |
 * | tags.ts            | AddTags, RemoveTags, DescribeTags                                                           |
 *
 * health.ts is the targets' health on the simulated clock, probe.ts what their checks find (the ECS tasks behind
 * them). For ECS: ecs.ts (targetGroupForService, registerTaskTargets, deregisterTaskTargets, targetHealthOf,
 * taskEndpointsChanged).
 */
import type { ServiceProvider } from "../provider";
import { listenerOperations } from "./listeners";
import { loadBalancerOperations } from "./load-balancers";
import { tagOperations } from "./tags";
import { targetGroupOperations } from "./target-groups";
import { targetOperations } from "./targets";

export const elbv2Provider: ServiceProvider = {
  service: "elasticloadbalancing",
  global: false,
  operations: {
    ...loadBalancerOperations,
    ...targetGroupOperations,
    ...listenerOperations,
    ...targetOperations,
    ...tagOperations,
  },
};

export type { ElbLoadBalancerRecord, ElbTargetGroupRecord, ElbTargetRecord, TargetHealthState } from "./state";
