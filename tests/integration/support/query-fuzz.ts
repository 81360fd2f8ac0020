/**
 * Bad requests for the query-protocol services (IAM and STS: query; EC2: ec2), for services-robustness.test.ts: most
 * are a valid call that would change the sandbox (service-fixtures.ts) with one thing wrong in its form, and each
 * says the error code AWS answers it with when the fault decides one (protocols/query.ts, protocols/ec2.ts).
 */
import { AWS_MODELS } from "@/lib/aws-models";
import type { Random } from "./fuzz";
import { collectionParameters, limitedStrings, patternRefuses, requiredParameters, tooLongCode, typedParameters } from "./model-fuzz";
import { FORM_CONTENT_TYPE, formEncode, JSON_CONTENT_TYPE, queryBody, type Draft, type Params, type QueryService, type RawCall } from "./service-calls";
import { harmfulOperations, QUERY_BASES, type SandboxFacts } from "./service-fixtures";

export const QUERY_KINDS = [
  "malformed form",
  "missing or unknown Action",
  "wrong or missing Version",
  "list gaps and bad indexes",
  "XML-breaking values",
  "wrong scalar types",
  "huge values",
  "protocol confusion",
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** One request to make: its service and kind, which of its kind it is, its own generator, the sandbox's facts. */
export interface QueryCase {
  service: QueryService;
  index: number;
  random: Random;
  facts: SandboxFacts;
}

/** The error codes each dialect answers for each kind of fault. */
const CODES = {
  query: { malformed: "MalformedQueryString", structure: "InvalidQueryParameter", value: "ValidationError", missingVersion: "InvalidAction", wrongVersion: "InvalidAction" },
  ec2: { malformed: "MalformedQueryString", structure: "InvalidParameterValue", value: "InvalidParameterValue", missingVersion: "MissingParameter", wrongVersion: "NoSuchVersion" },
};
const codesOf = (service: QueryService) => CODES[service === "ec2" ? "ec2" : "query"];

/** Escapes that are never a UTF-8 form value, whatever follows them. */
const BAD_ESCAPES = ["%", "%G1", "%ZZ", "%-1", "%%", "%FF", "%C3%28", "%ED%A0%80", "%ED%BF%BF", "%F8%88%80%80%80", "%C0%AF", "%E2%82%28"];
/** Values (encoded) that would break an XML answer that echoed them unescaped. */
const XML_BREAKERS = ["%3C", "%3Cx%3E", "%5D%5D%3E", "%3C!%5BCDATA%5Bx%5D%5D%3E", "%26", "%26amp%3B", "%22%27", "%3C%2FErrorResponse%3E", "%3C%3Fxml", "%0D", "x%0Dy"];
/** Values (encoded) XML cannot carry at all: NUL and other controls, U+FFFE/U+FFFF, lone surrogates (not even UTF-8). */
const XML_UNCARRIABLE = ["%00", "a%00b", "%01", "%08", "%0B", "%0C", "%1B%5B31m", "%1F", "%EF%BF%BE", "%EF%BF%BF", "%ED%A0%80", "%ED%B0%80"];
/** List indexes that are not 1, 2, 3…: zero, leading zeros, signs, words, past the cap. */
const INDEX_MUTATIONS = ["0", "01", "-1", "x", "1e3", "", " 1", "1001", "99999999999999999999", "0x1", "①"];
/** A key with a list index in it (`Tags.member.1.Key`, `GroupId.1`). */
const INDEXED = /\.\d+(\.|$)/;
/** EC2 parameters AWS refuses with markup in them: ids and filter names (InvalidGroupId.Malformed, InvalidParameterValue, …). */
const EC2_STRICT = /^(GroupId|VpcId|VpcEndpointId|(GroupId|VpcId|RouteTableId|VpcEndpointId|ZoneName)\.\d+|Filter\.\d+\.Name)$/;
/** EC2 parameters with a length AWS bounds (ids, names, descriptions of at most 255 characters). */
const EC2_BOUNDED =
  /^(GroupId|VpcId|VpcEndpointId|GroupName|GroupDescription|ServiceName|(GroupId|VpcId|RouteTableId|VpcEndpointId|ZoneName|AddRouteTableId)\.\d+|Filter\.\d+\.Name|IpPermissions\.\d+\.IpRanges\.\d+\.Description)$/;

const version = (service: QueryService) => AWS_MODELS[service].metadata.apiVersion;
const form = (service: QueryService, body: string): RawCall => ({ service, body });
const params = ({ service, facts }: QueryCase, op: string): Params => QUERY_BASES[service][op](facts);

/** A base call: by default one that would change the sandbox (where the service has any); `withList`: one with a list. */
function base(c: QueryCase, pool: "harmful" | "withList" = "harmful"): { op: string; params: Params } {
  const all = Object.keys(QUERY_BASES[c.service]);
  const harmful = harmfulOperations(c.service);
  const ops = pool === "withList" ? all.filter((op) => Object.keys(params(c, op)).some((key) => INDEXED.test(key))) : harmful.length > 0 ? harmful : all;
  const op = c.random.pick(ops);
  return { op, params: params(c, op) };
}

/** `&` and the encoded parameters, or nothing when there are none. */
const tail = (p: Params) => (Object.keys(p).length > 0 ? `&${formEncode(p)}` : "");

/** The call's body with one parameter's value given as raw wire text (already percent-encoded, or not at all). */
function bodyWithRaw(service: QueryService, op: string, p: Params, key: string, raw: string): string {
  return queryBody(service, op, { ...p, [key]: "\u0000" }).replace(formEncode({ [key]: "\u0000" }), `${formEncode({ [key]: "" })}${raw}`);
}

/** What the model-derived kinds must reach, as `kind Operation.Parameter`. */
export function queryCoverage(service: QueryService): string[] {
  return scalarCandidates(service).map(({ op, parameter }) => `wrong scalar types ${op}.${parameter}`);
}

function malformedForm(c: QueryCase): Draft {
  const { service, random } = c;
  const { op, params: p } = base(c);
  const body = queryBody(service, op, p);
  const codes = codesOf(service);
  const pairs = body.split("&");
  switch (random.int(4)) {
    case 0: {
      const at = random.int(body.length + 1);
      return { call: form(service, body.slice(0, at) + random.pick(BAD_ESCAPES) + body.slice(at)), expectedCode: codes.malformed };
    }
    case 1:
      // A parameter without a name.
      return { call: form(service, random.pick([`=evil&${body}`, `${body}&=`, `${body}&=x`, `${body}&&=&`])), expectedCode: codes.malformed };
    case 2: {
      // The same key twice, with the same or another value: Action and Version too.
      const repeated = random.pick(pairs);
      const again = random.int(2) === 0 ? repeated : `${repeated.split("=")[0]}=${random.pick(["evil", "", "%3C"])}`;
      return { call: form(service, `${body}&${again}`), expectedCode: codes.structure };
    }
    default: {
      // A key spelled two ways that decode to the same text.
      const [key, value] = random.pick(pairs).split("=");
      const spelled = key.replace(/[A-Za-z]/, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
      return { call: form(service, `${body}&${spelled}=${value}`), expectedCode: codes.structure };
    }
  }
}

function missingOrUnknownAction(c: QueryCase): Draft {
  const { service, random } = c;
  const { op, params: p } = base(c);
  const model = AWS_MODELS[service];
  const v = version(service);
  if (random.int(3) === 0) {
    const body = random.pick([`Version=${v}${tail(p)}`, `Action=&Version=${v}${tail(p)}`, `action=${op}&Version=${v}${tail(p)}`, `ACTION=${op}&Version=${v}`]);
    return { call: form(service, body), expectedCode: "MissingAction" };
  }
  const notEmulated = model.allOperations.filter((name) => !Object.hasOwn(model.operations, name));
  const foreign = ["CreateRepository", "PutParameter", "CreateCluster", service === "ec2" ? "CreateRole" : "CreateSecurityGroup"];
  const action = random.pick([
    "DeleteEverything",
    op.toLowerCase(),
    `${op}s`,
    `${op}%20`,
    `%20${op}`,
    `${op}%00`,
    `${op}.${op}`,
    random.pick(notEmulated),
    random.pick(foreign),
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "x".repeat(300),
  ]);
  return { call: form(service, `Action=${action}&Version=${v}${tail(p)}`), expectedCode: "InvalidAction" };
}

function wrongOrMissingVersion(c: QueryCase): Draft {
  const { service, random } = c;
  const { op, params: p } = base(c);
  const codes = codesOf(service);
  if (random.int(3) === 0) return { call: form(service, random.pick([`Action=${op}${tail(p)}`, `Action=${op}&Version=${tail(p)}`])), expectedCode: codes.missingVersion };
  const v = version(service);
  const other = random.pick(["2010-05-08", "2011-06-15", "2016-11-15", "2014-11-13"].filter((known) => known !== v));
  const wrong = random.pick([other, "latest", "2010-05-09", `${v}%20`, `%20${v}`, "20100508", v.replace(/-/g, "/"), "%3C%3E", "x".repeat(200)]);
  return { call: form(service, `Action=${op}&Version=${wrong}${tail(p)}`), expectedCode: codes.wrongVersion };
}

function listGap(c: QueryCase): Draft {
  const { service, random } = c;
  const { op, params: p } = base(c, "withList");
  const keys = Object.keys(p);
  const target = random.pick(keys.filter((key) => INDEXED.test(key)));
  const at = random.pick([...target.matchAll(/\.(\d+)(?=\.|$)/g)]);
  const list = target.slice(0, at.index! + 1);
  let replacement = random.pick(INDEX_MUTATIONS);
  if (random.int(3) === 0) {
    // A gap: the element moved past the end of its list (Member.1 → Member.3 when there is one).
    const last = Math.max(...keys.filter((key) => key.startsWith(list)).map((key) => parseInt(key.slice(list.length), 10)));
    replacement = String(last + 2 + random.int(5));
  }
  const renamed = list + replacement + target.slice(list.length + at[1].length);
  const moved = Object.fromEntries(Object.entries(p).map(([key, value]) => [key === target ? renamed : key, value]));
  return { call: form(service, queryBody(service, op, moved)), expectedCode: codesOf(service).structure, covers: op };
}

/**
 * A value that would break the XML answer echoing it, or that XML cannot carry: in the Action, the Version, a
 * required parameter's name (which leaves the call without it), or a parameter's value. Markup goes only into values
 * AWS refuses (IAM's patterned names and paths, EC2's ids); what XML cannot carry goes anywhere, as no member takes it.
 */
function xmlBreaking(c: QueryCase): Draft {
  const { service, random } = c;
  const breaker = random.pick([...XML_BREAKERS, ...XML_UNCARRIABLE]);
  const { op, params: p } = base(c);
  const v = version(service);
  const required = requiredParameters(service, op).filter((key) => key in p);
  const where = required.length === 0 ? random.int(2) : random.int(4);
  if (where === 0) return { call: form(service, `Action=${op}${breaker}&Version=${v}${tail(p)}`) };
  if (where === 1) return { call: form(service, `Action=${op}&Version=${v}${breaker}${tail(p)}`) };
  if (where === 2) {
    const key = random.pick(required);
    const pairs = Object.entries(p).map(([name, value]) => (name === key ? formEncode({ [name]: value }).replace("=", `${breaker}=`) : formEncode({ [name]: value })));
    return { call: form(service, `Action=${op}&Version=${v}&${pairs.join("&")}`) };
  }
  const prefix = random.pick(["", "evil"]);
  const refused = (key: string) => {
    if (XML_UNCARRIABLE.includes(breaker)) return true;
    if (service === "ec2") return EC2_STRICT.test(key);
    return patternRefuses(service, op, decodeURIComponent(`${prefix}${breaker}`)).includes(key);
  };
  const keys = Object.keys(p).filter(refused);
  if (keys.length === 0) return { call: form(service, `Action=${op}${breaker}&Version=${v}${tail(p)}`) };
  const key = random.pick(keys);
  return { call: form(service, bodyWithRaw(service, op, p, key, `${prefix}${breaker}`)), covers: `${op}.${key}` };
}

/** Every parameter of a service's based calls whose text must parse, and EC2's collections sent bare. */
function scalarCandidates(service: QueryService): { op: string; parameter: string; wrong: readonly string[]; code: string }[] {
  return Object.keys(QUERY_BASES[service]).flatMap((op) => [
    ...typedParameters(service, op).map(({ parameter, wrong }) => ({ op, parameter, wrong, code: codesOf(service).value })),
    ...(service === "ec2" ? collectionParameters(op).map((parameter) => ({ op, parameter, wrong: ["evil", ""], code: "UnknownParameter" })) : []),
  ]);
}

function wrongScalarType(c: QueryCase): Draft {
  const { service, index, random } = c;
  const candidates = scalarCandidates(service);
  const { op, parameter, wrong, code } = candidates[index % candidates.length];
  const body = queryBody(service, op, { ...params(c, op), [parameter]: random.pick(wrong) });
  return { call: form(service, body), expectedCode: code, covers: `${op}.${parameter}` };
}

function hugeValue(c: QueryCase): Draft {
  const { service, index, random } = c;
  if (index % 10 === 9) {
    // More parameters than any call has.
    const { op } = base(c);
    const body = `Action=${op}&Version=${version(service)}&${Array.from({ length: 20_001 + random.int(1000) }, (_, i) => `P${i}=1`).join("&")}`;
    return { call: form(service, body), expectedCode: codesOf(service).structure };
  }
  const candidates =
    service === "ec2"
      ? Object.keys(QUERY_BASES.ec2)
          // DeleteVpcEndpoints answers 200 and lists the ids it could not delete, a malformed one too, as AWS does.
          .filter((op) => op !== "DeleteVpcEndpoints")
          .flatMap((op) => Object.keys(params(c, op)).flatMap((name) => (EC2_BOUNDED.test(name) ? [{ op, name, max: 255 }] : [])))
      : Object.keys(QUERY_BASES[service]).flatMap((op) => limitedStrings(service, op).map((member) => ({ op, ...member })));
  const { op, name, max } = candidates[index % candidates.length];
  const unit = random.pick(["x", "a-", "%3C"]);
  // Within the body limit: the value is what is too big, not the request.
  const length = Math.min(random.pick([max + 1, max * 4, 100_000, 400_000, 900_000]), Math.floor(1_000_000 / unit.length));
  const p = params(c, op);
  const body = bodyWithRaw(service, op, p, name, unit.repeat(length));
  // IAM refuses it with ValidationError; EC2's codes depend on the parameter (InvalidGroupId.Malformed, …).
  const characters = JSON.stringify({ ...p, [name]: decodeURIComponent(unit).repeat(length) }).length;
  return { call: form(service, body), expectedCode: service === "iam" ? tooLongCode(service, op, characters, "ValidationError") : undefined, covers: `${op}.${name}` };
}

/** Calls in another protocol's clothes: JSON bodies, the Action only in the target header or in the URL. */
function protocolConfusion(c: QueryCase): Draft {
  const { service, random } = c;
  const { op, params: p } = base(c);
  const json = JSON.stringify({ Action: op, Version: version(service), ...p });
  const missing = (call: RawCall, query?: string): Draft => ({ call, query, expectedCode: "MissingAction" });
  switch (random.int(4)) {
    case 0:
      return missing({ service, body: json, contentType: JSON_CONTENT_TYPE, target: `${service}.${op}` });
    case 1:
      return missing({ service, body: formEncode(p), target: op });
    case 2: {
      // A GET-style query API call, the parameters in the URL: the sandbox reads calls as the SDKs send them, in the body.
      const query = queryBody(service, op, p);
      return missing({ service, body: "", path: `/aws?${query}`, contentType: FORM_CONTENT_TYPE }, query);
    }
    default:
      return missing({ service, body: random.pick(["{}", "[]", "null", json.slice(0, -1)]), contentType: JSON_CONTENT_TYPE });
  }
}

const GENERATORS: Record<QueryKind, (c: QueryCase) => Draft> = {
  "malformed form": malformedForm,
  "missing or unknown Action": missingOrUnknownAction,
  "wrong or missing Version": wrongOrMissingVersion,
  "list gaps and bad indexes": listGap,
  "XML-breaking values": xmlBreaking,
  "wrong scalar types": wrongScalarType,
  "huge values": hugeValue,
  "protocol confusion": protocolConfusion,
};

export function queryDraft(kind: QueryKind, c: QueryCase): Draft {
  return GENERATORS[kind](c);
}
