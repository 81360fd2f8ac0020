import { AWS_MODELS, type ModelledService, type ServiceModel } from "@/lib/aws-models";
import { cborProtocol } from "./cbor";
import { ec2Protocol } from "./ec2";
import { jsonProtocol, queryCompatibleJsonProtocol } from "./json";
import type { WireProtocol } from "./protocol";
import { queryProtocol } from "./query";

export type { WireProtocol } from "./protocol";

const PROTOCOLS: Partial<Record<ServiceModel["metadata"]["protocol"], WireProtocol>> = {
  json: jsonProtocol,
  query: queryProtocol,
  ec2: ec2Protocol,
  "smithy-rpc-v2-cbor": cborProtocol,
};

/**
 * The protocol a service speaks (its model says which). A service whose model offers Smithy RPC v2 CBOR (CloudWatch)
 * is answered in the protocol the request came in: CBOR from botocore itself (boto3), AWS JSON 1.0 from the AWS CLI v1
 * (which sends CloudWatch calls with X-Amz-Target and `application/x-amz-json-1.0`).
 */
export function protocolOf(model: ServiceModel, headers: Record<string, string> = {}): WireProtocol {
  if (model.metadata.protocol === "smithy-rpc-v2-cbor") {
    const name = Object.keys(headers).find((key) => key.toLowerCase() === "content-type");
    return name !== undefined && String(headers[name]).toLowerCase().startsWith("application/cbor") ? cborProtocol : queryCompatibleJsonProtocol;
  }
  const protocol = PROTOCOLS[model.metadata.protocol];
  if (!protocol) throw new Error(`no wire protocol ${model.metadata.protocol} for ${model.metadata.serviceId}`);
  return protocol;
}

/**
 * For a failure the gateway answers before it has read the call (a bad signature, an unknown key, throttling): the
 * XML protocol and model of the service the request's credential scope names, so that `aws iam …` reads its own
 * error shape. Undefined when the Authorization header names no such service: ECS and the JSON 1.1 services keep the
 * gateway's JSON errors, which are already theirs.
 */
export function xmlProtocolOfScope(headers: Record<string, string>): { protocol: WireProtocol; model: ServiceModel } | undefined {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === "authorization");
  const credential = name === undefined ? undefined : /Credential=([^,\s]+)/.exec(String(headers[name]))?.[1];
  const service = credential?.split("/")[3];
  if (!service || !Object.hasOwn(AWS_MODELS, service)) return undefined;
  const model = AWS_MODELS[service as ModelledService];
  return model.metadata.protocol === "json" ? undefined : { protocol: protocolOf(model, headers), model };
}
