/**
 * Signs requests with the AWS SDK's own SigV4 signer (@smithy/signature-v4, installed with @aws-sdk/client-ecs),
 * so the gateway's verifier is tested against the real thing rather than against itself.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";

type Bytes = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: Bytes): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

export class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: Bytes) {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(this.secret));
  }

  update(data: Bytes): void {
    this.hash.update(toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

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
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A POST as the SDK would send it: JSON 1.1 headers, X-Amz-Target, SigV4 for service "ecs". */
export async function signRequest(input: SignInput): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey },
    region: input.region ?? "ap-northeast-1",
    service: "ecs",
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
        "content-type": "application/x-amz-json-1.1",
        ...(input.target ? { "x-amz-target": input.target } : {}),
      },
      body: input.body,
    },
    { signingDate: input.signingDate },
  );
  return { method: "POST", path: input.path, headers: signed.headers as Record<string, string>, body: input.body };
}
