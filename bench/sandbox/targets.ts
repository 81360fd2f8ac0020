// What the sandbox bench measures against, each its own process on loopback: the built app (its /aws endpoint), moto_server,
// the app forwarding to moto_server, and a bare node:http floor (floor-server.ts). Each hands out learners: an ECS
// client on a sandbox (an account) of its own, so that many-learner runs keep their sandboxes apart as a room does.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { ECSClient } from "@aws-sdk/client-ecs";
import { dojoClient, type DojoCall } from "@/lib/sandbox/client";
import { startApp, type AppServer } from "../../tests/support/app-server";
import { motoEc2Instance, motoEcs, startMoto } from "../../tests/support/moto-server";
import { SiteClient } from "../../tests/support/site-client";
import { childrenMatching } from "../load/proc";

const REGION = "ap-northeast-1";
/**
 * Kept-alive connections closed by the client after 3 s idle, before the server's own 5 s (Node's keepAliveTimeout):
 * on a busy machine a learner can sit idle that long, and a call sent on a socket the server is closing fails.
 */
const requestHandler = () => ({ httpAgent: new http.Agent({ keepAlive: true, timeout: 3_000 }) });

export interface Learner {
  ecs: ECSClient;
  /** An EC2 instance id the target accepts in RegisterContainerInstance, in the given account. */
  instanceFor: (accountId: string) => Promise<string>;
  /** DojoSandbox operations (AdvanceClock, AddContainerInstances): the product's own sandbox only. */
  dojo?: DojoCall;
}

export interface Target {
  label: string;
  /** Learner `n` of this target (0, 1, …): a sandbox of its own. */
  learner(n: number): Promise<Learner>;
  stop(): Promise<void>;
  /** The product's server, for its process ids. */
  app?: AppServer;
  /** The process (with its descendants) that serves the calls, whose CPU time the latency part reports. */
  pid?: number;
}

/** The one new child process of this one whose command line has `marker`, started by `start`. */
async function startedChild<T>(marker: string, start: () => Promise<T>): Promise<{ started: T; pid?: number }> {
  const before = new Set(childrenMatching(process.pid, () => true));
  const started = await start();
  const [pid] = childrenMatching(process.pid, (args) => args.some((arg) => arg.includes(marker))).filter((p) => !before.has(p));
  return { started, pid };
}

/** The built app (npm start's server.ts over a fresh SQLite database); `env` as for startApp. */
export async function productTarget(env: Record<string, string> = {}): Promise<Target> {
  const { started: app, pid } = await startedChild("server.ts", () => startApp({ env }));
  return {
    label: "product",
    app,
    pid,
    async learner() {
      const site = new SiteClient(app.url);
      const credentials = await site.credentials();
      const ecs = new ECSClient({ endpoint: `${app.url}/aws`, region: REGION, credentials, maxAttempts: 1, requestHandler: requestHandler() });
      return { ecs, instanceFor: async () => "i-0123456789abcdef0", dojo: dojoClient({ endpoint: `${app.url}/aws`, region: REGION, credentials }) };
    },
    stop: () => app.stop(),
  };
}

/** moto's account for learner n: the default one first (moto.core.DEFAULT_ACCOUNT_ID), then one each. */
const motoAccount = (n: number) => (n === 0 ? "123456789012" : String(100_000_000_000 + n));

export async function motoTarget(): Promise<Target> {
  const { started: moto, pid } = await startedChild("moto_server", startMoto);
  // moto registers a container instance only for an EC2 instance of its own.
  return {
    label: "moto",
    pid,
    learner: async (n) => ({ ecs: motoEcs(moto.url, motoAccount(n)), instanceFor: (account) => motoEc2Instance(moto.url, account) }),
    stop: () => moto.stop(),
  };
}

/** The app with DOJO_SANDBOX_BACKEND=localstack in front of moto_server: what the gateway adds to moto. */
export async function forwardingTarget(): Promise<Target> {
  const moto = await startMoto();
  const app = await startApp({ env: { DOJO_SANDBOX_BACKEND: "localstack", DOJO_LOCALSTACK_ENDPOINT: moto.url } }).catch(async (error: unknown) => {
    await moto.stop();
    throw error;
  });
  return {
    label: "localstack→moto",
    async learner() {
      const ecs = await new SiteClient(app.url).ecs();
      return { ecs, instanceFor: (account) => motoEc2Instance(moto.url, account) };
    },
    async stop() {
      await app.stop();
      await moto.stop();
    },
  };
}

/** The bare node:http floor (floor-server.ts), in a process of its own. */
export async function floorTarget(): Promise<Target> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "floor-server.ts")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (data: Buffer) => resolve(Number(String(data).trim())));
    child.once("exit", (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    label: "bare node:http",
    pid: child.pid,
    learner: async () => ({
      ecs: new ECSClient({ endpoint: url, region: REGION, credentials: { accessKeyId: "floor", secretAccessKey: "floor" }, maxAttempts: 1, requestHandler: requestHandler() }),
      instanceFor: async () => "i-0123456789abcdef0",
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
