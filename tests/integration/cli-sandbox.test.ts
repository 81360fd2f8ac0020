/**
 * `ecs-dojo sandbox fast-forward SECONDS`, the page's Fast-forward from a terminal, run as a learner (or a lesson's
 * solution script, as fast_forward) runs it: the real CLI process with the AWS CLI's environment, against the gateway.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { dojoCall, LEARNER_REGION, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const exec = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "../../bin/ecs-dojo.mjs");

let endpoint: GatewayEndpoint;
let learner: GatewayLearner;

beforeAll(async () => {
  endpoint = await startGatewayEndpoint();
  learner = endpoint.newLearner();
});

afterAll(() => endpoint?.stop());

function fastForward(args: string[], env: Record<string, string> = {}) {
  const aws = { AWS_ENDPOINT_URL: endpoint.url, AWS_ACCESS_KEY_ID: learner.accessKeyId, AWS_SECRET_ACCESS_KEY: learner.secretAccessKey, AWS_DEFAULT_REGION: LEARNER_REGION };
  return exec(process.execPath, [CLI, "sandbox", ...args], { env: { ...process.env, ...aws, ...env }, timeout: 30_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const clockOf = async () => Number((await dojoCall(endpoint, learner, "AdvanceClock", { seconds: 0 })).json.clock);

describe("ecs-dojo sandbox fast-forward", () => {
  test("moves the sandbox the AWS CLI's environment names, and prints its time", async () => {
    const before = await clockOf();
    const result = await fastForward(["fast-forward", "3600"]);
    expect(result.code).toBe(0);
    const after = await clockOf();
    expect(after - before).toBeGreaterThanOrEqual(3600);
    expect(after - before).toBeLessThan(3600 + 30);
    expect(result.stdout).toMatch(/^sandbox time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\n$/);
  });

  test("says what is wrong: a missing environment, a bad number, keys the sandbox does not know", async () => {
    expect(await fastForward(["fast-forward", "60"], { AWS_ENDPOINT_URL: "" })).toMatchObject({ code: 2, stderr: expect.stringContaining("set AWS_ENDPOINT_URL") });
    expect(await fastForward(["fast-forward", "two days"])).toMatchObject({ code: 2, stderr: expect.stringContaining("SECONDS must be a number from 0 to 86400, not 'two days'") });
    expect(await fastForward(["rewind", "60"])).toMatchObject({ code: 2, stderr: expect.stringContaining("expected: ecs-dojo sandbox fast-forward SECONDS") });
    expect(await fastForward(["fast-forward", "60"], { AWS_ACCESS_KEY_ID: "AKIDNOBODY0000000000" })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("ecs-dojo sandbox: the sandbox refused: UnrecognizedClientException: The security token included in the request is invalid.\n"),
    });
  });
});
