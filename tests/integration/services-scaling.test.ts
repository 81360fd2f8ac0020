/**
 * Application Auto Scaling for an ECS service end to end with the real AWS CLI (v1), unchanged but for the endpoint
 * (issue 14, acceptance 1's "a target-tracking policy scales 2 → N under SetLoad and back after the load drops"):
 * register-scalable-target, put-scaling-policy (target tracking on ECSServiceAverageCPUUtilization), the load
 * generator (DojoSandbox.SetLoad) raising the service's CPU, the policy's AlarmHigh firing and the desired count
 * following into ECS, the load dropping and the scale-in after the low alarm's 15 minutes — with AWS's exact error
 * lines, refused calls changing nothing, two learners who never see each other's targets, and byte-identical outputs
 * for the same calls at the same clock steps.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSandboxState } from "@/lib/sandbox/engine";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { requireAwsCli } from "./support/aws-cli";
import { ok, jsonFile } from "./support/cli-results";
import { expectAwsError } from "./support/aws-errors";
import { cliAs, dojoCall, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const REGION = "ap-northeast-1";
const execFileAsync = promisify(execFile);
const KEYS = ["--service-namespace", "ecs", "--scalable-dimension", "ecs:service:DesiredCount", "--resource-id", "service/shop/web"];
// On a minute boundary, so that the load starts with a CloudWatch minute (alarms count whole minutes) whatever the
// wall clock's second is: the clock steps below then cross the same boundaries on every run.
const START_MS = Math.floor(Date.now() / 60_000) * 60_000;

let endpoint: GatewayEndpoint;
let twin: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

const file = (name: string, content: unknown) => jsonFile(workDir, name, content);

const advance = async (on: GatewayEndpoint, learner: GatewayLearner, seconds: number) => {
  const answer = await dojoCall(on, learner, "AdvanceClock", { seconds }, REGION);
  expect(answer.status).toBe(200);
};

const setLoad = async (on: GatewayEndpoint, learner: GatewayLearner, requestsPerSecond: number) => {
  const answer = await dojoCall(on, learner, "SetLoad", { cluster: "shop", service: "web", requestsPerSecond }, REGION);
  expect(answer.status).toBe(200);
  return answer.json;
};

/** A cluster `shop` with a service `web` of two Fargate cpuburn tasks (256 CPU units, 20 CPU-ms per request), running. */
async function cpuburnService(on: GatewayEndpoint, learner: GatewayLearner) {
  const cli = cliAs(on, learner, workDir);
  const net = sandboxNetwork(createSandboxState(learner.accountId, REGION));
  await ok(cli("ecs", ["create-cluster", "--cluster-name", "shop"]));
  const definition = await file(`cpuburn-${learner.accountId}.json`, {
    family: "web",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    containerDefinitions: [{ name: "web", image: "sbx/cpuburn:1", essential: true, portMappings: [{ containerPort: 80 }] }],
  });
  await ok(cli("ecs", ["register-task-definition", "--cli-input-json", definition]));
  const network = `awsvpcConfiguration={subnets=[${net.publicSubnetIds.join(",")}],securityGroups=[${net.securityGroupIds.app}],assignPublicIp=ENABLED}`;
  await ok(
    cli("ecs", ["create-service", "--cluster", "shop", "--service-name", "web", "--task-definition", "web", "--desired-count", "2", "--launch-type", "FARGATE", "--network-configuration", network]),
  );
  await advance(on, learner, 120);
  return cli;
}

