import { ECSClient } from "@aws-sdk/client-ecs";
import { Readable } from "node:stream";
import {
  DEFAULT_SANDBOX_SPEED,
  GRADER_HEADER,
  handleAwsRequest,
  resetSandbox,
  responseBytes,
  sandboxClock,
  sandboxOperation,
  sandboxReader,
  type GatewayDeps,
  type SandboxClock,
} from "@/lib/sandbox/gateway";
import { engineConsoleReader, sdkReader, type ConsoleReader } from "@/lib/sandbox/console";
import { clockOf } from "@/lib/sandbox/gateway/clock";
import { CURRICULUM_ACCOUNT } from "@/lib/sandbox/engine/account";
import { IAM_SERVICE, jsonAnswer, LOGS_SERVICE, sandboxNowMs, signJsonRequest, signQueryRequest, xmlAnswer } from "@/lib/sandbox/client";
import type { SandboxAccess } from "@/lib/course/grading/context";
import { callRecorder } from "@/lib/progress/call-history";
import { charge, hasAllowance } from "@/lib/limits/rate-limits";
import { configuredBackend } from "@/lib/sandbox/backends/config";
import { deriveSecretAccessKey } from "@/lib/sandbox/credentials";
import { sandboxRegion } from "@/lib/sandbox/region";
import { GLOBAL_REGION } from "@/lib/sandbox/services/provider";
import { learnerByAccessKey, type LearnerRef } from "@/lib/progress/learners";
import { PrismaSandboxStore } from "@/lib/progress/sandbox-store";
import { serverKey } from "@/lib/server-key";
import { announceRevokedKey, listenRevokedKeys } from "@/lib/workshop/live";
import { noteEngineStep } from "./heavy-sandboxes";
import type { SandboxCredentials } from "@/components/workspace/credentials-panel";
import { ENDPOINT_PATH } from "./lanes";

export const SANDBOX_REGION = sandboxRegion(process.env);

// One per process, on globalThis: server.ts loads this module beside Next's bundled copy of it, and both must share
// one store (its cached sandboxes) and one set of verified keys, or a CLI call and a console poll would each re-read
// the sandbox the other just wrote.
const globalForGateway = globalThis as unknown as { ecsDojoGatewayDeps?: GatewayDeps };

// A learner's access key never changes account, so each process remembers the ones it has verified (one database
// query less per AWS call); unknown keys are always looked up again. On globalThis, like the deps, so the copy of this
// module that deletes an account (a Next.js route) forgets the key in the map the gateway reads. An account delete in
// any process or instance reaches every other over the workshop event bus (revokeAccessKey); entries are also checked
// again after KNOWN_KEY_MS, should that message ever be lost (a dropped LISTEN connection while it reconnects).
const globalForKeys = globalThis as unknown as { ecsDojoKnownKeys?: Map<string, { accountId: string; secretAccessKey: string; at: number }> };
const knownKeys = (globalForKeys.ecsDojoKnownKeys ??= new Map());
const KNOWN_KEYS_MAX = 10_000;
const KNOWN_KEY_MS = 60_000;

/** The gateway's collaborators: learner lookup, the database-backed store, the clock, and the backend (env). */
export function gatewayDeps(): GatewayDeps {
  if (!globalForGateway.ecsDojoGatewayDeps) {
    listenRevokedKeys((accessKeyId) => knownKeys.delete(accessKeyId)).catch((error) => console.error("listening for revoked sandbox keys failed", error));
  }
  globalForGateway.ecsDojoGatewayDeps ??= {
    credentials: {
      async lookup(accessKeyId) {
        const known = knownKeys.get(accessKeyId);
        if (known && Date.now() - known.at < KNOWN_KEY_MS) return known;
        const learner = await learnerByAccessKey(accessKeyId);
        if (!learner) return null;
        const found = { accountId: learner.accountId, secretAccessKey: deriveSecretAccessKey(serverKey(), accessKeyId), at: Date.now() };
        if (knownKeys.size >= KNOWN_KEYS_MAX) knownKeys.clear();
        knownKeys.set(accessKeyId, found);
        return found;
      },
    },
    store: new PrismaSandboxStore(),
    speed: sandboxSpeed(),
    now: () => Date.now(),
    backend: configuredBackend(process.env),
    calls: callRecorder,
    throttle: {
      admit: (accountId) => hasAllowance("sandboxCpuMsPerSecond", accountId),
      charge: (accountId, milliseconds) => {
        void charge("sandboxCpuMsPerSecond", accountId, Math.ceil(milliseconds));
        noteEngineStep(accountId, milliseconds);
      },
    },
  };
  return globalForGateway.ecsDojoGatewayDeps;
}

/** The account of an access key this process has verified, if it has (the heavy lane's routing: no database query). */
export function knownAccount(accessKeyId: string): string | undefined {
  return knownKeys.get(accessKeyId)?.accountId;
}

function sandboxSpeed(): number {
  const value = Number(process.env.DOJO_SANDBOX_SPEED ?? DEFAULT_SANDBOX_SPEED);
  if (!Number.isFinite(value) || value <= 0) throw new Error("DOJO_SANDBOX_SPEED must be a positive number");
  return value;
}

/** The learner's sandbox clock now (null on a backend without one); a visitor's is the one their sandbox would start with. */
export async function learnerClock(learner: LearnerRef | null): Promise<SandboxClock | null> {
  const deps = gatewayDeps();
  if (learner) return sandboxClock(learner.accountId, SANDBOX_REGION, deps);
  return deps.backend && !deps.backend.runsEngine ? null : clockOf(null, Date.now(), deps.speed ?? DEFAULT_SANDBOX_SPEED);
}

