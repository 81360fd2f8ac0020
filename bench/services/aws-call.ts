// Signed calls to the services besides ECS, as the AWS CLI puts them on the wire: AWS JSON 1.1 with X-Amz-Target for
// ECR, Logs, Secrets Manager, SSM and Application Auto Scaling, AWS JSON 1.0 for CloudWatch (its model offers Smithy
// RPC v2 CBOR first, which the AWS CLI v1 does not speak: it sends JSON 1.0 with X-Amz-Target), a query form with
// Action and Version for IAM, EC2 and Elastic Load Balancing v2, SigV4 for the service's signing name (IAM in
// us-east-1, as the CLI signs it). ECS itself (JSON 1.1) only for setting up what Application Auto Scaling scales. No SDK client is installed for these services, and the bench
// measures the endpoint, not a client: answers are read as text and only their status is checked.
import { SignatureV4 } from "@smithy/signature-v4";
import { AWS_MODELS, type ModelledService } from "@/lib/aws-models";
import { NodeSha256 } from "@/lib/sandbox/sha256";

export interface Endpoint {
  /** Where calls are POSTed, e.g. http://127.0.0.1:3000/aws */
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Sent with every call, unsigned (moto's x-moto-account-id). */
  headers?: Record<string, string>;
}

/** Query parameters as they go on the wire (`IpPermissions.1.IpProtocol`), Action and Version aside. */
export type QueryParams = Record<string, string>;

/** The services the bench calls: the modelled ones, and ECS for the service a scalable target needs. */
export type BenchService = ModelledService | "ecs";

export type AwsCall = (service: BenchService, operation: string, input?: object | QueryParams) => Promise<string>;

/** How a call to `service` goes on the wire: JSON (with its version and X-Amz-Target prefix) or a query form. */
function wireOf(service: BenchService): { json: false; apiVersion: string } | { json: true; version: string; targetPrefix: string } {
  if (service === "ecs") return { json: true, version: "1.1", targetPrefix: "AmazonEC2ContainerServiceV20141113" };
  const { metadata } = AWS_MODELS[service];
  if (metadata.protocol === "json") return { json: true, version: metadata.jsonVersion ?? "1.1", targetPrefix: metadata.targetPrefix! };
  if (metadata.protocol === "smithy-rpc-v2-cbor") return { json: true, version: "1.0", targetPrefix: metadata.targetPrefix! };
  return { json: false, apiVersion: metadata.apiVersion };
}

/** A caller for one endpoint: one signer per service, so its derived signing key is reused from call to call. */
export function awsCaller(endpoint: Endpoint): AwsCall {
  const url = new URL(endpoint.url);
  const signers = new Map<string, SignatureV4>();
  const signerFor = (service: BenchService) => {
    const region = service === "iam" || service === "sts" ? "us-east-1" : endpoint.region;
    let signer = signers.get(service);
    if (!signer) {
      const { accessKeyId, secretAccessKey } = endpoint;
      signer = new SignatureV4({ service, region, credentials: { accessKeyId, secretAccessKey }, sha256: NodeSha256 });
      signers.set(service, signer);
    }
    return signer;
  };

  return async (service, operation, input = {}) => {
    const wire = wireOf(service);
    const body = wire.json
      ? JSON.stringify(input)
      : new URLSearchParams({ Action: operation, Version: wire.apiVersion, ...(input as QueryParams) }).toString();
    const headers: Record<string, string> = wire.json
      ? { "content-type": `application/x-amz-json-${wire.version}`, "x-amz-target": `${wire.targetPrefix}.${operation}` }
      : { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
    const signed = await signerFor(service).sign({
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, ...headers },
      body,
    });
    // fetch sets Host itself, to the same value the signature covers.
    const sent = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== "host"));
    const response = await fetch(url, { method: "POST", headers: { ...sent, ...endpoint.headers }, body });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${service} ${operation} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
    return text;
  };
}
