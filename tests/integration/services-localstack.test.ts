/**
 * The `localstack` backend forwards the other services too (issue 10): with moto_server behind the gateway, a
 * learner's Logs, IAM, EC2 and Secrets Manager calls through the real AWS CLI are verified by the gateway, re-signed
 * and answered by moto, each in the learner's own moto account; moto's answers and errors reach the CLI as moto wrote
 * them, in each service's own protocol.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { forwardBackend } from "@/lib/sandbox/backends/forward";
import { startMoto, type MotoServer } from "../support/moto-server";
import { requireAwsCli } from "./support/aws-cli";
import { cliAs, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

let moto: MotoServer;
let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

beforeAll(async () => {
  await requireAwsCli();
  moto = await startMoto();
  endpoint = await startGatewayEndpoint({ backend: forwardBackend({ endpoint: moto.url }) });
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-forward-"));
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
}, 60_000);

afterAll(async () => {
  await endpoint?.stop();
  await moto?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("DOJO_SANDBOX_BACKEND=localstack forwards ECR, Logs, IAM, Secrets Manager, SSM, EC2 and STS to the endpoint", () => {
  test("JSON 1.1 (Logs, Secrets Manager): moto answers, in the learner's own account; another learner sees none of it", async () => {
    const aws = cliAs(endpoint, alice, workDir);
    expect((await aws("logs", ["create-log-group", "--log-group-name", "/ecs/shop"])).code).toBe(0);
    const groups = (await aws("logs", ["describe-log-groups"])).json.logGroups;
    expect(groups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual(["/ecs/shop"]);
    // The group's ARN is in the learner's account at moto: the call was not answered by the sandbox's own Logs.
    expect(groups[0].arn).toContain(`:${alice.accountId}:log-group:/ecs/shop`);
    expect((await cliAs(endpoint, bob, workDir)("logs", ["describe-log-groups"])).json.logGroups).toEqual([]);
    const secret = await aws("secretsmanager", ["create-secret", "--name", "shop/db", "--secret-string", "x"]);
    expect(secret.json.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:ap-northeast-1:${alice.accountId}:secret:shop/db-`));
  });

  test("query protocol (IAM, EC2, STS): moto's XML answers and errors reach the CLI", async () => {
    const aws = cliAs(endpoint, alice, workDir);
    const identity = await aws("sts", ["get-caller-identity"]);
    expect(identity.json.Account).toBe(alice.accountId);
    const missing = await aws("iam", ["get-role", "--role-name", "missing"]);
    expect(missing.code).toBe(255);
    // moto's own wording (AWS says "The role with name missing cannot be found."): moto answered.
    expect(missing.stderr.trim()).toBe("An error occurred (NoSuchEntity) when calling the GetRole operation: Role missing not found");
    expect((await aws("ec2", ["describe-vpcs"])).json.Vpcs.length).toBeGreaterThan(0);
  });

  test("each forwarded call is in the learner's call history, failures with their code", async () => {
    const calls = alice.calls.filter((c) => c.service === "iam");
    expect(calls.at(-1)).toMatchObject({ service: "iam", operation: "GetRole", input: { RoleName: "missing" }, error: { code: "NoSuchEntity", message: "Role missing not found" } });
  });

  test("a call the gateway refuses (bad signature) never reaches moto", async () => {
    const forged = { ...alice, secretAccessKey: "wrong-wrong-wrong-wrong-wrong-wrong-wrong" };
    const refused = await cliAs(endpoint, forged, workDir)("iam", ["list-roles"]);
    expect(refused.stderr).toContain("SignatureDoesNotMatch");
    expect(alice.calls.filter((c) => c.operation === "ListRoles")).toEqual([]);
  });
});
