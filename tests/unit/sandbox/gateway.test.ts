import { describe, expect, test } from "vitest";
import { handleAwsRequest, MAX_BODY_BYTES, sandboxReader, type GatewayDeps } from "@/lib/sandbox/gateway";
import { consoleSnapshot, type ConsoleReader } from "@/lib/sandbox/console";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import type { SandboxStore } from "@/lib/sandbox/store";
import { AWSVPC, FARGATE_TD } from "./support/engine";
import { signRequest } from "./support/sign";

const ECS = "AmazonEC2ContainerServiceV20141113";
const WALL_START = Date.UTC(2026, 0, 1, 12, 0, 0);
const LEARNERS = {
  alice: { accessKeyId: "ADOJALICEALICEALICE2", secretAccessKey: "alice-secret-alice-secret-alice-secret-a", accountId: "111111111111" },
  bob: { accessKeyId: "ADOJBOBBOBBOBBOBBOB2", secretAccessKey: "bob-secret-bob-secret-bob-secret-bob-sec", accountId: "222222222222" },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface CallOptions {
  learner?: keyof typeof LEARNERS;
  secretAccessKey?: string;
  signingDate?: Date;
  region?: string;
  tamper?: (request: { headers: Record<string, string>; body: string }) => void;
}

function gateway(options: { speed?: number; store?: SandboxStore } = {}) {
  let wall = WALL_START;
  const store = new MemorySandboxStore();
  const logged: unknown[][] = [];
  const deps: GatewayDeps = {
    store: options.store ?? store,
    credentials: {
      async lookup(accessKeyId) {
        const learner = Object.values(LEARNERS).find((l) => l.accessKeyId === accessKeyId);
        return learner ? { accountId: learner.accountId, secretAccessKey: learner.secretAccessKey } : null;
      },
    },
    now: () => wall,
    speed: options.speed ?? 10,
    log: (...args) => logged.push(args),
  };

  async function call(target: string, body: unknown = {}, opts: CallOptions = {}) {
    const learner = LEARNERS[opts.learner ?? "alice"];
    const request = await signRequest({
      host: "dojo.example:3000",
      path: "/aws/",
      target: target === "" || target.includes(".") ? target : `${ECS}.${target}`,
      body: typeof body === "string" ? body : JSON.stringify(body),
      accessKeyId: learner.accessKeyId,
      secretAccessKey: opts.secretAccessKey ?? learner.secretAccessKey,
      region: opts.region,
      signingDate: opts.signingDate ?? new Date(wall),
    });
    opts.tamper?.(request);
    const response = await handleAwsRequest(request, deps);
    return { ...response, json: JSON.parse(response.body) };
  }

  return {
    call,
    deps,
    store,
    logged,
    tick: (seconds: number) => {
      wall += seconds * 1000;
    },
    alice: () => store.peek(LEARNERS.alice.accountId, "ap-northeast-1"),
  };
}

async function withRunningBasics(g: ReturnType<typeof gateway>) {
  await g.call("CreateCluster", { clusterName: "dojo" });
  await g.call("RegisterTaskDefinition", FARGATE_TD);
  const run = await g.call("RunTask", { cluster: "dojo", taskDefinition: "web", launchType: "FARGATE", networkConfiguration: AWSVPC });
  return run.json.tasks[0].taskArn as string;
}

describe("successful calls", () => {
  test("200 with the JSON 1.1 content type and a request id", async () => {
    const g = gateway();
    const response = await g.call("CreateCluster", { clusterName: "dojo" });
    expect(response.status).toBe(200);
    expect(response.headers["Content-Type"]).toBe("application/x-amz-json-1.1");
    expect(response.headers["x-amzn-RequestId"]).toMatch(UUID);
    expect(response.json.cluster.clusterArn).toBe("arn:aws:ecs:ap-northeast-1:111111111111:cluster/dojo");
    const again = await g.call("ListClusters");
    expect(again.headers["x-amzn-RequestId"]).not.toBe(response.headers["x-amzn-RequestId"]);
  });

  test("header names are matched case-insensitively", async () => {
    const g = gateway();
    const response = await g.call("ListClusters", {}, {
      tamper: (request) => {
        for (const [name, value] of Object.entries(request.headers)) {
          delete request.headers[name];
          request.headers[name.replace(/(^|-)([a-z])/g, (m) => m.toUpperCase())] = value;
        }
      },
    });
    expect(response.status).toBe(200);
  });

  test("a new sandbox's simulated clock starts at the wall clock", async () => {
    const g = gateway();
    const response = await g.call("RegisterTaskDefinition", FARGATE_TD);
    expect(response.json.taskDefinition.registeredAt).toBe(WALL_START / 1000);
  });
});

describe("error responses", () => {
  const expectError = (response: { status: number; headers: Record<string, string>; json: unknown }, type: string, message?: string) => {
    expect(response.status).toBe(400);
    expect(response.headers["Content-Type"]).toBe("application/x-amz-json-1.1");
    expect(response.headers["x-amzn-RequestId"]).toMatch(UUID);
    expect(Object.keys(response.json as object).sort()).toEqual(["__type", "message"]);
    expect((response.json as { __type: string }).__type).toBe(type);
    if (message !== undefined) expect((response.json as { message: string }).message).toBe(message);
  };

  test("a modelled ECS error: 400 with __type and message", async () => {
    expectError(await gateway().call("RunTask", { cluster: "nope", taskDefinition: "web" }), "ClusterNotFoundException", "Cluster not found.");
  });

  test("no Authorization header", async () => {
    const response = await gateway().call("ListClusters", {}, { tamper: (r) => delete r.headers.authorization });
    expectError(response, "MissingAuthenticationTokenException", "Missing Authentication Token");
  });

  test("an access key the site never issued", async () => {
    const response = await gateway().call("ListClusters", {}, {
      tamper: (r) => {
        r.headers.authorization = r.headers.authorization.replace(LEARNERS.alice.accessKeyId, "ADOJUNKNOWNUNKNOWN22");
      },
    });
    expectError(response, "UnrecognizedClientException", "The security token included in the request is invalid.");
  });

  const MISMATCH =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  test("the wrong secret", async () => {
    expectError(await gateway().call("ListClusters", {}, { secretAccessKey: "not-the-secret" }), "InvalidSignatureException", MISMATCH);
  });

  test("a body changed after signing", async () => {
    const response = await gateway().call("CreateCluster", { clusterName: "a" }, {
      tamper: (r) => {
        r.body = JSON.stringify({ clusterName: "b" });
      },
    });
    expectError(response, "InvalidSignatureException", MISMATCH);
  });

  test("a signature older than 15 minutes", async () => {
    const response = await gateway().call("ListClusters", {}, { signingDate: new Date(WALL_START - 20 * 60_000) });
    expectError(response, "InvalidSignatureException");
    expect(response.json.message).toMatch(/^Signature expired: 20260101T114000Z is now earlier than/);
  });

  test("a frozen sandbox clock (lessons verify) checks signing times against signingNow, the real clock", async () => {
    const g = gateway();
    const later = new Date(WALL_START + 20 * 60_000);
    expectError(await g.call("ListClusters", {}, { signingDate: later }), "InvalidSignatureException");
    g.deps.signingNow = () => later.getTime();
    const response = await g.call("ListClusters", {}, { signingDate: later });
    expect(response.status).toBe(200);
  });

  test("an ECS operation the sandbox does not emulate", async () => {
    const response = await gateway().call("CreateTaskSet", { service: "web" });
    expectError(response, "UnknownOperationException");
    expect(response.json.message).toContain("CreateTaskSet");
    expect(response.json.message).not.toMatch(/not implemented/i);
  });

  test("a target that is no operation at all, or none", async () => {
    expectError(await gateway().call("Nonsense.Thing"), "UnknownOperationException", "Unknown operation Nonsense.Thing.");
    expectError(await gateway().call(""), "UnknownOperationException", "The request has no X-Amz-Target header naming an operation.");
  });

  test("a malformed JSON body", async () => {
    expectError(await gateway().call("ListClusters", "{not json"), "SerializationException");
  });

  test("a body over 1 MiB is refused before anything runs", async () => {
    const g = gateway();
    const response = await g.call("CreateCluster", JSON.stringify({ clusterName: "x", pad: "x".repeat(MAX_BODY_BYTES) }));
    expectError(response, "SerializationException");
    expect(g.alice()).toBeNull();
  });

  test("a streamed body is read no further than the limit", async () => {
    const g = gateway();
    let chunksRead = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    async function* endless() {
      for (;;) {
        chunksRead++;
        yield chunk;
      }
    }
    const signed = await signRequest({ host: "dojo.example", path: "/aws/", target: `${ECS}.ListClusters`, body: "{}", ...LEARNERS.alice });
    const response = await handleAwsRequest({ ...signed, body: endless() }, g.deps);
    expect([response.status, JSON.parse(response.body).__type]).toEqual([400, "SerializationException"]);
    expect(chunksRead).toBe(MAX_BODY_BYTES / chunk.length + 1);
  });

  test("a streamed body within the limit is verified and run like a string body", async () => {
    const g = gateway();
    const body = JSON.stringify({ clusterName: "streamed" });
    const signed = await signRequest({
      host: "dojo.example",
      path: "/aws/",
      target: `${ECS}.CreateCluster`,
      body,
      ...LEARNERS.alice,
      signingDate: new Date(WALL_START),
    });
    const stream = new Blob([body]).stream();
    const response = await handleAwsRequest({ ...signed, body: stream }, g.deps);
    expect([response.status, JSON.parse(response.body).cluster.clusterName]).toEqual([200, "streamed"]);
  });

  test("an unexpected failure is a 500 ServerException without internals, and is logged", async () => {
    const broken: SandboxStore = {
      update: async () => {
        throw new Error("disk on fire at /var/lib/dojo");
      },
    };
    const g = gateway({ store: broken });
    const response = await g.call("ListClusters");
    expect(response.status).toBe(500);
    expect(response.json.__type).toBe("ServerException");
    expect(response.body).not.toContain("disk on fire");
    expect(response.body).not.toContain("/var/lib");
    expect(g.logged).toHaveLength(1);
    expect(String(g.logged[0][1])).toContain("disk on fire");
  });
});

describe("the simulated clock", () => {
  test("runs `speed` times faster than the wall clock", async () => {
    const g = gateway({ speed: 10 });
    const taskArn = await withRunningBasics(g);
    const status = async () =>
      (await g.call("DescribeTasks", { cluster: "dojo", tasks: [taskArn] })).json.tasks[0].lastStatus as string;
    g.tick(1); // 10 simulated seconds: ENI attached
    expect(await status()).toBe("PENDING");
    g.tick(2); // 30 simulated seconds
    expect(await status()).toBe("RUNNING");
  });

  test("reads recompute lifecycle progress without saving it; writes save", async () => {
    const g = gateway();
    const taskArn = await withRunningBasics(g);
    const saved = JSON.stringify(g.alice());
    g.tick(5);
    const read = await g.call("DescribeTasks", { cluster: "dojo", tasks: [taskArn] });
    expect(read.json.tasks[0].lastStatus).toBe("RUNNING");
    expect(JSON.stringify(g.alice())).toBe(saved);
    await g.call("StopTask", { cluster: "dojo", task: taskArn });
    expect(JSON.stringify(g.alice())).not.toBe(saved);
  });

  test("DojoSandbox.AdvanceClock moves the simulation and answers the new clock", async () => {
    const g = gateway({ speed: 0 });
    const taskArn = await withRunningBasics(g);
    const advanced = await g.call("DojoSandbox.AdvanceClock", { seconds: 60 });
    expect(advanced.status).toBe(200);
    expect(advanced.json).toEqual({ clock: WALL_START / 1000 + 60 });
    const task = (await g.call("DescribeTasks", { cluster: "dojo", tasks: [taskArn] })).json.tasks[0];
    expect(task.lastStatus).toBe("RUNNING");
  });

  test.each([-1, "60", 10 ** 9])("AdvanceClock refuses seconds = %j", async (seconds) => {
    const response = await gateway().call("DojoSandbox.AdvanceClock", { seconds });
    expect([response.status, response.json.__type]).toEqual([400, "InvalidParameterException"]);
  });

  test("DojoSandbox operations other than AdvanceClock run on the engine and are saved", async () => {
    const g = gateway();
    await g.call("CreateCluster", { clusterName: "dojo" });
    const added = await g.call("DojoSandbox.AddContainerInstances", { cluster: "dojo", instanceType: "t3.micro", count: 2 });
    expect(added.status).toBe(200);
    expect(added.json.containerInstances).toHaveLength(2);
    expect((await g.call("ListContainerInstances", { cluster: "dojo" })).json.containerInstanceArns).toHaveLength(2);
    const refused = await g.call("DojoSandbox.AddContainerInstances", { cluster: "nope", instanceType: "t3.micro" });
    expect([refused.status, refused.json.__type, refused.json.message]).toEqual([400, "ClusterNotFoundException", "Cluster not found."]);
  });

  test("DojoSandbox has no operations outside its table", async () => {
    const response = await gateway().call("DojoSandbox.Reset");
    expect(response.json.__type).toBe("UnknownOperationException");
  });
});

describe("isolation", () => {
  test("a second learner's key sees nothing of the first learner's sandbox", async () => {
    const g = gateway();
    const created = await g.call("CreateCluster", { clusterName: "dojo" });
    const bob = { learner: "bob" as const };
    expect((await g.call("ListClusters", {}, bob)).json.clusterArns).toEqual([]);
    const described = await g.call("DescribeClusters", { clusters: [created.json.cluster.clusterArn] }, bob);
    expect(described.json).toEqual({ clusters: [], failures: [{ arn: created.json.cluster.clusterArn, reason: "MISSING" }] });
    expect((await g.call("RunTask", { cluster: "dojo", taskDefinition: "web" }, bob)).json.__type).toBe("ClusterNotFoundException");
  });

  test("each Region of the signature is its own sandbox", async () => {
    const g = gateway();
    await g.call("CreateCluster", { clusterName: "dojo" });
    expect((await g.call("ListClusters", {}, { region: "us-east-1" })).json.clusterArns).toEqual([]);
  });
});

describe("the site's reads of a sandbox nobody changes", () => {
  const alice = LEARNERS.alice.accountId;
  const snapshotNow = async (g: ReturnType<typeof gateway>) => {
    const engine = (await sandboxReader(alice, "ap-northeast-1", g.deps))!;
    const read = Object.assign(async (operation: string, input: unknown) => engine(operation, input) as never, { answersFrom: engine.state }) as ConsoleReader;
    return { state: engine.state, snapshot: await consoleSnapshot(read, "dojo") };
  };

  test("are built once while no timer is due, and again as soon as one fires — without any write", async () => {
    const g = gateway();
    const taskArn = await withRunningBasics(g);
    const first = await snapshotNow(g);
    expect(first.snapshot.tasks.map((t) => [t.taskArn, t.lastStatus])).toEqual([[taskArn, "PROVISIONING"]]);
    const again = await snapshotNow(g);
    expect(again.state).toBe(first.state);
    expect(again.snapshot).toBe(first.snapshot);
    // The task's next step is due within a few simulated minutes: the same stored state, moved later, shows it.
    let later = again;
    for (let polls = 0; polls < 100 && later.snapshot.tasks[0].lastStatus !== "RUNNING"; polls++) {
      g.tick(2);
      later = await snapshotNow(g);
    }
    expect(later.snapshot.tasks[0].lastStatus).toBe("RUNNING");
    expect(later.snapshot).not.toBe(first.snapshot);
  });

  test("of a sandbox that does not exist yet answer from one empty state, and store nothing", async () => {
    const g = gateway();
    const first = await snapshotNow(g);
    g.tick(60);
    const again = await snapshotNow(g);
    expect(again.snapshot).toBe(first.snapshot);
    expect(first.snapshot).toMatchObject({ clusters: [], cluster: null, services: [], tasks: [] });
    expect(g.alice()).toBeNull();
  });

  test("see a write at once", async () => {
    const g = gateway();
    await withRunningBasics(g);
    const before = await snapshotNow(g);
    await g.call("CreateCluster", { clusterName: "second" });
    const after = await snapshotNow(g);
    expect(after.state).not.toBe(before.state);
    expect(after.snapshot.clusters.map((c) => c.clusterName).sort()).toEqual(["dojo", "second"]);
  });
});
