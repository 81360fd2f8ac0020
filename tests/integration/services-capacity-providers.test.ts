/**
 * Lesson L702's "morning rush on EC2" end to end with the real AWS CLI, unchanged but for the endpoint: an Auto
 * Scaling group capacity provider with managed scaling (the group itself made with DojoSandbox.CreateAutoScalingGroup,
 * signed as the SDK signs: the sandbox has no Auto Scaling API), a service whose tasks wait in PROVISIONING until the
 * group has grown, CapacityProviderReservation in CloudWatch, and AWS's texts for the provider's refusals.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireAwsCli } from "./support/aws-cli";
import { ok } from "./support/cli-results";
import { expectAwsError } from "./support/aws-errors";
import { cliAs, dojoCall, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";
const START_MS = Math.floor(Date.now() / 60_000) * 60_000;

let endpoint: GatewayEndpoint;
let workDir: string;

const dojo = async (learner: GatewayLearner, operation: string, input: object) => {
  const answer = await dojoCall(endpoint, learner, operation, input, REGION);
  expect(answer.status).toBe(200);
  return answer.json;
};

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-cp-cli-"));
  endpoint = await startGatewayEndpoint({ startMs: START_MS });
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("capacity providers with managed scaling, through the AWS CLI", () => {
  test("tasks wait in PROVISIONING, the group grows, the tasks run; the reservation is in CloudWatch", async () => {
    const learner = endpoint.newLearner();
    const cli = cliAs(endpoint, learner, workDir);
    await ok(cli("ecs", ["create-cluster", "--cluster-name", "shop"]));
    const { autoScalingGroupArn } = (await dojo(learner, "CreateAutoScalingGroup", { name: "shop-asg", instanceType: "t3.medium", min: 0, max: 4, desired: 0, cluster: "shop" })) as {
      autoScalingGroupArn: string;
    };
    const created = await ok(
      cli("ecs", [
        "create-capacity-provider", "--name", "shop-cp", "--auto-scaling-group-provider",
        `autoScalingGroupArn=${autoScalingGroupArn},managedScaling={status=ENABLED,targetCapacity=100,instanceWarmupPeriod=60},managedTerminationProtection=ENABLED`,
      ]),
    );
    expect(created.capacityProvider).toMatchObject({
      name: "shop-cp",
      status: "ACTIVE",
      type: "EC2_AUTOSCALING",
      autoScalingGroupProvider: { managedScaling: { status: "ENABLED", targetCapacity: 100, instanceWarmupPeriod: 60 }, managedTerminationProtection: "ENABLED" },
    });
    expectAwsError(
      await cli("ecs", ["create-capacity-provider", "--name", "shop-cp", "--auto-scaling-group-provider", `autoScalingGroupArn=${autoScalingGroupArn}`]),
      "CreateCapacityProvider",
      "ClientException",
      "The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.",
    );
    const cluster = await ok(
      cli("ecs", ["put-cluster-capacity-providers", "--cluster", "shop", "--capacity-providers", "shop-cp", "--default-capacity-provider-strategy", "capacityProvider=shop-cp,weight=1"]),
    );
    expect(cluster.cluster.capacityProviders).toEqual(["shop-cp"]);

    const definition = path.join(workDir, `api-${learner.accountId}.json`);
    await writeFile(definition, JSON.stringify({ family: "api", containerDefinitions: [{ name: "api", image: "sbx/web:1.0", cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 0 }] }] }));
    await ok(cli("ecs", ["register-task-definition", "--cli-input-json", `file://${definition}`]));
    await ok(cli("ecs", ["create-service", "--cluster", "shop", "--service-name", "api", "--task-definition", "api", "--desired-count", "10"]));

    const taskStatuses = async () => {
      const arns = (await ok(cli("ecs", ["list-tasks", "--cluster", "shop", "--service-name", "api"]))).taskArns as string[];
      const tasks = (await ok(cli("ecs", ["describe-tasks", "--cluster", "shop", "--tasks", ...arns]))).tasks as { lastStatus: string; capacityProviderName: string }[];
      return tasks.map((t) => `${t.lastStatus} ${t.capacityProviderName}`);
    };
    expect(await taskStatuses()).toEqual(Array(10).fill("PROVISIONING shop-cp"));

    await dojo(learner, "AdvanceClock", { seconds: 60 });
    const group = ((await dojo(learner, "DescribeAutoScalingGroups", { names: ["shop-asg"] })).autoScalingGroups as { DesiredCapacity: number; Activities: { StartTime: number; Description: string }[] }[])[0];
    expect(group.DesiredCapacity).toBe(2);
    expect(group.Activities.map((a) => a.Description.replace(/i-[0-9a-f]{17}/, "i-X"))).toEqual(
      Array(2).fill("Launching a new EC2 instance: i-X. Cause: a target tracking policy (ECS managed scaling of capacity provider shop-cp) raised the capacity to 2."),
    );
    // Managed scaling's first minute, when it launched them.
    const firstMinute = group.Activities[0].StartTime * 1000;

    await dojo(learner, "AdvanceClock", { seconds: 240 });
    expect(await taskStatuses()).toEqual(Array(10).fill("RUNNING shop-cp"));
    const service = (await ok(cli("ecs", ["describe-services", "--cluster", "shop", "--services", "api"]))).services[0];
    expect([service.runningCount, service.pendingCount]).toEqual([10, 0]);
    expect((await ok(cli("ecs", ["describe-clusters", "--clusters", "shop"]))).clusters[0].registeredContainerInstancesCount).toBe(2);

    const start = new Date(firstMinute);
    const end = new Date(firstMinute + 4 * 60_000);
    const stats = await ok(
      cli("cloudwatch", [
        "get-metric-statistics", "--namespace", "AWS/ECS/ManagedScaling", "--metric-name", "CapacityProviderReservation",
        "--dimensions", "Name=ClusterName,Value=shop", "Name=CapacityProviderName,Value=shop-cp",
        "--start-time", start.toISOString(), "--end-time", end.toISOString(), "--period", "60", "--statistics", "Maximum",
      ]),
    );
    const values = (stats.Datapoints as { Timestamp: string; Maximum: number; Unit: string }[]).sort((a, b) => Date.parse(a.Timestamp) - Date.parse(b.Timestamp));
    // 200 % while nothing could run (N = 0), then 100 % with both instances in use.
    expect(values.map((v) => [v.Maximum, v.Unit])).toEqual([[200, "Percent"], [100, "Percent"], [100, "Percent"], [100, "Percent"]]);

    const refused = await ok(cli("ecs", ["delete-capacity-provider", "--capacity-provider", "shop-cp"]));
    expect(refused.capacityProvider).toMatchObject({
      status: "ACTIVE",
      updateStatus: "DELETE_FAILED",
      updateStatusReason: "The capacity provider cannot be deleted because it is associated with cluster: shop. Remove the capacity provider from the cluster and try again.",
    });
    const providers = await ok(cli("ecs", ["describe-capacity-providers"]));
    expect((providers.capacityProviders as { name: string }[]).map((p) => p.name)).toEqual(["FARGATE", "FARGATE_SPOT", "shop-cp"]);
  }, 120_000);
});
