/** SHA-256 and HMAC-SHA-256 from node:crypto in the shape the SDK's SigV4 signer takes (its own hash package is not installed here). */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";

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
