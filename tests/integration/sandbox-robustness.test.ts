/**
 * The real app's /aws endpoint under more than ten thousand bad requests on loopback: malformed, oversized, unsigned,
 * wrongly signed, replayed, tampered with, and sent out of order. Every one must get an AWS-shaped 4xx (`__type` and
 * `message`, support/error-shapes.ts), the server must stay up, and no learner's sandbox may change: a victim's and an
 * attacker's state are read through the API before and after and must be identical. services-robustness.test.ts does
 * the same for the other services and their protocols.
 *
 * The requests are generated from a fixed seed, so a failure names a request that can be sent again.
 */
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type NetworkConfiguration,
  type RegisterTaskDefinitionCommandInput,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AWSVPC, FARGATE_TD } from "../unit/sandbox/support/engine";
import { startEndpoint, type LearnerCredentials, type SandboxEndpoint } from "./support/endpoint";
import { errorAnswerProblem } from "./support/error-shapes";
import { seeded, sendAll, signedHeaders, type FuzzRequest, type Random } from "./support/fuzz";

const ECS = "AmazonEC2ContainerServiceV20141113";
const TOTAL = 10_400;
const CONCURRENCY = 16;
const OVERSIZED_EVERY = 400; // 26 bodies of 1.1 MiB: enough to prove the limit, little enough for loopback
const ONE_MIB = 1024 * 1024;

let endpoint: SandboxEndpoint;
let host: string;
let victimTaskArn: string;

interface BadRequest extends FuzzRequest {
  /** The one __type AWS would answer, when the kind of fault decides it. */
  expectedType?: string;
}

const MUTATING_TARGETS = ["CreateCluster", "RegisterTaskDefinition", "RunTask", "StopTask", "DeleteCluster", "DeregisterTaskDefinition"];
const READ_TARGETS = ["ListClusters", "DescribeClusters", "ListTasks", "DescribeTasks", "DescribeTaskDefinition"];

/** Members each operation reads, with their type in the ECS model. */
const READ_MEMBERS: ReadonlyArray<[string, string, "string" | "list" | "integer" | "object"]> = [
  ["CreateCluster", "clusterName", "string"],
  ["RegisterTaskDefinition", "family", "string"],
  ["RegisterTaskDefinition", "containerDefinitions", "list"],
  ["RunTask", "cluster", "string"],
  ["RunTask", "taskDefinition", "string"],
  ["RunTask", "count", "integer"],
  ["RunTask", "networkConfiguration", "object"],
  ["StopTask", "task", "string"],
  ["DescribeClusters", "clusters", "list"],
  ["ListTasks", "cluster", "string"],
  ["DescribeTasks", "tasks", "list"],
  ["DescribeTaskDefinition", "taskDefinition", "string"],
];
const WRONG_VALUES = {
  string: [123, true, [], {}, 1e308],
  list: [123, true, "text", {}],
  integer: ["10", true, [], {}],
  object: [123, "text", true, []],
};

/** Bodies that would change the victim's sandbox if they were ever applied. */
function harmfulBody(random: Random): { target: string; body: string } {
  const target = random.pick(MUTATING_TARGETS);
  const bodies: Record<string, unknown> = {
    CreateCluster: { clusterName: `evil-${random.int(1000)}` },
    RegisterTaskDefinition: { ...FARGATE_TD, family: `evil-${random.int(1000)}` },
    RunTask: { cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC, count: 10 },
    StopTask: { cluster: "dojo", task: victimTaskArn, reason: "evil" },
    DeleteCluster: { cluster: "dojo" },
    DeregisterTaskDefinition: { taskDefinition: "web:1" },
  };
  return { target: `${ECS}.${target}`, body: JSON.stringify(bodies[target]) };
}

const baseHeaders = (target: string) => ({ "content-type": "application/x-amz-json-1.1", "x-amz-target": target });

function signed(target: string, body: string, keys: LearnerCredentials, signingDate?: Date): Promise<Record<string, string>> {
  return signedHeaders({ host, path: "/aws", target, body, ...keys, signingDate });
}

