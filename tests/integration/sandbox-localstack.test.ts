/**
 * The `localstack` backend on the real app, with moto_server as the AWS-compatible endpoint: learners' calls are
 * verified by the gateway, re-signed and forwarded, each into the learner's own moto account; moto's answers and
 * errors reach the SDK in AWS's shape; a call the gateway refuses never reaches moto.
 */
import {
  CreateClusterCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { startMoto, motoEcs, type MotoServer } from "../support/moto-server";
import { SiteClient } from "../support/site-client";
import { signRequest } from "../unit/sandbox/support/sign";
import { failure } from "./support/aws-errors";

let moto: MotoServer;
let app: AppServer;
let alice: { accessKeyId: string; secretAccessKey: string };
let bob: { accessKeyId: string; secretAccessKey: string };

function ecs(keys: { accessKeyId: string; secretAccessKey: string }): ECSClient {
  return new ECSClient({ endpoint: `${app.url}/aws`, region: "ap-northeast-1", credentials: keys, maxAttempts: 1 });
}

const accountOf = (arn: string) => arn.split(":")[4];

beforeAll(async () => {
  moto = await startMoto();
  app = await startApp({ env: { DOJO_SANDBOX_BACKEND: "localstack", DOJO_LOCALSTACK_ENDPOINT: moto.url } });
  alice = await new SiteClient(app.url).credentials();
  bob = await new SiteClient(app.url).credentials();
});

afterAll(async () => {
  await app?.stop();
  await moto?.stop();
});

describe("DOJO_SANDBOX_BACKEND=localstack against moto_server", () => {
  let aliceAccount: string;

  test("a learner's cluster is created in moto, in an account of the learner's own", async () => {
    const { cluster } = await ecs(alice).send(new CreateClusterCommand({ clusterName: "dojo" }));
    aliceAccount = accountOf(cluster!.clusterArn!);
    expect(aliceAccount).toMatch(/^\d{12}$/);
    expect(aliceAccount).not.toBe("123456789012"); // moto's default account: the learner did not land there

    const inMoto = await motoEcs(moto.url, aliceAccount).send(new ListClustersCommand({}));
    expect(inMoto.clusterArns).toEqual([cluster!.clusterArn]);
    expect((await motoEcs(moto.url).send(new ListClustersCommand({}))).clusterArns).toEqual([]);
  });

  test("another learner sees none of it and gets an account of their own", async () => {
    expect((await ecs(bob).send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    const { cluster } = await ecs(bob).send(new CreateClusterCommand({ clusterName: "dojo" }));
    expect(accountOf(cluster!.clusterArn!)).not.toBe(aliceAccount);
    expect((await ecs(alice).send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
  });

  test("moto's AWS errors reach the SDK with their type, message and HTTP 400", async () => {
    const error = await failure(ecs(alice).send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope" })));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual(["ClientException", "Unable to describe task definition.", 400]);
  });

  test("moto's own crash (EC2 RunTask with no container instances) becomes an AWS-shaped ServerException", async () => {
    await ecs(alice).send(
      new RegisterTaskDefinitionCommand({ family: "batch", containerDefinitions: [{ name: "job", image: "busybox", memory: 128 }] }),
    );
    // AWS answers InvalidParameterException "No Container Instances were found in your cluster."; moto 5.2 crashes
    // with an HTML 500 page, which the learner must never see as HTML.
    const error = await failure(ecs(alice).send(new RunTaskCommand({ cluster: "dojo", taskDefinition: "batch", launchType: "EC2" })));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      "ServerException",
      "The sandbox backend failed on RunTask (HTTP 500).",
      500,
    ]);
  });

  test("an error type moto names with a dot (EC2's InvalidSubnetID.NotFound) passes through unchanged", async () => {
    await ecs(alice).send(
      new RegisterTaskDefinitionCommand({
        family: "web",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        cpu: "256",
        memory: "512",
        containerDefinitions: [{ name: "web", image: "nginx", memory: 512 }],
      }),
    );
    const run = new RunTaskCommand({
      cluster: "dojo",
      taskDefinition: "web",
      launchType: "FARGATE",
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"] } },
    });
    const error = await failure(ecs(alice).send(run));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      "InvalidSubnetID.NotFound",
      "The subnet ID 'subnet-0a1b2c3d' does not exist",
      400,
    ]);
  });

  test("a call with a wrong secret is refused by the gateway and never reaches moto", async () => {
    const forged = ecs({ accessKeyId: alice.accessKeyId, secretAccessKey: "0".repeat(40) });
    const error = await failure(forged.send(new CreateClusterCommand({ clusterName: "forged" })));
    expect(error.name).toBe("InvalidSignatureException");
    const inMoto = await motoEcs(moto.url, aliceAccount).send(new ListClustersCommand({}));
    expect(inMoto.clusterArns?.map((arn) => arn.split("/").pop())).toEqual(["dojo"]);
  });

  test("the simulation's own operations are refused: moto has no simulated clock", async () => {
    const url = new URL(`${app.url}/aws`);
    const request = await signRequest({ host: url.host, path: "/aws", target: "DojoSandbox.AdvanceClock", body: '{"seconds":60}', ...alice });
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "host"));
    const response = await fetch(url, { method: "POST", headers, body: request.body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: "UnsupportedFeatureException",
      message: "DojoSandbox.AdvanceClock exists only on the embedded sandbox backend.",
    });
  });
});
