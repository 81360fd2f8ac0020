/**
 * The AWS query protocol (IAM, STS): a form-encoded POST `Action=<Operation>&Version=<apiVersion>&…`, answered in
 * XML — `<OperationResponse xmlns="…"><OperationResult>…</OperationResult><ResponseMetadata><RequestId>…`, errors as
 * `<ErrorResponse xmlns="…"><Error><Type>Sender|Receiver</Type><Code>…</Code><Message>…</Message></Error>
 * <RequestId>…</RequestId></ErrorResponse>` with the model's HTTP status (IAM's NoSuchEntity 404,
 * EntityAlreadyExists 409, …). Parameters the operation does not have are ignored, as AWS's query services ignore
 * them [inferred: IAM and STS answer calls carrying extra parameters].
 */
import type { ServiceModel } from "@/lib/aws-models";
import { EcsError } from "../../engine";
import { decodeForm, readInput, truncate, type FormDialect } from "./form";
import { declaredError, unknownOperation, type WireProtocol } from "./protocol";
import { escapeAttribute, gatewayError, millisecondsTimestamp, secondsTimestamp, XML_DECLARATION, xmlResponse, XmlWriter, type XmlStyle } from "./xml";

const STYLE: XmlStyle = { listItem: "member", timestamp: secondsTimestamp };
/** Elastic Load Balancing writes milliseconds: `2016-03-25T21:26:12.920Z` (CreatedTime in the API reference's examples). */
const MILLISECONDS_STYLE: XmlStyle = { listItem: "member", timestamp: millisecondsTimestamp };
const styleOf = (model: ServiceModel) => (model.metadata.endpointPrefix === "elasticloadbalancing" ? MILLISECONDS_STYLE : STYLE);

/** The version AWS names when a call gives none [inferred: the query services' placeholder for a missing Version]. */
const NO_VERSION = "NO_VERSION_SPECIFIED";

/**
 * How IAM and STS refuse a body they cannot read. Codes from AWS's common errors of the query APIs:
 * MalformedQueryString (404, "The query string contains a syntax error"), InvalidQueryParameter (400, "The AWS query
 * string is malformed or does not adhere to AWS standards"), ValidationError (400, IAM's validation wording).
 * The texts after those descriptions are [inferred].
 */
const DIALECT: FormDialect = {
  kind: "query",
  malformed: (detail) => new EcsError("MalformedQueryString", `The query string contains a syntax error: ${detail}.`),
  badStructure: (_parameter, detail) => new EcsError("InvalidQueryParameter", `The AWS query string is malformed or does not adhere to AWS standards: ${detail}.`),
  badValue: (_parameter, path, value, expected) =>
    new EcsError("ValidationError", `1 validation error detected: Value '${truncate(value)}' at '${path}' failed to satisfy constraint: Member must be ${expected}`),
};

/** Statuses of the query protocol's own errors (AWS's common errors); the operations' errors take theirs from the model. */
const PROTOCOL_STATUS: Record<string, number> = { MalformedQueryString: 404 };

export const queryProtocol: WireProtocol = {
  read({ body }, model) {
    const params = decodeForm(body, DIALECT);
    const operation = params.get("Action");
    // [inferred] AWS's common error for a call that names no operation; the text is the sandbox's.
    if (!operation) throw new EcsError("MissingAction", "The request must contain the parameter Action.");
    const version = params.get("Version") || NO_VERSION;
    const known = Object.hasOwn(model.operations, operation);
    if (version !== model.metadata.apiVersion || !model.allOperations.includes(operation)) {
      // AWS's text for an operation it cannot find, observed for the query services (IAM, STS, SES); the lookup is by
      // operation and version together, so a wrong Version reads the same way [inferred].
      throw new EcsError("InvalidAction", `Could not find operation ${truncate(operation)} for version ${truncate(version)}`);
    }
    if (!known) throw new EcsError("InvalidAction", unknownOperation(operation, model, model.metadata.serviceId));
    return { operation, input: readInput(params, model.operations[operation].input, model, DIALECT) };
  },

  answer(operation, output, model, requestId) {
    const spec = model.operations[operation];
    const xml = new XmlWriter(model, styleOf(model));
    xml.parts.push(XML_DECLARATION);
    xml.open(`${operation}Response`, ` xmlns="${escapeAttribute(model.metadata.xmlNamespace ?? "")}"`);
    if (spec?.output) {
      const shape = model.shapes[spec.output];
      if (spec.resultWrapper) xml.open(spec.resultWrapper).members(output, shape).close(spec.resultWrapper);
      else xml.members(output, shape);
    }
    xml.open("ResponseMetadata").text("RequestId", requestId).close("ResponseMetadata");
    xml.close(`${operation}Response`);
    return xmlResponse(200, xml.toString(), requestId);
  },

  failure(error, model, requestId) {
    const gateway = gatewayError(error, "query");
    const declared = declaredError(error.type, model);
    const status = gateway?.status ?? PROTOCOL_STATUS[error.type] ?? declared.status;
    const sender = gateway || PROTOCOL_STATUS[error.type] ? status < 500 : declared.senderFault;
    const xml = new XmlWriter(model, STYLE);
    xml.parts.push(XML_DECLARATION);
    xml.open("ErrorResponse", ` xmlns="${escapeAttribute(model.metadata.xmlNamespace ?? "")}"`);
    xml.open("Error").text("Type", sender ? "Sender" : "Receiver").text("Code", gateway?.code ?? declared.code);
    xml.text("Message", gateway?.message ?? error.message).close("Error");
    xml.text("RequestId", requestId).close("ErrorResponse");
    return xmlResponse(status, xml.toString(), requestId);
  },
};
