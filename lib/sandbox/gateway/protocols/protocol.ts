/**
 * A wire protocol of the AWS services the sandbox answers: how a call arrives and how its answer and its errors
 * leave, as botocore (the AWS CLI) and the AWS SDKs write and read them. The services' code never sees it.
 */
import type { ServiceModel, ShapeModel } from "@/lib/aws-models";
import type { EcsError } from "../../engine";
import type { AwsResponse } from "../http";

export interface WireCall {
  operation: string;
  input: unknown;
}

export interface WireProtocol {
  /** The operation and its input; throws EcsError (AWS's code and message) for a call the service would refuse to read. */
  /** `path`: the request target (the CBOR protocol names the operation there); `body` latin1 bytes for CBOR. */
  read(request: { headers: Record<string, string>; body: string; path?: string }, model: ServiceModel): WireCall;
  answer(operation: string, output: object, model: ServiceModel, requestId: string): AwsResponse;
  failure(error: EcsError, model: ServiceModel, requestId: string): AwsResponse;
}

/**
 * An error code the sandbox raised, as this service's model declares it: its wire code and HTTP status. The code may
 * be the error's shape name (`NoSuchEntityException`) or its wire code (`NoSuchEntity`). A declared error without
 * `senderFault` is the service's fault (botocore's model: IAM's ServiceFailure, 500).
 */
export function declaredError(code: string, model: ServiceModel): { code: string; status: number; senderFault: boolean } {
  const shape = Object.hasOwn(model.shapes, code) ? model.shapes[code] : errorShapeByCode(model).get(code);
  const status = shape?.error?.httpStatusCode ?? (code === "ServiceUnavailable" || code === "InternalFailure" || code === "ServerException" ? 500 : 400);
  return {
    code: shape?.error?.code ?? code,
    status,
    senderFault: shape?.error?.senderFault ?? (shape?.error ? false : status < 500),
  };
}

const byCode = new WeakMap<ServiceModel, Map<string, ShapeModel>>();

function errorShapeByCode(model: ServiceModel): Map<string, ShapeModel> {
  let map = byCode.get(model);
  if (!map) {
    map = new Map(Object.values(model.shapes).flatMap((shape) => (shape.error?.code ? [[shape.error.code, shape] as const] : [])));
    byCode.set(model, map);
  }
  return map;
}

/** Why an operation name is not answered: not in the API at all, or in it but not emulated. */
export function unknownOperation(operation: string, model: ServiceModel, service: string): string {
  return model.allOperations.includes(operation)
    ? `${operation} is an operation of ${service} that the ECS Dojo sandbox does not emulate.`
    : `Unknown operation ${operation}.`;
}
