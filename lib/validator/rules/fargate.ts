/** Section J: what Fargate demands beyond the task size (which lives in task-size.ts). */
import { valueSpan } from "../engine/context";
import { addMemberFix, replaceValueFix } from "../engine/fixes";
import type { RuleDefinition } from "../engine/rule";

export const fargateNetworkMode: RuleDefinition<"FG-NETWORKMODE"> = {
  id: "FG-NETWORKMODE",
  level: "error",
  stage: "service",
  section: "J",
  source: "[AWS-obs] aws/amazon-ecs-cli#1145, cdk-preflight pf-ecs-fargate-network-mode; cfn-lint E3048",
  docs: { lesson: "L302" },
  awsErrorType: "ClientException",
  check(ctx) {
    const view = ctx.taskDefinition;
    if (!view.object || !view.fargate) return;
    const mode = ctx.field(view.object, "networkMode", "string");
    if (mode.state === "absent") {
      const fix = addMemberFix(ctx.text, ["networkMode"], "awsvpc");
      ctx.report("FG-NETWORKMODE", {}, view.fargateSpan, ["networkMode"], fix && [fix]);
    } else if (mode.state === "ok" && mode.value !== "awsvpc") {
      ctx.report("FG-NETWORKMODE", { networkMode: mode.value }, valueSpan(mode.node), ["networkMode"], [replaceValueFix(mode.node, "awsvpc")]);
    }
  },
};

export const fargateRules = [fargateNetworkMode];
