/**
 * The sandbox's AWS endpoint for integration tests: a plain node:http server around handleAwsRequest and the
 * in-memory store, on an ephemeral 127.0.0.1 port, served under /aws (the SDK posts to /aws/, the CLI to /aws).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { deriveSecretAccessKey, newAccessKeyId, newAccountId } from "@/lib/sandbox/credentials";
import { handleAwsRequest, type GatewayDeps } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { signRequest } from "../../unit/sandbox/support/sign";

export interface LearnerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SandboxEndpoint {
  url: string;
  /** Each learner name gets its own access key and account (created on first use). */
  credentials(learner?: string): LearnerCredentials;
  /** Moves that learner's simulated clock forward, running every task lifecycle up to then. */
  advanceClock(seconds: number, learner?: string): Promise<void>;
  stop(): Promise<void>;
}

const ENDPOINT_PATH = "/aws";
const DEFAULT_LEARNER = "learner";

export interface EndpointOptions {
  /** Simulated seconds per wall second. Default 0: time moves only through advanceClock. */
  speed?: number;
}

export async function startEndpoint(options: EndpointOptions = {}): Promise<SandboxEndpoint> {
  const serverKey = randomBytes(32).toString("base64url");
  const accountByKey = new Map<string, string>();
  const keyByLearner = new Map<string, string>();
  const deps: GatewayDeps = {
    store: new MemorySandboxStore(),
    credentials: {
      async lookup(accessKeyId) {
        const accountId = accountByKey.get(accessKeyId);
        return accountId ? { accountId, secretAccessKey: deriveSecretAccessKey(serverKey, accessKeyId) } : null;
      },
    },
    speed: options.speed ?? 0,
  };

  const server = http.createServer((req, res) => {
    serve(req, deps).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(answer.body),
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;

  function credentials(learner = DEFAULT_LEARNER): LearnerCredentials {
    let accessKeyId = keyByLearner.get(learner);
    if (!accessKeyId) {
      accessKeyId = newAccessKeyId();
      keyByLearner.set(learner, accessKeyId);
      accountByKey.set(accessKeyId, newAccountId());
    }
    return { accessKeyId, secretAccessKey: deriveSecretAccessKey(serverKey, accessKeyId) };
  }

  async function advanceClock(seconds: number, learner = DEFAULT_LEARNER): Promise<void> {
    const request = await signRequest({
      host,
      path: ENDPOINT_PATH,
      target: "DojoSandbox.AdvanceClock",
      body: JSON.stringify({ seconds }),
      ...credentials(learner),
    });
    const { status, body } = await post(port, request);
    if (status !== 200) throw new Error(`AdvanceClock failed with HTTP ${status}: ${body}`);
  }

  return {
    url: `http://${host}${ENDPOINT_PATH}`,
    credentials,
    advanceClock,
    stop: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function serve(req: http.IncomingMessage, deps: GatewayDeps) {
  const target = req.url ?? "/";
  const pathname = target.split("?")[0];
  if (pathname !== ENDPOINT_PATH && pathname !== `${ENDPOINT_PATH}/`) {
    return { status: 404, headers: { "Content-Type": "text/plain" }, body: "Not found" };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  // The gateway reads the body stream itself, and no further than its size limit.
  return handleAwsRequest({ method: req.method ?? "GET", path: target, headers, body: req }, deps);
}

function post(port: number, request: { path: string; headers: Record<string, string>; body: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: "POST", path: request.path, headers: request.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}
