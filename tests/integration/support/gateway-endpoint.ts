/**
 * The sandbox gateway alone on a loopback port (node:http, an in-memory store, a clock the test moves): for driving
 * the services with the real AWS CLI without building the app. The app's /aws route is a thin adapter over the same
 * handleAwsRequest (its own tests use startEndpoint).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleAwsRequest, responseBytes, type GatewayDeps, type RecordedCall } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { signRequest } from "../../unit/sandbox/support/sign";
import { awsCli, type CliResult } from "./aws-cli";

export interface GatewayLearner {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  /** What this learner called, as the call-history checks see it. */
  calls: RecordedCall[];
}

export interface GatewayEndpoint {
  url: string;
  store: MemorySandboxStore;
  newLearner(): GatewayLearner;
  /** Moves the wall clock the sandbox sees (and so simulated time, at `speed`). */
  tick(seconds: number): void;
  stop(): Promise<void>;
}

/** `startMs`: the wall clock it starts at (near now: the CLI signs with the real time); two endpoints started at the same one replay alike. */
export async function startGatewayEndpoint(options: { speed?: number; backend?: GatewayDeps["backend"]; startMs?: number } = {}): Promise<GatewayEndpoint> {
  const accounts = new Map<string, GatewayLearner>();
  const store = new MemorySandboxStore();
  let wall = options.startMs ?? Date.now();
  const deps: GatewayDeps = {
    store,
    credentials: { lookup: async (key) => accounts.get(key) ?? null },
    now: () => wall,
    speed: options.speed ?? 1,
    backend: options.backend,
    calls: { record: async (call) => void [...accounts.values()].find((l) => l.accountId === call.accountId)?.calls.push(call) },
    log: () => {},
  };
  const server = http.createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    handleAwsRequest({ method: req.method ?? "POST", path: req.url ?? "/", headers, body: req }, deps).then(
      (answer) => res.writeHead(answer.status, answer.headers).end(responseBytes(answer)),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/aws`,
    store,
    newLearner() {
      const learner: GatewayLearner = {
        accessKeyId: `AKIDTEST${randomBytes(6).toString("hex").toUpperCase()}`,
        secretAccessKey: randomBytes(20).toString("hex"),
        accountId: String(100_000_000_000 + accounts.size),
        calls: [],
      };
      accounts.set(learner.accessKeyId, learner);
      return learner;
    },
    tick(seconds) {
      wall += seconds * 1000;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The Region learners use unless a test says otherwise (curriculum §3.1). */
export const LEARNER_REGION = "ap-northeast-1";

/**
 * The real AWS CLI as `learner` runs it against this endpoint, every service at the one URL:
 * `cli("ecs", ["list-clusters"])`, or in another Region `cli("ecs", [...], "us-east-1")`.
 */
export function cliAs(endpoint: GatewayEndpoint, learner: GatewayLearner, workDir: string) {
  return (service: string, args: string[], region = LEARNER_REGION): Promise<CliResult> =>
    awsCli(service, args, { endpointUrl: endpoint.url, accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey, region, workDir });
}

/** A DojoSandbox operation, signed as the SDK signs ECS calls (the CLI cannot send it). */
export async function dojoCall(
  endpoint: GatewayEndpoint,
  learner: GatewayLearner,
  operation: string,
  input: object,
  region = LEARNER_REGION,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(endpoint.url);
  const body = JSON.stringify(input);
  const request = await signRequest({
    host: url.host,
    path: url.pathname,
    target: `DojoSandbox.${operation}`,
    body,
    accessKeyId: learner.accessKeyId,
    secretAccessKey: learner.secretAccessKey,
    region,
  });
  const response = await fetch(endpoint.url, { method: "POST", headers: request.headers, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
