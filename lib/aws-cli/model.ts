/**
 * The service models the interpreter reads, generated from botocore by scripts/generate-awscli-models.py: per service
 * its protocol, operations (with the AWS CLI's kebab-case names), paginators, waiters and shapes. Loaded lazily, one
 * service at a time, so the browser only downloads the services a learner calls.
 */

export type ShapeType = "structure" | "list" | "map" | "string" | "integer" | "long" | "boolean" | "timestamp" | "double" | "float" | "blob";

export interface MemberRef {
  shape: string;
  locationName?: string;
  queryName?: string;
  flattened?: boolean;
  xmlAttribute?: boolean;
  timestampFormat?: string;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
}

export interface Shape {
  type: ShapeType;
  /** [name, member] pairs in the model's order. */
  members?: [string, MemberRef][];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  required?: string[];
  enum?: string[];
  min?: number;
  flattened?: boolean;
  locationName?: string;
  timestampFormat?: string;
  document?: boolean;
  union?: boolean;
}

export interface Paginator {
  input_token: string | string[];
  output_token: string | string[];
  limit_key?: string;
  result_key?: string | string[];
  more_results?: string;
  non_aggregate_keys?: string[];
}

export interface Acceptor {
  matcher: "path" | "pathAll" | "pathAny" | "status" | "error";
  argument?: string;
  expected: unknown;
  state: "success" | "failure" | "retry";
}

export interface Waiter {
  cliName: string;
  operation: string;
  delay: number;
  maxAttempts: number;
  acceptors: Acceptor[];
  description?: string;
}

export interface Operation {
  cliName: string;
  input?: string;
  output?: string;
  resultWrapper?: string;
  summary?: string;
  /** Per top-level input member: the --option name, and for booleans the negative flag's name. */
  arguments?: Record<string, { name: string; negative?: string }>;
  memberSummaries?: Record<string, string>;
  paginator?: Paginator;
  deprecated?: boolean;
}

export interface ServiceModel {
  cliName: string;
  metadata: {
    protocol: string;
    protocols?: string[];
    apiVersion: string;
    targetPrefix?: string;
    signingName?: string;
    endpointPrefix: string;
    jsonVersion?: string;
    xmlNamespace?: string;
    serviceId: string;
    serviceFullName?: string;
    globalEndpoint?: string;
  };
  summary?: string;
  operations: Record<string, Operation>;
  /** The CLI names of every operation of the real service, modelled here or not. */
  allOperations: string[];
  waiters: Record<string, Waiter>;
  shapes: Record<string, Shape>;
}

/** The services the interpreter knows, by AWS CLI command name. Each loads its generated model on first use. */
const LOADERS: Record<string, () => Promise<{ default: unknown }>> = {
  "application-autoscaling": () => import("./generated/application-autoscaling.json"),
  cloudwatch: () => import("./generated/cloudwatch.json"),
  ec2: () => import("./generated/ec2.json"),
  ecr: () => import("./generated/ecr.json"),
  ecs: () => import("./generated/ecs.json"),
  elbv2: () => import("./generated/elbv2.json"),
  iam: () => import("./generated/iam.json"),
  logs: () => import("./generated/logs.json"),
  secretsmanager: () => import("./generated/secretsmanager.json"),
  ssm: () => import("./generated/ssm.json"),
  sts: () => import("./generated/sts.json"),
};

export const SERVICE_NAMES: readonly string[] = Object.keys(LOADERS).sort();

const cache = new Map<string, Promise<ServiceModel>>();

export function isKnownService(name: string): boolean {
  return Object.hasOwn(LOADERS, name);
}

export function loadService(name: string): Promise<ServiceModel> {
  let model = cache.get(name);
  if (!model) {
    model = LOADERS[name]().then((module) => module.default as ServiceModel);
    cache.set(name, model);
  }
  return model;
}

/** The operation of `model` whose CLI name is `cliName`. */
export function operationByCliName(model: ServiceModel, cliName: string): [string, Operation] | undefined {
  for (const [name, operation] of Object.entries(model.operations)) if (operation.cliName === cliName) return [name, operation];
  return undefined;
}

export function membersOf(shape: Shape): [string, MemberRef][] {
  return shape.members ?? [];
}

export function memberRef(shape: Shape, name: string): MemberRef | undefined {
  return shape.members?.find(([member]) => member === name)?.[1];
}

/**
 * The wire protocol the interpreter speaks to a service: the model's own where the gateway reads it, otherwise the
 * first alternative the model lists that it does (CloudWatch's current model says Smithy RPC v2 CBOR first, then
 * AWS JSON 1.0, which the gateway answers for CLI v1 too).
 */
export function wireProtocol(model: ServiceModel): "json" | "query" | "ec2" {
  const candidates = [model.metadata.protocol, ...(model.metadata.protocols ?? [])];
  for (const protocol of candidates) if (protocol === "json" || protocol === "query" || protocol === "ec2") return protocol;
  throw new Error(`no supported wire protocol for ${model.cliName}`);
}

export function signingName(model: ServiceModel): string {
  return model.metadata.signingName ?? model.metadata.endpointPrefix;
}
