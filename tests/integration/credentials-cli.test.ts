/**
 * `npx ecs-dojo credentials` as a learner uses it: the real bin as a subprocess over the real app's database, its
 * lines evaluated by a real shell, and the real AWS CLI using them against the running app.
 */
import { ListClustersCommand } from "@aws-sdk/client-ecs";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, TEST_SERVER_KEY, type AppServer } from "../support/app-server";
import { SiteClient } from "../support/site-client";

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "ecs-dojo.mjs");

let app: AppServer;

/** The environment of a terminal on this machine, without any AWS configuration of its own. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("AWS_") || name === "PORT") delete env[name];
  return { ...env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_PAGER: "", ...extra };
}

async function credentials(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = cleanEnv({ DATABASE_URL: app.databaseUrl, DOJO_SECRET_KEY: TEST_SERVER_KEY, ...extra });
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, "credentials", ...args], { cwd: ROOT, env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: Number(failed.code), stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

describe("ecs-dojo credentials", () => {
  let printed: string;

  test("prints the four export lines for the local learner", async () => {
    const run = await credentials(["--url", `${app.url}/aws`]);
    expect(run.code).toBe(0);
    printed = run.stdout;
    const lines = printed.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^export AWS_ACCESS_KEY_ID=ADOJ[A-Z2-7]{16}$/);
    expect(lines[1]).toMatch(/^export AWS_SECRET_ACCESS_KEY=[A-Za-z0-9+/]{40}$/);
    expect(lines[2]).toBe("export AWS_DEFAULT_REGION=ap-northeast-1");
    expect(lines[3]).toBe(`export AWS_ENDPOINT_URL=${app.url}/aws`);
  });

  test("reuses the same learner on the next run", async () => {
    expect((await credentials(["--url", `${app.url}/aws`])).stdout).toBe(printed);
  });

  test("the AWS CLI, after a shell evaluates the lines, works against the app as that learner", async () => {
    // What the learner types: npx runs the package's own bin.
    const script = `eval "$(npx ecs-dojo credentials --url ${app.url}/aws)"
aws ecs create-cluster --cluster-name from-cli --output json >/dev/null
aws ecs list-clusters --output json`;
    const { stdout } = await exec("bash", ["-c", script], {
      cwd: ROOT,
      env: cleanEnv({ DATABASE_URL: app.databaseUrl, DOJO_SECRET_KEY: TEST_SERVER_KEY }),
      timeout: 60_000,
    });
    const [arn] = JSON.parse(stdout).clusterArns as string[];
    expect(arn).toMatch(/^arn:aws:ecs:ap-northeast-1:\d{12}:cluster\/from-cli$/);

    // The cluster lives in the local learner's sandbox only: a browser's learner does not see it.
    const browser = await (await new SiteClient(app.url).ecs()).send(new ListClustersCommand({}));
    expect(browser.clusterArns).toEqual([]);
  });

  test("without --url the endpoint follows PORT; the Region follows DOJO_SANDBOX_REGION", async () => {
    const run = await credentials([], { PORT: "4321", DOJO_SANDBOX_REGION: "eu-west-1" });
    expect(run.stdout).toContain("export AWS_ENDPOINT_URL=http://localhost:4321/aws\n");
    expect(run.stdout).toContain("export AWS_DEFAULT_REGION=eu-west-1\n");
  });

  test("usage mistakes exit 2 with one line; --help exits 0", async () => {
    const bad = await credentials(["--url", "localhost:3000"]);
    expect([bad.code, bad.stdout, bad.stderr.trim()]).toEqual([
      2,
      "",
      "ecs-dojo credentials: --url must be an http(s) URL such as http://localhost:3000/aws (got 'localhost:3000')",
    ]);
    expect((await credentials(["--nope"])).code).toBe(2);
    const help = await credentials(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: ecs-dojo credentials [--url URL]");
  });
});
