/**
 * The EC2 protocol: the query protocol's form-encoded POST with EC2's own naming (members by queryName or
 * capitalised locationName, every list `Name.N`), answered in XML as `<OperationResponse xmlns="…"><requestId>…
 * </requestId>…members by locationName…</OperationResponse>` (lists as `<item>`), errors as `<Response><Errors>
 * <Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…</RequestID></Response>`.
 *
 * Unlike IAM and STS, EC2 refuses a parameter the operation does not have: `UnknownParameter`, "The parameter X is
 * not recognized" (observed, e.g. for `Description` or `instanceId` sent to an operation without them).
 */
import { EcsError } from "../../engine";
import { decodeForm, readInput, truncate, type FormDialect } from "./form";
import { declaredError, unknownOperation, type WireProtocol } from "./protocol";
import { escapeAttribute, gatewayError, millisecondsTimestamp, XML_DECLARATION, xmlResponse, XmlWriter, type XmlStyle } from "./xml";

const STYLE: XmlStyle = { listItem: "item", timestamp: millisecondsTimestamp };

/**
 * How EC2 refuses a body it cannot read. The codes are EC2's (InvalidParameterValue, UnknownParameter); the texts
 * follow EC2's wording where it is known ("Invalid value '…' for …") and are otherwise [inferred].
 */
const DIALECT: FormDialect = {
  kind: "ec2",
  // [inferred] AWS's common error for a query string with a syntax error, with EC2's 400.
  malformed: (detail) => new EcsError("MalformedQueryString", `The query string contains a syntax error: ${detail}.`),
  badStructure: (_parameter, detail) => new EcsError("InvalidParameterValue", `Invalid request: ${detail}.`),
  badValue: (parameter, _path, value, expected) => new EcsError("InvalidParameterValue", `Invalid value '${truncate(value)}' for ${truncate(parameter)}. Expected ${expected}.`),
  unknownParameter: (parameter) => new EcsError("UnknownParameter", `The parameter ${truncate(parameter)} is not recognized`),
};

/** EC2's statuses for its common errors (EC2 API reference, "Error codes"): everything else a client error is 400. */
const STATUS: Record<string, number> = {
  AuthFailure: 401,
  // What a call with DryRun=true gets when it would have succeeded ("Request would have succeeded, but DryRun flag is set.").
  DryRunOperation: 412,
  UnauthorizedOperation: 403,
  InternalError: 500,
  InternalFailure: 500,
  RequestLimitExceeded: 503,
  ServiceUnavailable: 503,
  Unavailable: 503,
};

export const ec2Protocol: WireProtocol = {
  read({ body }, model) {
    const params = decodeForm(body, DIALECT);
    const operation = params.get("Action");
    // [inferred] AWS's common error for a call that names no operation; the text is the sandbox's.
    if (!operation) throw new EcsError("MissingAction", "The request must contain the parameter Action.");
    // AWS's text for an action EC2 does not have (observed: "The action DescribeLoadBalancers is not valid for this web service.").
    if (!model.allOperations.includes(operation)) throw new EcsError("InvalidAction", `The action ${truncate(operation)} is not valid for this web service.`);
    if (!Object.hasOwn(model.operations, operation)) throw new EcsError("InvalidAction", unknownOperation(operation, model, model.metadata.serviceId));
    const version = params.get("Version");
    // [inferred] EC2's wording for a missing required parameter ("The request must contain the parameter …").
    if (!version) throw new EcsError("MissingParameter", "The request must contain the parameter Version");
    // [inferred] EC2 still answers older API versions; the sandbox answers only the one botocore speaks.
    if (version !== model.metadata.apiVersion) {
      throw new EcsError("NoSuchVersion", `The requested version (${truncate(version)}) of service AmazonEC2 does not exist`);
    }
    return { operation, input: readInput(params, model.operations[operation].input, model, DIALECT) };
  },

  answer(operation, output, model, requestId) {
    const spec = model.operations[operation];
    const xml = new XmlWriter(model, STYLE);
    xml.parts.push(XML_DECLARATION);
    xml.open(`${operation}Response`, ` xmlns="${escapeAttribute(namespace(model.metadata.xmlNamespace))}"`).text("requestId", requestId);
    if (spec?.output) xml.members(output, model.shapes[spec.output]);
    xml.close(`${operation}Response`);
    return xmlResponse(200, xml.toString(), requestId);
  },

  failure(error, model, requestId) {
    const gateway = gatewayError(error, "ec2");
    const declared = declaredError(error.type, model);
    const code = gateway?.code ?? declared.code;
    const status = gateway?.status ?? STATUS[code] ?? declared.status;
    const xml = new XmlWriter(model, STYLE);
    xml.parts.push(XML_DECLARATION);
    xml.open("Response").open("Errors").open("Error").text("Code", code).text("Message", gateway?.message ?? error.message);
    xml.close("Error").close("Errors").text("RequestID", requestId).close("Response");
    return xmlResponse(status, xml.toString(), requestId);
  },
};

/** EC2 answers with `http://ec2.amazonaws.com/doc/<version>/`, the trailing slash the model's xmlNamespace leaves out. */
function namespace(uri: string | undefined): string {
  if (!uri) return "";
  return uri.endsWith("/") ? uri : `${uri}/`;
}
