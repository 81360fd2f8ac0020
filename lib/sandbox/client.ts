/**
 * A learner's sandbox seen from outside the app, over HTTP with their own keys: an ECS SDK client, the sandbox's own
 * DojoSandbox operations (which no SDK knows) and CloudWatch Logs reads for the grader, both signed here with the
 * SDK's SigV4 signer.
 * Used by `ecs-dojo check` and `lessons verify`; the app reaches the gateway in process instead.
 */
import { ECSClient } from "@aws-sdk/client-ecs";
import { awsErrorIn } from "./aws-error-answer";
import { SignatureV4 } from "@smithy/signature-v4";
import { GRADER_HEADER } from "./gateway";
import { NodeSha256 } from "./sha256";

export interface RemoteSandbox {
  ecs: ECSClient;
  /** A DojoSandbox operation; throws with AWS's error type and message when it fails. */
  dojo(operation: string, input: object): Promise<Record<string, unknown>>;
  /** A CloudWatch Logs operation (AWS JSON 1.1); throws with AWS's error type and message when it fails. */
  logs: AwsJsonCall;
  /** An IAM action (query protocol); answers the XML document, throws with AWS's error code and message when it fails. */
  iam: AwsQueryCall;
}

/** An action of a query-protocol service (form parameters in, XML out); throws an Error named by AWS's error code. */
export type AwsQueryCall = (action: string, params: Record<string, string>) => Promise<string>;

/** An operation of an AWS JSON 1.1 service, however the caller reaches the gateway; throws an Error named by AWS's error type. */
export type AwsJsonCall = (operation: string, input: object) => Promise<Record<string, unknown>>;

/** A request ready to send: signed with SigV4 for its service, as the SDK would sign it. */
export interface SignedJsonRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/**
 * Signs one AWS JSON 1.1 request (`X-Amz-Target: <targetPrefix>.<operation>`) for `service` at `endpoint`, marked as the
 * grader's own when asked (gateway GRADER_HEADER): the DojoSandbox operations (signed for "ecs") and the other services'
 * reads the grader needs (CloudWatch Logs), which the ECS SDK client cannot send.
 */
export function signJsonRequest(options: RemoteSandboxOptions, service: string, target: string, input: object): Promise<SignedJsonRequest> {
  return signRequest(options, service, { "content-type": "application/x-amz-json-1.1", "x-amz-target": target }, JSON.stringify(input));
}

/** Signs one query-protocol request (`Action=…&Version=…`, form-encoded) for `service`, as signJsonRequest does. */
export function signQueryRequest(options: RemoteSandboxOptions, service: string, version: string, action: string, params: Record<string, string>): Promise<SignedJsonRequest> {
  const body = new URLSearchParams({ Action: action, Version: version, ...params }).toString();
  return signRequest(options, service, { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body);
}

async function signRequest(
  { endpoint, region, credentials, grader }: RemoteSandboxOptions,
  service: string,
  headers: Record<string, string>,
  body: string,
): Promise<SignedJsonRequest> {
  const signer = new SignatureV4({ service, region, credentials, sha256: NodeSha256 });
  const url = new URL(endpoint);
  const signed = await signer.sign({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    headers: { host: url.host, ...headers, ...(grader ? { [GRADER_HEADER]: "1" } : {}) },
    body,
  });
  return { url, headers: signed.headers as Record<string, string>, body };
}

/** A query-protocol answer: the XML document, or an Error named by its `<Code>` with its `<Message>`. */
export function xmlAnswer(status: number, text: string): string {
  if (status >= 200 && status < 300) return text;
  const { code, message } = awsErrorIn(text);
  const error = new Error(message ?? `HTTP ${status}`);
  error.name = code ?? "ServiceFailure";
  throw error;
}

/** An AWS JSON answer: the output, or an Error named by the error type (`__type`, without a namespace) with AWS's message. */
export function jsonAnswer(status: number, text: string): Record<string, unknown> {
  if (status < 200 || status >= 300) {
    // An empty or non-JSON body: only the status says anything.
    const { code, message } = awsErrorIn(text);
    const error = new Error(message ?? `HTTP ${status}`);
    error.name = code ?? "ServerException";
    throw error;
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** CloudWatch Logs' signing name and target prefix. */
export const LOGS_SERVICE = { signingName: "logs", targetPrefix: "Logs_20140328" } as const;
/** IAM's signing name, API version and the Region its calls are signed for (IAM is global). */
export const IAM_SERVICE = { signingName: "iam", version: "2010-05-08", region: "us-east-1" } as const;

export interface RemoteSandboxOptions {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Mark the calls as the grader's own, so they never count as the learner's (gateway GRADER_HEADER). */
  grader?: boolean;
}

export function remoteSandbox({ endpoint, region, credentials, grader }: RemoteSandboxOptions): RemoteSandbox {
  const ecs = new ECSClient({ endpoint, region, credentials, maxAttempts: 1 });
  if (grader) {
    ecs.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers[GRADER_HEADER] = "1";
        return next(args);
      },
      { step: "build", name: "dojoGraderHeader" },
    );
  }
  const options = { endpoint, region, credentials, grader };
  const send = async (service: string, target: string, input: object) => {
    const { url, headers, body } = await signJsonRequest(options, service, target, input);
    const response = await fetch(url, { method: "POST", headers, body });
    return jsonAnswer(response.status, await response.text());
  };
  return {
    ecs,
    dojo: (operation, input) => send("ecs", `DojoSandbox.${operation}`, input),
    logs: (operation, input) => send(LOGS_SERVICE.signingName, `${LOGS_SERVICE.targetPrefix}.${operation}`, input),
    async iam(action, params) {
      const iamOptions = { ...options, region: IAM_SERVICE.region };
      const { url, headers, body } = await signQueryRequest(iamOptions, IAM_SERVICE.signingName, IAM_SERVICE.version, action, params);
      const response = await fetch(url, { method: "POST", headers, body });
      return xmlAnswer(response.status, await response.text());
    },
  };
}

/**
 * DojoSandbox operations alone, for the terminal commands (ecs-dojo docker, sandbox): no SDK client is built, so they
 * start fast and print nothing but their own output.
 */
export function dojoClient(options: Omit<RemoteSandboxOptions, "grader">): DojoCall & RemoteSandbox["dojo"] {
  return async (operation, input) => {
    const { url, headers, body } = await signJsonRequest(options, "ecs", `DojoSandbox.${operation}`, input);
    const response = await fetch(url, { method: "POST", headers, body });
    return jsonAnswer(response.status, await response.text());
  };
}

/** A DojoSandbox operation, however the caller reaches the gateway (over HTTP, or in process in the app). */
export type DojoCall = (operation: string, input: object) => Promise<object>;

/**
 * The sandbox's current time in epoch ms: its simulated clock (AdvanceClock by 0 s moves nothing and answers it), or
 * the wall clock on a backend without one (localstack answers UnsupportedFeatureException).
 */
export async function sandboxNowMs(dojo: DojoCall): Promise<number> {
  try {
    return Number((await dojo("AdvanceClock", { seconds: 0 }) as { clock: number }).clock) * 1000;
  } catch (error) {
    const { type, name } = error as { type?: string; name?: string };
    if ((type ?? name) === "UnsupportedFeatureException") return Date.now();
    throw error;
  }
}

