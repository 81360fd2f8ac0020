/**
 * SigV4 for the interpreter's requests, with the SDK's signer (@smithy/signature-v4) and the Web Crypto API for
 * SHA-256 and HMAC, which both the browser and Node have: the same code signs in the terminal and in
 * `npx ecs-dojo aws`.
 */
import { SignatureV4 } from "@smithy/signature-v4";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

type Bytes = string | ArrayBuffer | ArrayBufferView;

function bytes(data: Bytes): Uint8Array<ArrayBuffer> {
  if (typeof data === "string") return new TextEncoder().encode(data) as Uint8Array<ArrayBuffer>;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  return new Uint8Array(data.slice(0));
}

/** SHA-256 (or HMAC-SHA-256 with a secret) in the shape the signer takes, over crypto.subtle. */
class WebCryptoSha256 {
  private chunks: Uint8Array<ArrayBuffer>[] = [];

  constructor(private readonly secret?: Bytes) {}

  update(data: Bytes): void {
    this.chunks.push(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    const length = this.chunks.reduce((sum, c) => sum + c.byteLength, 0);
    const all = new Uint8Array(length);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.byteLength;
    }
    if (this.secret === undefined) return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
    const key = await crypto.subtle.importKey("raw", bytes(this.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new Uint8Array(await crypto.subtle.sign("HMAC", key, all));
  }

  reset(): void {
    this.chunks = [];
  }
}

export interface UnsignedRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/** Signs a POST to `url` for `service` in `region` at `now`; returns every header to send. */
export async function signRequest(request: UnsignedRequest, service: string, region: string, credentials: Credentials, now: Date): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service, region, credentials, sha256: WebCryptoSha256, uriEscapePath: true, applyChecksum: false });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      port: request.url.port ? Number(request.url.port) : undefined,
      path: request.url.pathname,
      // An endpoint URL may carry a query string: it is sent, so it is signed.
      query: Object.fromEntries(request.url.searchParams.entries()),
      headers: { host: request.url.host, ...request.headers },
      body: request.body,
    },
    { signingDate: now },
  );
  return signed.headers as Record<string, string>;
}
