/**
 * A learner's sandbox behind the gateway, in process, with the ECS SDK client the lesson page uses (app/_server/sandbox.ts
 * builds the same one): requests are serialised, signed, verified and parsed, and the wall clock is the test's.
 */
import { ECSClient } from "@aws-sdk/client-ecs";
import { Readable } from "node:stream";
import { handleAwsRequest, sandboxReader, type GatewayDeps, type RecordedCall } from "@/lib/sandbox/gateway";
import type { ConsoleReader } from "@/lib/sandbox/console";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";

export const LEARNER = { accessKeyId: "ADOJRUNRUNRUNRUNRUN2", secretAccessKey: "run-secret-run-secret-run-secret-run-sec", accountId: "333333333333" };
export const REGION = "ap-northeast-1";
export const WALL_START = Date.UTC(2026, 0, 1, 12, 0, 0);

export function sdkSandbox(options: { speed?: number } = {}) {
  let wall = WALL_START;
  const store = new MemorySandboxStore();
  const calls: RecordedCall[] = [];
  const deps: GatewayDeps = {
    store,
    credentials: { lookup: async (key) => (key === LEARNER.accessKeyId ? { accountId: LEARNER.accountId, secretAccessKey: LEARNER.secretAccessKey } : null) },
    now: () => wall,
    calls: { record: async (call) => void calls.push(call) },
    // Left out, the gateway's default speed applies (what the app runs with unless DOJO_SANDBOX_SPEED says otherwise).
    ...(options.speed === undefined ? {} : { speed: options.speed }),
  };
  const ecs = new ECSClient({
    region: REGION,
    endpoint: "http://sandbox.internal/aws",
    credentials: { accessKeyId: LEARNER.accessKeyId, secretAccessKey: LEARNER.secretAccessKey },
    maxAttempts: 1,
    // The SDK signs at its clock plus this offset; the gateway checks the signature's time against the test's wall clock.
    systemClockOffset: wall - Date.now(),
    requestHandler: {
      async handle(request: { method: string; path: string; headers: Record<string, string>; body?: unknown }) {
        const answer = await handleAwsRequest(
          { method: request.method, path: request.path, headers: request.headers, body: typeof request.body === "string" ? request.body : request.body instanceof Uint8Array ? Buffer.from(request.body).toString("utf8") : "" },
          deps,
        );
        return { response: { statusCode: answer.status, headers: answer.headers, body: Readable.from(Buffer.from(answer.body)) } };
      },
    },
  });
  return {
    ecs,
    deps,
    store,
    calls,
    tick(seconds: number) {
      wall += seconds * 1000;
      ecs.config.systemClockOffset = wall - Date.now();
    },
    get wall() {
      return wall;
    },
    /** The console's reader of this sandbox, at the test's wall clock. */
    async reader(): Promise<ConsoleReader> {
      const engine = (await sandboxReader(LEARNER.accountId, REGION, deps))!;
      return Object.assign(async (operation: string, input: unknown) => engine(operation, input) as never, { answersFrom: engine.state }) as ConsoleReader;
    },
  };
}
