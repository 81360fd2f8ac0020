import net from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, test } from "vitest";
import { answerOf, forwardBackend } from "@/lib/sandbox/backends/forward";
import { configuredBackend } from "@/lib/sandbox/backends/config";
import { EcsError } from "@/lib/sandbox/engine";
import { handleAwsRequest, type GatewayDeps } from "@/lib/sandbox/gateway";
import { signedHeaders } from "@/lib/sandbox/gateway/sigv4";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { NodeSha256, signRequest } from "./support/sign";

describe("signedHeaders (the forwarding backend's re-signing)", () => {
  test("gives the signature the AWS SDK's own signer gives for the same request", async () => {
    const date = new Date(Date.UTC(2026, 10, 22, 12, 0, 0));
    const body = '{"clusterName":"dojo"}';
    const headers = {
      host: "127.0.0.1:4566",
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AmazonEC2ContainerServiceV20141113.CreateCluster",
      "x-moto-account-id": "111122223333",
    };
    const ours = signedHeaders({ method: "POST", path: "/", headers, body }, { accessKeyId: "111122223333", secretAccessKey: "test" }, "ap-northeast-1", date.getTime());
    const sdk = await new SignatureV4({
      credentials: { accessKeyId: "111122223333", secretAccessKey: "test" },
      region: "ap-northeast-1",
      service: "ecs",
      sha256: NodeSha256,
      applyChecksum: false,
    }).sign({ method: "POST", protocol: "http:", hostname: "127.0.0.1", port: 4566, path: "/", headers, body }, { signingDate: date });
    expect(ours.authorization).toBe(sdk.headers.authorization);
    expect(ours["x-amz-date"]).toBe("20261122T120000Z");
  });
});

function thrown(run: () => unknown): EcsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EcsError);
    return error as EcsError;
  }
  throw new Error("expected an EcsError");
}

describe("answerOf (the endpoint's answer as the learner gets it)", () => {
  test("a 200 passes its output on; an empty 200 is an empty output", () => {
    expect(answerOf("ListClusters", 200, null, '{"clusterArns":[]}')).toEqual({ clusterArns: [] });
    expect(answerOf("DeleteAttributes", 200, null, "")).toEqual({});
  });

  test("moto's error (__type, message and Message) keeps its type and message", () => {
    const error = thrown(() =>
      answerOf("DescribeTaskDefinition", 400, "ClientException", '{"__type":"ClientException","message":"Unable to describe task definition.","Message":"Unable to describe task definition."}'),
    );
    expect([error.type, error.message]).toEqual(["ClientException", "Unable to describe task definition."]);
  });

  test("a namespaced type, or a type only in the header, becomes the bare shape name", () => {
    expect(thrown(() => answerOf("RunTask", 400, null, '{"__type":"com.amazonaws.ecs#ClusterNotFoundException:http://x","Message":"Cluster not found."}'))).toMatchObject({
      type: "ClusterNotFoundException",
      message: "Cluster not found.",
    });
    expect(thrown(() => answerOf("RunTask", 400, "InvalidParameterException", '{"message":"bad"}'))).toMatchObject({
      type: "InvalidParameterException",
      message: "bad",
    });
  });

  test("an HTML 500, a 200 that is not JSON, or a 4xx without a type is a ServerException", () => {
    for (const [status, body] of [[500, "<!doctype html><title>500</title>"], [200, "<html>"], [404, "Not Found"]] as const) {
      expect(thrown(() => answerOf("RunTask", status, null, body))).toMatchObject({
        type: "ServerException",
        message: `The sandbox backend failed on RunTask (HTTP ${status}).`,
      });
    }
  });
});

describe("configuredBackend", () => {
  test("embedded by default; localstack forwards every ECS operation and has no simulation operations", () => {
    expect(configuredBackend({})).toBeUndefined();
    expect(configuredBackend({ DOJO_SANDBOX_BACKEND: "embedded" })).toBeUndefined();
    const forward = configuredBackend({ DOJO_SANDBOX_BACKEND: "localstack" })!;
    expect(forward.runsEngine).toBe(false);
    expect([forward.answers("CreateService"), forward.answers("PutAccountSetting"), forward.answers("AdvanceClock")]).toEqual([true, true, false]);
  });

  test("a misspelt backend or a bad endpoint fails at start-up", () => {
    expect(() => configuredBackend({ DOJO_SANDBOX_BACKEND: "local-stack" })).toThrow('DOJO_SANDBOX_BACKEND must be "embedded" or "localstack", not "local-stack"');
    expect(() => configuredBackend({ DOJO_SANDBOX_BACKEND: "localstack", DOJO_LOCALSTACK_ENDPOINT: "localhost:4566" })).toThrow(
      'DOJO_LOCALSTACK_ENDPOINT must be an http(s) URL, not "localhost:4566"',
    );
  });
});

describe("forwardBackend through the gateway", () => {
  test("an endpoint that does not answer gives the learner a ServerException and the operator a log line", async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = server.address() as net.AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const logged: string[] = [];
    const learner = { accessKeyId: "ADOJALICEALICEALICE2", secretAccessKey: "alice-secret-alice-secret-alice-secret-a" };
    const deps: GatewayDeps = {
      store: new MemorySandboxStore(),
      credentials: { lookup: async () => ({ accountId: "111111111111", secretAccessKey: learner.secretAccessKey }) },
      backend: forwardBackend({ endpoint: `http://127.0.0.1:${port}`, timeoutMs: 5000 }),
      log: (message) => logged.push(message),
    };
    const request = await signRequest({ host: "dojo.example", path: "/aws", target: "AmazonEC2ContainerServiceV20141113.ListClusters", body: "{}", ...learner });
    const response = await handleAwsRequest(request, deps);
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ __type: "ServerException", message: "The sandbox could not process the request." });
    expect(logged).toHaveLength(1);
  });
});
