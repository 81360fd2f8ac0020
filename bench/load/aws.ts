// A learner's signed AWS calls: ECS JSON 1.1 over SigV4, signed as the repo signs (@smithy/signature-v4 with
// lib/sandbox/sha256.ts), one signer per learner so its derived signing key is reused from call to call.
import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "@/lib/sandbox/sha256";
import type { HttpTarget, RequestSpec } from "./http";

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  endpointPath: string;
}

export const ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";

export class AwsSigner {
  private readonly signer: SignatureV4;

  constructor(
    private readonly target: HttpTarget,
    readonly credentials: SandboxCredentials,
  ) {
    const { accessKeyId, secretAccessKey, region } = credentials;
    this.signer = new SignatureV4({ service: "ecs", region, credentials: { accessKeyId, secretAccessKey }, sha256: NodeSha256 });
  }

  /** The request for `operation`, signed over host, x-amz-date, x-amz-target and content-type; sent on a new connection. */
  async request(operation: string, input: object): Promise<RequestSpec> {
    const body = JSON.stringify(input);
    const { hostname, port } = this.target;
    const path = this.credentials.endpointPath;
    const signed = await this.signer.sign({
      method: "POST",
      protocol: "http:",
      hostname,
      port,
      path,
      query: {},
      headers: {
        host: `${hostname}:${port}`,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `${ECS_TARGET_PREFIX}.${operation}`,
      },
      body,
    });
    return { method: "POST", path, headers: signed.headers, body, agent: false };
  }
}