const policyFile = () =>
  file("cpu50.json", { TargetValue: 50.0, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" }, ScaleOutCooldown: 300, ScaleInCooldown: 300 });

const serviceCounts = async (cli: ReturnType<typeof cliAs>) => {
  const service = (await ok(cli("ecs", ["describe-services", "--cluster", "shop", "--services", "web"]))).services[0];
  return { desired: service.desiredCount as number, running: service.runningCount as number };
};

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-scaling-cli-"));
  endpoint = await startGatewayEndpoint({ startMs: START_MS });
  twin = await startGatewayEndpoint({ startMs: START_MS });
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  await twin?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The whole flow; returns what the describe calls answered at each step (for the determinism check). */
async function scaleOutAndIn(on: GatewayEndpoint, learner: GatewayLearner) {
  const cli = await cpuburnService(on, learner);
  const outputs: unknown[] = [];
  const target = await ok(cli("application-autoscaling", ["register-scalable-target", ...KEYS, "--min-capacity", "2", "--max-capacity", "10"]));
  expect(target.ScalableTargetARN).toMatch(new RegExp(`^arn:aws:application-autoscaling:${REGION}:${learner.accountId}:scalable-target/[0-9a-f]{36}$`));
  const policy = await ok(
    cli("application-autoscaling", ["put-scaling-policy", ...KEYS, "--policy-name", "cpu50", "--policy-type", "TargetTrackingScaling", "--target-tracking-scaling-policy-configuration", await policyFile()]),
  );
  expect(policy.PolicyARN).toMatch(new RegExp(`^arn:aws:autoscaling:${REGION}:${learner.accountId}:scalingPolicy:[0-9a-f-]{36}:resource/ecs/service/shop/web:policyName/cpu50$`));
  const [high, low] = policy.Alarms as { AlarmName: string; AlarmARN: string }[];
  expect(high.AlarmName).toMatch(/^TargetTracking-service\/shop\/web-AlarmHigh-[0-9a-f-]{36}$/);
  expect(low.AlarmName).toMatch(/^TargetTracking-service\/shop\/web-AlarmLow-[0-9a-f-]{36}$/);
  expect(high.AlarmARN).toBe(`arn:aws:cloudwatch:${REGION}:${learner.accountId}:alarm:${high.AlarmName}`);
  outputs.push(await ok(cli("application-autoscaling", ["describe-scaling-policies", "--service-namespace", "ecs"])));

  // 20 requests/s over two tasks: 80.5 % CPU against a 50 % target; AlarmHigh needs three breaching minutes.
  await setLoad(on, learner, 20);
  await advance(on, learner, 120);
  expect((await serviceCounts(cli)).desired).toBe(2);
  await advance(on, learner, 120);
  expect((await serviceCounts(cli)).desired).toBe(4);
  const activities = (await ok(cli("application-autoscaling", ["describe-scaling-activities", "--service-namespace", "ecs", "--resource-id", "service/shop/web"]))).ScalingActivities;
  expect(activities).toEqual([
    {
      ActivityId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ServiceNamespace: "ecs",
      ResourceId: "service/shop/web",
      ScalableDimension: "ecs:service:DesiredCount",
      Description: "Setting desired count to 4.",
      Cause: `monitor alarm ${high.AlarmName} in state ALARM triggered policy cpu50`,
      // The AWS CLI v1 prints a JSON protocol's timestamps as the wire's epoch seconds.
      StartTime: expect.any(Number),
      EndTime: expect.any(Number),
      StatusCode: "Successful",
      StatusMessage: "Successfully set desired count to 4. Change successfully fulfilled by ecs.",
    },
  ]);
  outputs.push(activities);
  // CloudWatch shows the policy's alarm in ALARM, with AWS's StateReason, and the CPU it saw.
  const [alarm] = (await ok(cli("cloudwatch", ["describe-alarms", "--alarm-names", high.AlarmName]))).MetricAlarms;
  expect(alarm).toMatchObject({ StateValue: "ALARM", Threshold: 50, EvaluationPeriods: 3, ComparisonOperator: "GreaterThanThreshold", AlarmActions: [policy.PolicyARN] });
  expect(alarm.StateReason).toMatch(
    /^Threshold Crossed: 3 out of the last 3 datapoints \[80\.5 \(\d\d\/\d\d\/\d\d \d\d:\d\d:00\), 80\.5 \(.+\), 80\.5 \(.+\)\] were greater than the threshold \(50\.0\) \(minimum 3 datapoints for OK -> ALARM transition\)\.$/,
  );
  const end = Math.floor(alarm.StateUpdatedTimestamp / 60) * 60;
  const cpu = await ok(
    cli("cloudwatch", [
      "get-metric-statistics", "--namespace", "AWS/ECS", "--metric-name", "CPUUtilization", "--dimensions", "Name=ClusterName,Value=shop", "Name=ServiceName,Value=web",
      "--start-time", String(end - 180), "--end-time", String(end), "--period", "60", "--statistics", "Average",
    ]),
  );
  expect(cpu.Datapoints.map((d: { Average: number; Unit: string }) => [d.Average, d.Unit])).toEqual([[80.5, "Percent"], [80.5, "Percent"], [80.5, "Percent"]]);
  outputs.push(alarm, cpu);
  await advance(on, learner, 120);
  expect(await serviceCounts(cli)).toEqual({ desired: 4, running: 4 });

  // The load drops; after AlarmLow's 15 minutes (and the cooldowns) the service goes back to its minimum.
  await setLoad(on, learner, 0);
  await advance(on, learner, 16 * 60);
  expect((await serviceCounts(cli)).desired).toBe(2);
  const [scaleIn] = (await ok(cli("application-autoscaling", ["describe-scaling-activities", "--service-namespace", "ecs"]))).ScalingActivities;
  expect(scaleIn).toMatchObject({ Description: "Setting desired count to 2.", Cause: `monitor alarm ${low.AlarmName} in state ALARM triggered policy cpu50` });
  await advance(on, learner, 120);
  expect(await serviceCounts(cli)).toEqual({ desired: 2, running: 2 });
  outputs.push(await ok(cli("application-autoscaling", ["describe-scaling-activities", "--service-namespace", "ecs"])));
  outputs.push(await ok(cli("application-autoscaling", ["describe-scalable-targets", "--service-namespace", "ecs"])));
  return outputs;
}

describe("target tracking scales an ECS service 2 → N and back", () => {
  test("register-scalable-target, put-scaling-policy, SetLoad: scale-out, then scale-in after the load drops", async () => {
    const first = await scaleOutAndIn(endpoint, alice);
    // Determinism: the same calls at the same clock steps, on another gateway from the same start, answer the same bytes.
    const again = await scaleOutAndIn(twin, twin.newLearner());
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  }, 120_000);

  test("two learners never see each other's scalable targets", async () => {
    const cli = cliAs(endpoint, bob, workDir);
    expect(await ok(cli("application-autoscaling", ["describe-scalable-targets", "--service-namespace", "ecs"]))).toEqual({ ScalableTargets: [] });
    expect(await ok(cli("application-autoscaling", ["describe-scaling-activities", "--service-namespace", "ecs"]))).toEqual({ ScalingActivities: [] });
  });
});

describe("boto3 speaks CloudWatch in Smithy RPC v2 CBOR", () => {
  test("describe_alarms and an error through botocore's own CBOR serializer and parser", async () => {
    const dave = endpoint.newLearner();
    const cli = await cpuburnService(endpoint, dave);
    await ok(cli("cloudwatch", ["put-metric-alarm", "--alarm-name", "cpu", "--namespace", "AWS/ECS", "--metric-name", "CPUUtilization", "--dimensions", "Name=ClusterName,Value=shop", "Name=ServiceName,Value=web", "--statistic", "Average", "--period", "60", "--evaluation-periods", "1", "--threshold", "50", "--comparison-operator", "GreaterThanThreshold"]));
    await advance(endpoint, dave, 60);
    const script = [
      "import boto3, json",
      `c = boto3.client("cloudwatch", region_name="${REGION}", endpoint_url="${endpoint.url}", aws_access_key_id="${dave.accessKeyId}", aws_secret_access_key="${dave.secretAccessKey}")`,
      "a = c.describe_alarms(AlarmNames=['cpu'])['MetricAlarms'][0]",
      "print(json.dumps([c.meta.service_model.protocol, a['StateValue'], a['StateReason'], a['Threshold'], a['StateUpdatedTimestamp'].isoformat()]))",
      "try:\n    c.delete_alarms(AlarmNames=['nope'])\nexcept c.exceptions.ResourceNotFound as e:\n    print(json.dumps([e.response['Error']['Code'], e.response['Error']['Message']]))",
    ].join("\n");
    const { stdout } = await execFileAsync("python3", ["-c", script]);
    const [answer, error] = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(answer).toEqual([
      "smithy-rpc-v2-cbor",
      "OK",
      expect.stringMatching(/^Threshold Crossed: 1 out of the last 1 datapoints \[0\.5 \(.+\)\] was not greater than the threshold \(50\.0\) \(minimum 1 datapoint for ALARM -> OK transition\)\.$/),
      50,
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+00:00$/),
    ]);
    expect(error).toEqual(["ResourceNotFound", "Alarm(s) not found: nope"]);
  }, 60_000);
});

describe("errors, exactly as AWS words them", () => {
  test("no scalable target, no such service, no such policy; a refused call changes nothing", async () => {
    const carol = endpoint.newLearner();
    const cli = await cpuburnService(endpoint, carol);
    expectAwsError(
      await cli("application-autoscaling", ["put-scaling-policy", ...KEYS, "--policy-name", "cpu50", "--policy-type", "TargetTrackingScaling", "--target-tracking-scaling-policy-configuration", await policyFile()]),
      "PutScalingPolicy",
      "ObjectNotFoundException",
      "No scalable target registered for service namespace: ecs, resource ID: service/shop/web, scalable dimension: ecs:service:DesiredCount",
    );
    expectAwsError(
      await cli("application-autoscaling", ["register-scalable-target", "--service-namespace", "ecs", "--scalable-dimension", "ecs:service:DesiredCount", "--resource-id", "service/shop/nope", "--min-capacity", "1", "--max-capacity", "3"]),
      "RegisterScalableTarget",
      "ValidationException",
      "ECS service doesn't exist: service/shop/nope",
    );
    await ok(cli("application-autoscaling", ["register-scalable-target", ...KEYS, "--min-capacity", "1", "--max-capacity", "3"]));
    const before = await ok(cli("application-autoscaling", ["describe-scalable-targets", "--service-namespace", "ecs"]));
    expectAwsError(
      await cli("application-autoscaling", ["delete-scaling-policy", ...KEYS, "--policy-name", "cpu50"]),
      "DeleteScalingPolicy",
      "ObjectNotFoundException",
      "No scaling policy found for service namespace: ecs, resource ID: service/shop/web, scalable dimension: ecs:service:DesiredCount, policy name: cpu50",
    );
    expect(await ok(cli("application-autoscaling", ["describe-scalable-targets", "--service-namespace", "ecs"]))).toEqual(before);
    expect((await serviceCounts(cli)).desired).toBe(2);
    // CloudWatch (AWS JSON 1.0, query-compatible: the CLI shows the query API's error codes).
    expectAwsError(await cli("cloudwatch", ["delete-alarms", "--alarm-names", "nope"]), "DeleteAlarms", "ResourceNotFound", "Alarm(s) not found: nope");
    expectAwsError(
      await cli("cloudwatch", ["put-metric-alarm", "--alarm-name", "odd", "--namespace", "AWS/ECS", "--metric-name", "CPUUtilization", "--statistic", "Average", "--period", "45", "--evaluation-periods", "2", "--threshold", "50", "--comparison-operator", "GreaterThanThreshold"]),
      "PutMetricAlarm",
      "InvalidParameterValue",
      "The parameter Period must be 10, 20, 30 or a multiple of 60.",
    );
    expectAwsError(
      await cli("cloudwatch", ["get-metric-statistics", "--namespace", "AWS/ECS", "--metric-name", "CPUUtilization", "--start-time", "2026-01-01T00:00:00Z", "--end-time", "2026-01-03T00:00:00Z", "--period", "60", "--statistics", "Average"]),
      "GetMetricStatistics",
      "InvalidParameterCombination",
      "You have requested up to 2,880 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
    );
    expect((await ok(cli("cloudwatch", ["describe-alarms"]))).MetricAlarms).toEqual([]);
  }, 60_000);
});

describe("a cron scheduled action in the learner's time zone (L702's morning rush)", () => {
  test("put-scheduled-action with cron(…) and --timezone Asia/Tokyo raises the minimum at that Tokyo minute; a bad expression is refused", async () => {
    const dave = endpoint.newLearner();
    const cli = await cpuburnService(endpoint, dave);
    await ok(cli("application-autoscaling", ["register-scalable-target", ...KEYS, "--min-capacity", "2", "--max-capacity", "10"]));
    // Ten minutes after the sandbox's clock now (the service's two minutes have passed), as Tokyo's wall clock reads it.
    const fireMs = START_MS + 12 * 60_000;
    const tokyo = new Date(fireMs + 9 * 3600_000);
    const schedule = `cron(${tokyo.getUTCMinutes()} ${tokyo.getUTCHours()} ? * * *)`;
    await ok(cli("application-autoscaling", ["put-scheduled-action", ...KEYS, "--scheduled-action-name", "rush", "--schedule", schedule, "--timezone", "Asia/Tokyo", "--scalable-target-action", "MinCapacity=6"]));
    const [action] = (await ok(cli("application-autoscaling", ["describe-scheduled-actions", "--service-namespace", "ecs"]))).ScheduledActions;
    expect(action).toMatchObject({ ScheduledActionName: "rush", Schedule: schedule, Timezone: "Asia/Tokyo", ScalableTargetAction: { MinCapacity: 6 } });
    await advance(endpoint, dave, 9 * 60);
    expect((await serviceCounts(cli)).desired).toBe(2);
    await advance(endpoint, dave, 60);
    expect((await serviceCounts(cli)).desired).toBe(6);
    const [activity] = (await ok(cli("application-autoscaling", ["describe-scaling-activities", "--service-namespace", "ecs"]))).ScalingActivities;
    expect(activity).toMatchObject({ Description: "Setting desired count to 6.", Cause: "scheduled action name rush was triggered", StatusCode: "Successful" });

    // Both day fields given (the `?` forgotten): AWS's own, misleading, text (application-autoscaling/cron.ts).
    expectAwsError(
      await cli("application-autoscaling", ["put-scheduled-action", ...KEYS, "--scheduled-action-name", "weekdays", "--schedule", "cron(0 16 * * MON-FRI *)", "--scalable-target-action", "MinCapacity=1"]),
      "PutScheduledAction",
      "ValidationException",
      "Invalid schedule expression. Details: Invalid CRON expression: error at position 0, details: Invalid Month value: 'MON'",
    );
    expect((await ok(cli("application-autoscaling", ["describe-scheduled-actions", "--service-namespace", "ecs"]))).ScheduledActions.map((a: { ScheduledActionName: string }) => a.ScheduledActionName)).toEqual(["rush"]);
  }, 60_000);
});
