/**
 * What an AWS error answer looks like in each protocol the sandbox speaks, as a check that says what is wrong with an
 * answer (undefined: nothing). Every check also demands a client error: 4xx, never a 5xx or a success.
 *
 *   AWS JSON 1.1 (ECS, ECR, Logs, Secrets Manager, SSM)  application/x-amz-json-1.1, `{"__type": …, "message": …}`
 *   query (IAM, STS)   text/xml, <ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code/><Message/></Error>
 *                      <RequestId/></ErrorResponse>
 *   ec2 (EC2)          text/xml, <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
 *
 * The XML is read by a strict parser (xml.ts), so an answer that is not well-formed is reported as such.
 */
import type { FuzzAnswer } from "./fuzz";
import { child, childNames, parseXml, type XmlElement } from "./xml";

export type ErrorProtocol = "json" | "query" | "ec2";

/** What the error answer says, once its shape is right. */
export interface ReadError {
  code: string;
  message: string;
}

function clientError(answer: FuzzAnswer): string | undefined {
  return answer.status >= 400 && answer.status <= 499 ? undefined : `HTTP ${answer.status}, not a client error`;
}

function contentType(answer: FuzzAnswer, expected: string): string | undefined {
  const type = answer.headers.get("content-type");
  return type === expected ? undefined : `Content-Type ${type}, not ${expected}`;
}

function readJson(answer: FuzzAnswer): ReadError | string {
  let payload: { __type?: unknown; message?: unknown };
  try {
    payload = JSON.parse(answer.text);
  } catch {
    return "not JSON";
  }
  if (typeof payload?.__type !== "string" || payload.__type === "") return "no __type";
  if (typeof payload.message !== "string") return "no message";
  return { code: payload.__type, message: payload.message };
}

function text(parent: XmlElement, name: string): string | undefined {
  const found = child(parent, name);
  return found && found.children.length === 0 ? found.text : undefined;
}

function readXml(answer: FuzzAnswer, protocol: "query" | "ec2", namespace?: string): ReadError | string {
  let root: XmlElement;
  try {
    root = parseXml(answer.text);
  } catch (error) {
    return `not well-formed XML (${(error as Error).message})`;
  }
  const requestId = answer.headers.get("x-amzn-requestid");
  if (protocol === "query") {
    if (root.name !== "ErrorResponse" || childNames(root).join() !== "Error,RequestId") return `not <ErrorResponse><Error/><RequestId/>`;
    if (namespace !== undefined && root.attributes.xmlns !== namespace) return `xmlns ${root.attributes.xmlns}, not ${namespace}`;
    const error = child(root, "Error")!;
    if (childNames(error).join() !== "Type,Code,Message") return "not <Error><Type/><Code/><Message/>";
    if (text(error, "Type") !== "Sender") return `Type ${text(error, "Type")} for a client error`;
    if (text(root, "RequestId") !== requestId) return "the RequestId is not the x-amzn-RequestId header's";
    return { code: text(error, "Code") ?? "", message: text(error, "Message") ?? "" };
  }
  if (root.name !== "Response" || childNames(root).join() !== "Errors,RequestID") return "not <Response><Errors/><RequestID/>";
  const errors = child(root, "Errors")!;
  if (childNames(errors).join() !== "Error") return "not one <Errors><Error/>";
  const error = child(errors, "Error")!;
  if (childNames(error).join() !== "Code,Message") return "not <Error><Code/><Message/>";
  if (text(root, "RequestID") !== requestId) return "the RequestID is not the x-amzn-RequestId header's";
  return { code: text(error, "Code") ?? "", message: text(error, "Message") ?? "" };
}

/**
 * What is wrong with an answer that should be an AWS client error in `protocol` (with `expectedCode`, or one of them,
 * when the fault decides it); undefined when nothing is. `namespace`: the query protocol's xmlns, the service's.
 */
export function errorAnswerProblem(
  answer: FuzzAnswer,
  protocol: ErrorProtocol,
  options: { expectedCode?: string | readonly string[]; namespace?: string } = {},
): string | undefined {
  const problem =
    clientError(answer) ??
    contentType(answer, protocol === "json" ? "application/x-amz-json-1.1" : "text/xml") ??
    (() => {
      const read = protocol === "json" ? readJson(answer) : readXml(answer, protocol, options.namespace);
      if (typeof read === "string") return read;
      if (read.code === "") return "an empty error code";
      const expected = options.expectedCode === undefined ? undefined : ([] as string[]).concat(options.expectedCode);
      if (expected && !expected.includes(read.code)) return `${read.code}, not ${expected.join(" or ")}`;
      return undefined;
    })();
  return problem && `${problem}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`;
}
