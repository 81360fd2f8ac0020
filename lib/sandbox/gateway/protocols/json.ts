/** AWS JSON 1.1 (ECR, CloudWatch Logs, Secrets Manager, SSM): `X-Amz-Target: <prefix>.<Operation>`, a JSON body. */
import { MAX_JSON_DEPTH, nestingDepth } from "@/lib/http/json-body";
import { EcsError } from "../../engine";
import { jsonResponse } from "../http";
import { checkJsonTypes } from "./json-types";
import { declaredError, unknownOperation, type WireProtocol } from "./protocol";

export const jsonProtocol: WireProtocol = {
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
  answer: (_operation, output, _model, requestId) => jsonResponse(200, output, requestId),
  failure(error, model, requestId) {
    const { code, status } = declaredError(error.type, model);
    return { ...jsonResponse(status, { __type: code, message: error.message }, requestId) };
  },
};

function parseJson(body: string): unknown {
  if (body.trim() === "") return {};
  if (nestingDepth(body) > MAX_JSON_DEPTH) throw new EcsError("SerializationException", `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  try {
    return JSON.parse(body);
  } catch {
    throw new EcsError("SerializationException", "The request body is not valid JSON.");
  }
}
