/**
 * The `localstack` backend: ECS calls go on to an AWS-compatible endpoint (LocalStack, or moto's server), each in
 * the learner's own account there. The gateway has already verified the learner's signature; the call is signed
 * again with the endpoint's credentials, since the learner's secret means nothing to the endpoint.
 *
 * How each learner gets an account of their own: LocalStack takes a 12-digit access key id as the account id
 * (docs.localstack.cloud/aws/capabilities/config/credentials); moto 5.2 takes the `x-moto-account-id` header
 * (moto/core/responses.py `get_current_account`) and ignores the key. Both are sent, so either endpoint keeps one
 * learner's clusters, task definitions and tasks out of every other learner's sight. The other services (ECR, Logs,
 * IAM, Secrets Manager, SSM, EC2, STS) are forwarded the same way, as they came, and answered as the endpoint answers.
 */
import { ecsModel } from "@/lib/ecs-model";
import { EcsError } from "../engine";
import { signedHeaders, SIGNING_SERVICE } from "../gateway/sigv4";
import type { SandboxBackend, SandboxCaller } from "./backend";

const ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";
/** LocalStack and moto both ignore the secret; any fixed value signs correctly. */
const DEFAULT_SECRET = "test";
const DEFAULT_TIMEOUT_MS = 30_000;

export interface ForwardOptions {
  /** Base URL of the endpoint, e.g. http://localhost:4566 (LocalStack) or http://127.0.0.1:5000 (moto_server). */
  endpoint: string;
  /** Secret to sign with. Default "test". */
  secretAccessKey?: string;
  /** How long one call may take before the learner gets a ServerException. Default 30 s. */
  timeoutMs?: number;
  /** Wall clock for the signature date. Default Date.now. */
  now?: () => number;
}

export function forwardBackend(options: ForwardOptions): SandboxBackend {
  const url = new URL(options.endpoint);
  /** Signs a call for the endpoint as the caller's account there and sends it. */
  async function send(service: string, what: string, headers: Record<string, string>, body: string, caller: SandboxCaller): Promise<Response> {
    const unsigned = { ...headers, host: url.host, "x-moto-account-id": caller.accountId };
    const credentials = { accessKeyId: caller.accountId, secretAccessKey: options.secretAccessKey ?? DEFAULT_SECRET };
    const path = url.pathname + url.search;
    const signed = signedHeaders({ method: "POST", path, headers: unsigned, body }, credentials, caller.region, (options.now ?? Date.now)(), service);
    // fetch sets Host itself, to the same value the signature covers.
    const sent = Object.fromEntries(Object.entries(signed).filter(([name]) => name !== "host"));
    try {
      return await fetch(url, { method: "POST", headers: sent, body, signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
    } catch (error) {
      throw new Error(`the sandbox backend at ${url.origin} did not answer ${what}`, { cause: error });
    }
  }
  return {
    runsEngine: false,
    answers: (operation) => ecsModel.operations.includes(operation),
    async run(operation, input, caller) {
      const headers = { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${ECS_TARGET_PREFIX}.${operation}` };
      const response = await send(SIGNING_SERVICE, operation, headers, JSON.stringify(input ?? {}), caller);
      return answerOf(operation, response.status, response.headers.get("x-amzn-errortype"), await response.text());
    },
    async forward(service, request, caller) {
      const headers: Record<string, string> = { "content-type": request.headers["content-type"] ?? "application/x-www-form-urlencoded" };
      if (request.headers["x-amz-target"] !== undefined) headers["x-amz-target"] = request.headers["x-amz-target"];
      const response = await send(service, `a ${service} call`, headers, request.body, caller);
      const passed = ["content-type", "x-amzn-requestid", "x-amzn-errortype"].flatMap((name) => {
        const value = response.headers.get(name);
        return value === null ? [] : [[name, value] as const];
      });
      return { status: response.status, headers: Object.fromEntries(passed), body: await response.text() };
    },
  };
}

/**
 * The endpoint's answer as the gateway passes it on: the output of a 200, or the endpoint's AWS error with
 * `__type` and `message` normalised (moto also sends `Message`; LocalStack may name the type only in a header).
 * A failure without an AWS error shape, such as moto's HTML 500 pages, becomes a ServerException.
 */
export function answerOf(operation: string, status: number, errorTypeHeader: string | null, text: string): object {
  const payload = parseObject(text);
  if (status === 200 && payload) return payload;
  const type = bareType(stringField(payload, "__type") ?? errorTypeHeader ?? stringField(payload, "code"));
  if (status >= 400 && status < 500 && type) {
    throw new EcsError(type, stringField(payload, "message") ?? stringField(payload, "Message") ?? "");
  }
  throw new EcsError("ServerException", `The sandbox backend failed on ${operation} (HTTP ${status}).`);
}

function parseObject(text: string): Record<string, unknown> | null {
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stringField(payload: Record<string, unknown> | null, name: string): string | undefined {
  const value = payload?.[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `aws.ecs#ClusterNotFoundException:http://…` → `ClusterNotFoundException`, as botocore reads it. */
function bareType(type: string | null | undefined): string | undefined {
  if (!type) return undefined;
  const bare = type.split(":")[0].split("#").pop();
  return bare || undefined;
}
