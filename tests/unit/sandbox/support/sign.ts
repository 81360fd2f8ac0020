/**
 * Signs requests with the AWS SDK's own SigV4 signer (@smithy/signature-v4, installed with @aws-sdk/client-ecs),
 * so the gateway's verifier is tested against the real thing rather than against itself.
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@/lib/sandbox/sha256";

export { NodeSha256 };

export interface SignInput {
  host: string;
  path: string;
  /** X-Amz-Target; empty for none. */
  target: string;
  body: string;
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  signingDate?: Date;
  /** The signing name of the credential scope, which picks the service at the gateway. Default "ecs". */
  service?: string;
  /** Default AWS JSON 1.1; the query services (IAM, STS, EC2) send a form. */
  contentType?: string;
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A POST as the SDK would send it: JSON 1.1 headers, X-Amz-Target, SigV4 for service "ecs" unless told otherwise. */
export async function signRequest(input: SignInput): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey },
    region: input.region ?? "ap-northeast-1",
    service: input.service ?? "ecs",
    sha256: NodeSha256,
  });
  const [hostname, port] = input.host.split(":");
  const [pathname, search = ""] = input.path.split("?");
  const query = Object.fromEntries(new URLSearchParams(search));
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname,
      port: port ? Number(port) : undefined,
      path: pathname,
      query,
      headers: {
        host: input.host,
        "content-type": input.contentType ?? "application/x-amz-json-1.1",
        ...(input.target ? { "x-amz-target": input.target } : {}),
      },
      body: input.body,
    },
    { signingDate: input.signingDate },
  );
  return { method: "POST", path: input.path, headers: signed.headers as Record<string, string>, body: input.body };
}
