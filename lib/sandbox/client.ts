/**
 * A learner's sandbox seen from outside the app, over HTTP with their own keys: an ECS SDK client and the
 * sandbox's own DojoSandbox operations (which no SDK knows, so they are signed here with the SDK's SigV4 signer).
 * Used by `ecs-dojo check` and `lessons verify`; the app reaches the gateway in process instead.
 */
import { ECSClient } from "@aws-sdk/client-ecs";
import { SignatureV4 } from "@smithy/signature-v4";
import { GRADER_HEADER } from "./gateway";
import { NodeSha256 } from "./sha256";

export interface RemoteSandbox {
  ecs: ECSClient;
  /** A DojoSandbox operation; throws with AWS's error type and message when it fails. */
  dojo(operation: string, input: object): Promise<Record<string, unknown>>;
}

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
  const signer = new SignatureV4({ service: "ecs", region, credentials, sha256: NodeSha256 });
  const url = new URL(endpoint);
  return {
    ecs,
    async dojo(operation, input) {
      const body = JSON.stringify(input);
      const signed = await signer.sign({
        method: "POST",
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        headers: {
          host: url.host,
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `DojoSandbox.${operation}`,
          ...(grader ? { [GRADER_HEADER]: "1" } : {}),
        },
        body,
      });
      const response = await fetch(url, { method: "POST", headers: signed.headers, body });
      const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok) {
        const error = new Error(String(answer.message ?? answer.Message ?? `HTTP ${response.status}`));
        error.name = String(answer.__type ?? "ServerException");
        throw error;
      }
      return answer;
    },
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

