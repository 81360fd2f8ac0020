/**
 * The API models of the AWS services the sandbox answers besides ECS, generated from botocore by
 * scripts/generate-aws-models.py (npm run generate:models): protocol metadata, the emulated operations and every
 * shape reachable from them, as botocore writes them (documentation left out). The wire protocols read requests and
 * write answers from these; the services' own code never looks at them.
 */
import applicationAutoscaling from "./generated/application-autoscaling.json";
import cloudwatch from "./generated/cloudwatch.json";
import ec2 from "./generated/ec2.json";
import ecr from "./generated/ecr.json";
import elbv2 from "./generated/elbv2.json";
import iam from "./generated/iam.json";
import logs from "./generated/logs.json";
import secretsmanager from "./generated/secretsmanager.json";
import ssm from "./generated/ssm.json";
import sts from "./generated/sts.json";

/** The SigV4 signing names of the services with a generated model (ECS has its own, lib/ecs-model). */
export type ModelledService = "application-autoscaling" | "ec2" | "ecr" | "elasticloadbalancing" | "iam" | "logs" | "monitoring" | "secretsmanager" | "ssm" | "sts";

export interface MemberRef {
  shape: string;
  locationName?: string;
  queryName?: string;
  flattened?: boolean;
  xmlNamespace?: { uri: string };
  timestampFormat?: string;
  idempotencyToken?: boolean;
}

export interface ShapeModel {
  type: "structure" | "list" | "map" | "string" | "integer" | "long" | "boolean" | "timestamp" | "double" | "float" | "blob";
  members?: Record<string, MemberRef>;
  /** Member names in the model's order (XML answers keep it). */
  memberOrder?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  flattened?: boolean;
  locationName?: string;
  timestampFormat?: string;
  sensitive?: boolean;
  exception?: boolean;
  /** For an exception: its wire code and HTTP status where they differ from the shape name and 400. */
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export interface OperationModel {
  input?: string;
  output?: string;
  /** Query protocol: the element the output is wrapped in (`CreateRoleResult`). */
  resultWrapper?: string;
  errors?: string[];
}

export interface ServiceModel {
  metadata: {
    protocol: "json" | "query" | "ec2" | "smithy-rpc-v2-cbor";
    apiVersion: string;
    targetPrefix?: string;
    signingName?: string;
    endpointPrefix: string;
    jsonVersion?: string;
    xmlNamespace?: string;
    serviceId: string;
  };
  operations: Record<string, OperationModel>;
  /** Every operation of the real service, emulated or not (to say "not emulated" rather than "unknown"). */
  allOperations: string[];
  shapes: Record<string, ShapeModel>;
}

export const AWS_MODELS: Record<ModelledService, ServiceModel> = { "application-autoscaling": applicationAutoscaling, ec2, ecr, elasticloadbalancing: elbv2, iam, logs, monitoring: cloudwatch, secretsmanager, ssm, sts } as unknown as Record<
  ModelledService,
  ServiceModel
>;