/** The n-th bad request. */
async function badRequest(n: number, random: Random): Promise<BadRequest> {
  const victim = endpoint.credentials("victim");
  const attacker = endpoint.credentials("attacker");
  if (n % OVERSIZED_EVERY === 0) {
    const body = `{"clusterName":"${"x".repeat(ONE_MIB + 100 * 1024)}"}`;
    const headers = n % (2 * OVERSIZED_EVERY) === 0 ? await signed(`${ECS}.CreateCluster`, body, victim) : baseHeaders(`${ECS}.CreateCluster`);
    return { kind: "oversized", headers, body, expectedType: "SerializationException" };
  }
  const { target, body } = harmfulBody(random);
  switch (n % 10) {
    case 0:
      return { kind: "unsigned", headers: baseHeaders(target), body, expectedType: "MissingAuthenticationTokenException" };
    case 1: {
      const garbage = random.pick([
        random.text(random.int(200)),
        `AWS4-HMAC-SHA256 ${random.text(40)}`,
        `AWS4-HMAC-SHA256 Credential=${victim.accessKeyId}/20260101/ap-northeast-1/ecs, SignedHeaders=host, Signature=00`,
        `AWS4-HMAC-SHA256 Credential=${victim.accessKeyId}/20260101/ap-northeast-1/s3/aws4_request, SignedHeaders=host, Signature=00`,
        `AWS4-HMAC-SHA256 Credential=${victim.accessKeyId}/20260101/ap-northeast-1/ecs/aws4_request, SignedHeaders=x-amz-date, Signature=00`,
        `AWS4-HMAC-SHA256 Credential=${victim.accessKeyId}/20260101/ap-northeast-1/ecs/aws4_request, SignedHeaders=host;x-amz-date`,
        `AWS4-HMAC-SHA1 Credential=${victim.accessKeyId}/20260101/ap-northeast-1/ecs/aws4_request, SignedHeaders=host, Signature=00`,
      ]);
      const date = random.pick(["20260101T000000Z", "yesterday", "", "2026-01-01T00:00:00Z"]);
      return { kind: "malformed authorization", headers: { ...baseHeaders(target), authorization: garbage, "x-amz-date": date }, body };
    }
    case 2: {
      const wrongSecret = random.text(40).replace(/[^A-Za-z0-9]/g, "A");
      const headers = await signed(target, body, { accessKeyId: victim.accessKeyId, secretAccessKey: wrongSecret });
      return { kind: "wrong secret", headers, body, expectedType: "InvalidSignatureException" };
    }
    case 3: {
      // Signed with the victim's real key for a harmless read, then turned into a harmful call.
      const read = `${ECS}.${random.pick(READ_TARGETS)}`;
      const headers = await signed(read, "{}", victim);
      const tamperTarget = random.int(2) === 0;
      return tamperTarget
        ? { kind: "tampered target", headers: { ...headers, "x-amz-target": target }, body: "{}", expectedType: "InvalidSignatureException" }
        : { kind: "tampered body", headers, body, expectedType: "InvalidSignatureException" };
    }
    case 4: {
      // A harmful call the victim really signed, replayed long after (or dated long before) it was made.
      const skewMinutes = random.pick([-60 * 24, -20, 20, 60 * 24 * 365]);
      const headers = await signed(target, body, victim, new Date(Date.now() + skewMinutes * 60_000));
      return { kind: "expired or future signature", headers, body, expectedType: "InvalidSignatureException" };
    }
    case 5: {
      const headers = await signed(target, body, { accessKeyId: `ADOJ${random.text(16).replace(/[^A-Z2-7]/g, "Q")}`, secretAccessKey: victim.secretAccessKey });
      return { kind: "unknown access key", headers, body, expectedType: "UnrecognizedClientException" };
    }
    case 6: {
      // Correctly signed by the attacker, but not JSON, or JSON that is not an object.
      // "~" first: random text must never happen to be blank or valid JSON.
      const broken = random.pick([`~${random.text(random.int(300))}`, "{", '{"cluster":', "[1,2,3]", "42", '"text"', "{}}", "\u0000"]);
      return { kind: "malformed body", headers: await signed(target, broken, attacker), body: broken };
    }
    case 7: {
      // Correctly signed by the attacker, with a member the operation reads given a value of the wrong type.
      const [op, member, kind] = random.pick(READ_MEMBERS);
      const bodyText = JSON.stringify({ [member]: random.pick(WRONG_VALUES[kind]) });
      return { kind: "wrong member types", headers: await signed(`${ECS}.${op}`, bodyText, attacker), body: bodyText };
    }
    case 8: {
      // Correctly signed by the attacker, but out of order: things that do not exist (yet) in their sandbox.
      const calls: Array<[string, unknown]> = [
        ["RunTask", { cluster: "never-created", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC }],
        ["RunTask", { cluster: "dojo", taskDefinition: `never-registered-${random.int(100)}`, launchType: "FARGATE", networkConfiguration: AWSVPC }],
        ["StopTask", { cluster: "dojo", task: victimTaskArn }],
        ["StopTask", { cluster: "dojo", task: "0123456789abcdef0123456789abcdef" }],
        ["DescribeTaskDefinition", { taskDefinition: `never-registered:${1 + random.int(9)}` }],
        ["ListTasks", { cluster: "never-created" }],
        ["RunTask", { cluster: "dojo", taskDefinition: "web:99", launchType: "FARGATE", networkConfiguration: AWSVPC }],
      ];
      const [op, input] = random.pick(calls);
      const bodyText = JSON.stringify(input);
      return { kind: "out of order", headers: await signed(`${ECS}.${op}`, bodyText, attacker), body: bodyText };
    }
    default: {
      // Correctly signed by the attacker, naming operations that do not exist or the sandbox does not offer.
      const op = random.pick(["", "Nope", `${ECS}.`, `${ECS}.DeleteEverything`, `${ECS}.PutAccountSetting`, "DojoSandbox.AdvanceClock", `Other.${random.text(8)}`]);
      const bodyText = op === "DojoSandbox.AdvanceClock" ? JSON.stringify({ seconds: random.pick([-1, 1e9, "60", null]) }) : "{}";
      return { kind: "unknown operation", headers: await signed(op, bodyText, attacker), body: bodyText };
    }
  }
}