/** "Reset sandbox": every Region the learner has used, IAM's and their own, back to new, the clock at the wall clock. */
export async function resetLearnerSandbox(learner: LearnerRef): Promise<SandboxClock> {
  const deps = gatewayDeps();
  const stored = (await deps.store.regions?.(learner.accountId)) ?? [];
  return resetSandbox(learner.accountId, [SANDBOX_REGION, GLOBAL_REGION, ...stored], deps);
}

export function sandboxCredentials(learner: LearnerRef): SandboxCredentials {
  return {
    accountId: learner.accountId,
    exampleAccountId: CURRICULUM_ACCOUNT,
    accessKeyId: learner.accessKeyId,
    secretAccessKey: deriveSecretAccessKey(serverKey(), learner.accessKeyId),
    region: SANDBOX_REGION,
    endpointPath: ENDPOINT_PATH,
  };
}

/**
 * An ECS SDK client for the learner's own sandbox. Requests go through the full wire protocol — serialised,
 * SigV4-signed, verified and parsed — but are handed to the gateway in process instead of over the network.
 * `acting` clients are the learner's own hand (page buttons): their calls enter the call history; the console's
 * polls and the grader's reads do not.
 */
export function sandboxClient(learner: LearnerRef, { acting = false } = {}): ECSClient {
  // Checks and page buttons come in bursts per learner: keep the clients of the most recent ones, not one (with its
  // middleware stack) per learner who ever came.
  const key = `${acting ? "act" : "read"}:${learner.accessKeyId}`;
  let client = clients.get(key);
  if (client) clients.delete(key);
  else client = newSandboxClient(learner, acting);
  clients.set(key, client);
  if (clients.size > CLIENTS_KEPT) clients.delete(clients.keys().next().value!);
  return client;
}

const clients = new Map<string, ECSClient>();
const CLIENTS_KEPT = 100;

/**
 * How the console reads the learner's sandbox: straight from the embedded engine, else through their SDK client (then
 * without load balancers and scaling: the site has no SDK clients for those services).
 */
export async function consoleReader(learner: LearnerRef): Promise<ConsoleReader> {
  const engine = await sandboxReader(learner.accountId, SANDBOX_REGION, gatewayDeps());
  if (!engine) return sdkReader(sandboxClient(learner));
  return engineConsoleReader(engine);
}

/** The learner's sandbox as the grader reads it: the ECS client that records nothing, CloudWatch Logs reads, and the sandbox's clock. */
export function sandboxAccess(learner: LearnerRef): SandboxAccess {
  return {
    ecs: sandboxClient(learner),
    logs: (operation, input) => graderJsonCall(learner, LOGS_SERVICE.signingName, `${LOGS_SERVICE.targetPrefix}.${operation}`, input),
    iam: (action, params) => graderIamCall(learner, action, params),
    now: () => sandboxNowMs((operation, input) => sandboxOperation(learner.accountId, SANDBOX_REGION, operation, input, gatewayDeps())),
  };
}

/** One AWS JSON 1.1 call as the grader (signed, never recorded), handed to the gateway in process like the ECS client's. */
async function graderJsonCall(learner: LearnerRef, service: string, target: string, input: object): Promise<Record<string, unknown>> {
  const { accessKeyId, secretAccessKey, region } = sandboxCredentials(learner);
  const options = { endpoint: `http://sandbox.internal${ENDPOINT_PATH}`, region, credentials: { accessKeyId, secretAccessKey }, grader: true };
  const { url, headers, body } = await signJsonRequest(options, service, target, input);
  const answer = await handleAwsRequest({ method: "POST", path: url.pathname, headers, body }, gatewayDeps());
  return jsonAnswer(answer.status, answer.body);
}

/** One IAM action as the grader (query protocol, signed for IAM's Region, never recorded), in process. */
async function graderIamCall(learner: LearnerRef, action: string, params: Record<string, string>): Promise<string> {
  const { accessKeyId, secretAccessKey } = sandboxCredentials(learner);
  const options = { endpoint: `http://sandbox.internal${ENDPOINT_PATH}`, region: IAM_SERVICE.region, credentials: { accessKeyId, secretAccessKey }, grader: true };
  const { url, headers, body } = await signQueryRequest(options, IAM_SERVICE.signingName, IAM_SERVICE.version, action, params);
  const answer = await handleAwsRequest({ method: "POST", path: url.pathname, headers, body }, gatewayDeps());
  return xmlAnswer(answer.status, answer.body);
}

function newSandboxClient(learner: LearnerRef, acting: boolean): ECSClient {
  const { accessKeyId, secretAccessKey, region } = sandboxCredentials(learner);
  return new ECSClient({
    region,
    endpoint: `http://sandbox.internal${ENDPOINT_PATH}`,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: { method: string; path: string; headers: Record<string, string>; body?: unknown }) {
        const answer = await handleAwsRequest(
          {
            method: request.method,
            path: request.path,
            headers: acting ? request.headers : { ...request.headers, [GRADER_HEADER]: "1" },
            body: typeof request.body === "string" ? request.body : request.body instanceof Uint8Array ? Buffer.from(request.body).toString("utf8") : "",
          },
          gatewayDeps(),
        );
        const body = Readable.from(responseBytes(answer));
        return { response: { statusCode: answer.status, headers: answer.headers, body } };
      },
    },
  });
}

/**
 * Forgets a deleted learner's access key here at once and, over the event bus, in every other worker process and app
 * instance, so a cached key cannot reach its (deleted) sandbox anywhere.
 */
export async function revokeAccessKey(accessKeyId: string): Promise<void> {
  knownKeys.delete(accessKeyId);
  await announceRevokedKey(accessKeyId);
}
