import { ECSClient } from "@aws-sdk/client-ecs";
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./app-server";

export interface MotoServer {
  /** Base URL, e.g. http://127.0.0.1:5123 */
  url: string;
  stop(): Promise<void>;
}

const READY_WITHIN_MS = 20_000;

/**
 * moto's AWS emulator (`moto_server`, moto 5.2) on a free loopback port, as a child process. Fails loudly when it
 * is not installed: the tests and benchmarks that use it compare against it and mean nothing without it.
 */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
  const deadline = Date.now() + READY_WITHIN_MS;
  let ready = false;
  while (!ready && Date.now() < deadline) {
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    if (failed) {
      throw new Error(`moto_server could not be started (${failed.message}). Install moto with its server: pip install 'moto[server]'`);
    }
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${output}`);
    try {
      ready = (await fetch(`${url}/moto-api/`)).status < 500;
    } catch {
      // not listening yet
    }
  }
  if (!ready) {
    child.kill("SIGTERM"); // not left running without a parent to stop it
    throw new Error(`moto_server did not answer within ${READY_WITHIN_MS / 1000} s:\n${output}`);
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

/** moto's account when a request names none (moto.core.DEFAULT_ACCOUNT_ID). */
export const MOTO_DEFAULT_ACCOUNT = "123456789012";

/** An ECS client straight to moto, in the given account (moto reads it from the x-moto-account-id header). */
export function motoEcs(motoUrl: string, accountId = MOTO_DEFAULT_ACCOUNT, region = "ap-northeast-1"): ECSClient {
  const client = new ECSClient({
    endpoint: motoUrl,
    region,
    credentials: { accessKeyId: "moto", secretAccessKey: "moto" },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers["x-moto-account-id"] = accountId;
      return next(args);
    },
    { step: "build", name: "motoAccount" },
  );
  return client;
}

/**
 * Launches an EC2 instance in moto (its EC2 query API; no EC2 SDK client is installed) and answers its id: moto
 * registers a container instance only for an instance its own EC2 knows.
 */
export async function motoEc2Instance(motoUrl: string, accountId = MOTO_DEFAULT_ACCOUNT, region = "ap-northeast-1"): Promise<string> {
  const form = new URLSearchParams({ Action: "RunInstances", Version: "2016-11-15", ImageId: "ami-12c6146b", MinCount: "1", MaxCount: "1", InstanceType: "t3.medium" });
  const response = await fetch(motoUrl, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-moto-account-id": accountId,
      // moto routes by the service in the credential scope and checks no signature.
      authorization: `AWS4-HMAC-SHA256 Credential=moto/20260101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: form.toString(),
  });
  const id = /<instanceId>(i-[0-9a-f]+)<\/instanceId>/.exec(await response.text())?.[1];
  if (!id) throw new Error(`moto's EC2 RunInstances gave no instance id (HTTP ${response.status})`);
  return id;
}
