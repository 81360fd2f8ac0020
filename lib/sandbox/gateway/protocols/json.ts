/** AWS JSON 1.1 (ECR, CloudWatch Logs, Secrets Manager, SSM): `X-Amz-Target: <prefix>.<Operation>`, a JSON body. */
import { MAX_JSON_DEPTH, nestingDepth } from "@/lib/http/json-body";
import { EcsError } from "../../engine";
import { jsonResponse } from "../http";
import { checkJsonTypes } from "./json-types";
import { declaredError, unknownOperation, type WireProtocol } from "./protocol";

export const jsonProtocol: WireProtocol = jsonVersion("1.1", false);

/**
 * AWS JSON 1.0 with the awsQueryCompatible trait: what the AWS CLI v1 speaks to CloudWatch (`X-Amz-Target:
 * GraniteServiceVersion20100801.<Op>`, `x-amzn-query-mode: true`). Errors also carry `x-amzn-query-error: <query
 * code>;Sender`, from which botocore takes the code it shows (`InvalidParameterValue`, as the query API names it).
 */
export const queryCompatibleJsonProtocol: WireProtocol = jsonVersion("1.0", true);

function jsonVersion(version: "1.0" | "1.1", queryCompatible: boolean): WireProtocol {
  const contentType = `application/x-amz-json-${version}`;
  return {
    read({ headers, body }, model) {
      const target = headers["x-amz-target"] ?? "";
      const dot = target.lastIndexOf(".");
      const operation = target.slice(dot + 1);
      if (dot < 0 || target.slice(0, dot) !== model.metadata.targetPrefix) {
        throw new EcsError("UnknownOperationException", target ? `Unknown operation ${target}.` : "The request has no X-Amz-Target header naming an operation.");
      }
      if (!Object.hasOwn(model.operations, operation)) throw new EcsError("UnknownOperationException", unknownOperation(operation, model, model.metadata.serviceId));
      const input = parseJson(body);
      checkJsonTypes(input, model, operation);
      return { operation, input };
    },
    answer(_operation, output, _model, requestId) {
      const response = jsonResponse(200, output, requestId);
      return queryCompatible ? { ...response, headers: { ...response.headers, "Content-Type": contentType } } : response;
    },
    failure(error, model, requestId) {
      const { code, status, senderFault } = declaredError(error.type, model);
      if (!queryCompatible) return { ...jsonResponse(status, { __type: code, message: error.message }, requestId) };
      const shape = Object.hasOwn(model.shapes, error.type) ? error.type : code;
      const response = jsonResponse(status, { __type: shape, message: error.message }, requestId);
      return { ...response, headers: { ...response.headers, "Content-Type": contentType, "x-amzn-query-error": `${code};${senderFault ? "Sender" : "Receiver"}` } };
    },
  };
}

function parseJson(body: string): unknown {
  if (body.trim() === "") return {};
  if (nestingDepth(body) > MAX_JSON_DEPTH) throw new EcsError("SerializationException", `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  try {
    return JSON.parse(body);
  } catch {
    throw new EcsError("SerializationException", "The request body is not valid JSON.");
  }
}
