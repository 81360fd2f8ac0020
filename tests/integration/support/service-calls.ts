/**
 * Calls to the sandbox's services besides ECS as an SDK sends them, at the request level: each service's wire
 * protocol (AWS JSON 1.1 with X-Amz-Target, or a query form with Action and Version), signed with SigV4 for the
 * service's signing name in the Region the CLI signs for (us-east-1 for the global IAM and STS). For tests that send
 * what the CLI never would, as well as valid calls.
 */
import { AWS_MODELS, type ModelledService } from "@/lib/aws-models";
import { signedHeaders } from "./fuzz";

export type JsonService = "ecr" | "logs" | "secretsmanager" | "ssm";
export type QueryService = "iam" | "sts" | "ec2";
export const JSON_SERVICES: readonly JsonService[] = ["ecr", "logs", "secretsmanager", "ssm"];
export const QUERY_SERVICES: readonly QueryService[] = ["iam", "sts", "ec2"];

export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

/** A query call's parameters as they go on the wire: flat keys (`Tags.member.1.Key`) to text. */
export type Params = Record<string, string>;

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The Region a service's calls are signed for. */
export function signingRegion(service: ModelledService, region: string): string {
  return service === "iam" || service === "sts" ? "us-east-1" : region;
}

/** `${targetPrefix}.${operation}`: a JSON 1.1 service's X-Amz-Target. */
export function targetOf(service: JsonService, operation: string): string {
  return `${AWS_MODELS[service].metadata.targetPrefix}.${operation}`;
}

/** Percent-encodes as botocore does (RFC 3986 unreserved characters kept). */
export function formEncode(params: Params): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(params)
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join("&");
}

/** Action and Version first, as botocore writes them, then the operation's parameters. */
export function queryBody(service: QueryService, operation: string, params: Params = {}): string {
  return formEncode({ Action: operation, Version: AWS_MODELS[service].metadata.apiVersion, ...params });
}

export interface RawCall {
  service: ModelledService;
  body: string;
  /** JSON 1.1: the X-Amz-Target header; "" for none. */
  target?: string;
  contentType?: string;
  /** The request target, `/aws` unless the call puts a query string on it. */
  path?: string;
}

/** A request of a fuzz before it is signed: the call, and what it must be answered with. */
export interface Draft {
  call: RawCall;
  /** The request target's query string, when the call carries its parameters there. */
  query?: string;
  /** The error code AWS answers (or the codes it may), when the kind of fault decides it. */
  expectedCode?: string | readonly string[];
  /** What the request exercises, for coverage checks (e.g. `CreateRepository.tags`). */
  covers?: string;
}

/** The headers of a call signed with `keys`, as fetch sends them to `url` (the endpoint). */
export function signCall(url: string, keys: Keys, region: string, call: RawCall): Promise<Record<string, string>> {
  const { host, pathname } = new URL(url);
  const json = AWS_MODELS[call.service].metadata.protocol === "json";
  return signedHeaders({
    host,
    path: call.path ?? pathname,
    target: call.target ?? "",
    body: call.body,
    service: call.service,
    region: signingRegion(call.service, region),
    contentType: call.contentType ?? (json ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE),
    ...keys,
  });
}

export interface CallAnswer {
  status: number;
  text: string;
}

/** One valid call: a JSON input for the JSON 1.1 services, flat parameters for the query ones. */
export async function callService(url: string, keys: Keys, region: string, service: ModelledService, operation: string, input: object): Promise<CallAnswer> {
  const json = AWS_MODELS[service].metadata.protocol === "json";
  const call: RawCall = json
    ? { service, target: targetOf(service as JsonService, operation), body: JSON.stringify(input) }
    : { service, body: queryBody(service as QueryService, operation, input as Params) };
  const headers = await signCall(url, keys, region, call);
  const response = await fetch(url, { method: "POST", headers, body: call.body });
  return { status: response.status, text: await response.text() };
}