function client(learner: string): ECSClient {
  return new ECSClient({ endpoint: endpoint.url, region: "ap-northeast-1", credentials: endpoint.credentials(learner), maxAttempts: 1 });
}

/** Everything a learner can read about their sandbox, minus the per-request metadata. */
async function snapshot(learner: string): Promise<unknown> {
  const ecs = client(learner);
  const strip = <T extends { $metadata?: unknown }>(output: T) => ({ ...output, $metadata: undefined });
  const clusters = await ecs.send(new ListClustersCommand({}));
  const tasks = await ecs.send(new ListTasksCommand({ cluster: "dojo" }));
  return {
    clusters: strip(clusters),
    described: strip(await ecs.send(new DescribeClustersCommand({ clusters: clusters.clusterArns }))),
    definitions: strip(await ecs.send(new ListTaskDefinitionsCommand({}))),
    web: strip(await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "web:1" }))),
    tasks: strip(tasks),
    stopped: strip(await ecs.send(new ListTasksCommand({ cluster: "dojo", desiredStatus: "STOPPED" }))),
    taskDetails: strip(await ecs.send(new DescribeTasksCommand({ cluster: "dojo", tasks: tasks.taskArns }))),
  };
}

async function setUp(learner: string): Promise<string> {
  const ecs = client(learner);
  await ecs.send(new CreateClusterCommand({ clusterName: "dojo" }));
  await ecs.send(new RegisterTaskDefinitionCommand(FARGATE_TD as RegisterTaskDefinitionCommandInput));
  const networkConfiguration = AWSVPC as NetworkConfiguration;
  const run = await ecs.send(new RunTaskCommand({ cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration }));
  // A running task's description no longer changes with time, so the snapshots can be compared exactly.
  await endpoint.advanceClock(600, learner);
  return run.tasks![0].taskArn!;
}

beforeAll(async () => {
  endpoint = await startEndpoint({ learners: ["victim", "attacker"] });
  host = new URL(endpoint.url).host;
  victimTaskArn = await setUp("victim");
  await setUp("attacker");
});

afterAll(async () => {
  await endpoint?.stop();
});

describe("the /aws endpoint under bad requests", () => {
  test(`${TOTAL} bad requests: each an AWS-shaped 4xx, the server stays up, no sandbox changes`, { timeout: 180_000 }, async () => {
    const before = { victim: await snapshot("victim"), attacker: await snapshot("attacker") };
    const random = seeded(20261122);
    const requests: BadRequest[] = [];
    for (let n = 0; n < TOTAL; n++) requests.push(await badRequest(n, random));

    const { wrong, kinds } = await sendAll({
      url: endpoint.url,
      count: requests.length,
      concurrency: CONCURRENCY,
      make: (n) => requests[n],
      judge: (request, answer) => errorAnswerProblem(answer, "json", { expectedCode: request.expectedType }),
    });

    expect(wrong).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(10_000);
    expect([...kinds.keys()].sort()).toEqual([
      "expired or future signature",
      "malformed authorization",
      "malformed body",
      "out of order",
      "oversized",
      "tampered body",
      "tampered target",
      "unknown access key",
      "unknown operation",
      "unsigned",
      "wrong member types",
      "wrong secret",
    ]);

    // Still up, still answering valid calls, and nobody's sandbox moved.
    expect((await fetch(endpoint.url.replace(/\/aws$/, "/api/health"))).status).toBe(200);
    expect({ victim: await snapshot("victim"), attacker: await snapshot("attacker") }).toEqual(before);
  });
});
