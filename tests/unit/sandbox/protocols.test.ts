/**
 * The query wire protocols (IAM and STS: `query`; EC2: `ec2`) against botocore itself, the code the AWS CLI runs:
 * every emulated operation's input, serialized by botocore's own serializer, must read back as the parameters it was
 * given; every output written by answer() and every error written by failure() must parse with botocore's own parser
 * to what was meant. Synthetic models cover what the emulated operations do not use (flattened lists, maps, renamed
 * members). Then XML escaping, and several hundred malformed bodies: each refused with an AWS-shaped 4xx that botocore
 * reads, none crashing, none changing the sandbox.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { SignatureV4 } from "@smithy/signature-v4";
import { beforeAll, describe, expect, test } from "vitest";
import { AWS_MODELS, type MemberRef, type ServiceModel, type ShapeModel } from "@/lib/aws-models";
import { handleAwsRequest, MAX_BODY_BYTES, type GatewayDeps } from "@/lib/sandbox/gateway";
import { BODY_TOO_LARGE } from "@/lib/sandbox/gateway/http";
import { protocolOf } from "@/lib/sandbox/gateway/protocols";
import { decodeForm, MAX_LIST_INDEX, MAX_PARAMETERS, timestampSeconds } from "@/lib/sandbox/gateway/protocols/form";
import { escapeXml, millisecondsTimestamp, secondsTimestamp } from "@/lib/sandbox/gateway/protocols/xml";
import { EcsError } from "@/lib/sandbox/engine";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { NodeSha256 } from "./support/sign";

const ORACLE = path.join(import.meta.dirname, "support/botocore-wire.py");
const REQUEST_ID = "5f1b7a52-9a0c-4c2e-8d1e-0123456789ab";

type Json = unknown;
interface SerializeJob {
  service?: string;
  model?: object;
  operation: string;
  params: Json;
}
interface ParseJob {
  service?: string;
  model?: object;
  operation: string;
  status: number;
  body: string;
}
interface OracleAnswer {
  serialize: ({ body: string } | { error: string })[];
  parse: ({ parsed: Record<string, Json> } | { error: string })[];
}

/** One botocore run for the whole file (python3 with botocore, installed with the AWS CLI). */
function oracle(job: { serialize: SerializeJob[]; parse: ParseJob[] }): OracleAnswer {
  const out = execFileSync("python3", [ORACLE], { input: JSON.stringify(job), maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(out.toString("utf8")) as OracleAnswer;
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic models in botocore's format (what botocore loads), and the same in the generated form (what the sandbox
// reads), for the traits the emulated operations do not use.

type BotoShape = Record<string, Json> & { type: string; members?: Record<string, MemberRef> };

function botoModel(protocol: "query" | "ec2", shapes: Record<string, BotoShape>): { boto: object; compact: ServiceModel } {
  const metadata = {
    protocol,
    apiVersion: "2020-01-01",
    endpointPrefix: "synthetic",
    serviceId: "Synthetic",
    signatureVersion: "v4",
    xmlNamespace: "https://synthetic.amazonaws.com/doc/2020-01-01/",
  };
  const boto = {
    version: "2.0",
    metadata,
    operations: {
      DoIt: {
        name: "DoIt",
        http: { method: "POST", requestUri: "/" },
        input: { shape: "Thing" },
        output: protocol === "query" ? { shape: "Thing", resultWrapper: "DoItResult" } : { shape: "Thing" },
      },
    },
    shapes,
  };
  const compact: ServiceModel = {
    metadata: { ...metadata },
    operations: { DoIt: protocol === "query" ? { input: "Thing", output: "Thing", resultWrapper: "DoItResult" } : { input: "Thing", output: "Thing" } },
    allOperations: ["DoIt", "NotEmulated"],
    shapes: Object.fromEntries(
      Object.entries(shapes).map(([name, shape]) => [name, { ...shape, ...(shape.members ? { memberOrder: Object.keys(shape.members) } : {}) } as ShapeModel]),
    ),
  };
  return { boto, compact };
}

const SYNTHETIC_QUERY = botoModel("query", {
  Str: { type: "string" },
  Int: { type: "integer" },
  Long: { type: "long" },
  Dbl: { type: "double" },
  Bool: { type: "boolean" },
  When: { type: "timestamp" },
  FlatNamed: { type: "list", member: { shape: "Str", locationName: "Item" }, flattened: true },
  FlatBare: { type: "list", member: { shape: "Str" }, flattened: true },
  Named: { type: "list", member: { shape: "Inner", locationName: "Entry" } },
  Dict: { type: "map", key: { shape: "Str", locationName: "Name" }, value: { shape: "Str", locationName: "Val" } },
  FlatDict: { type: "map", key: { shape: "Str" }, value: { shape: "Inner" }, flattened: true },
  Inner: {
    type: "structure",
    members: { Count: { shape: "Int" }, Big: { shape: "Long" }, Ratio: { shape: "Dbl" }, On: { shape: "Bool" }, At: { shape: "When" }, Label: { shape: "Str" } },
  },
  Thing: {
    type: "structure",
    members: {
      Flat: { shape: "FlatNamed" },
      Bare: { shape: "FlatBare" },
      Entries: { shape: "Named" },
      Dict: { shape: "Dict" },
      FlatDict: { shape: "FlatDict" },
      Renamed: { shape: "Str", locationName: "OtherName" },
      Inner: { shape: "Inner" },
    },
  },
});

const SYNTHETIC_EC2 = botoModel("ec2", {
  Str: { type: "string" },
  Int: { type: "integer" },
  Bool: { type: "boolean" },
  When: { type: "timestamp" },
  Ids: { type: "list", member: { shape: "Str", locationName: "item" } },
  Pairs: { type: "list", member: { shape: "Pair", locationName: "item" } },
  Dict: { type: "map", key: { shape: "Str", locationName: "name" }, value: { shape: "Str", locationName: "val" } },
  Pair: { type: "structure", members: { Key: { shape: "Str", locationName: "key" }, Value: { shape: "Str", locationName: "value" }, At: { shape: "When", locationName: "at" } } },
  Thing: {
    type: "structure",
    members: {
      GroupIds: { shape: "Ids", locationName: "groupId" },
      Special: { shape: "Str", locationName: "special", queryName: "SpecialName" },
      Pairs: { shape: "Pairs", locationName: "pairSet" },
      Dict: { shape: "Dict", locationName: "dict" },
      Count: { shape: "Int", locationName: "count" },
      DryRun: { shape: "Bool", locationName: "dryRun" },
      Plain: { shape: "Str" },
    },
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Samples: a value for every member of a shape, varied by `variant`; strings chosen to break naive encoders.

const TEXTS = [
  "dojo-role",
  "with space+plus=equals&amp;and",
  `<tag attr="q">'&'</tag> ]]> <![CDATA[x]]>`,
  "日本語 ✓ 😀",
  "tab\tnewline\ncarriage\r!",
  "%41%zz%",
  "a.b.member.1",
  "",
];
const INTEGERS = [0, 42, -7, 2147483647, -2147483648];
const TIMES = ["2026-01-02T03:04:05Z", "1999-12-31T23:59:59Z", "2026-06-30T12:00:00.250000Z"];
const EPOCHS = [1767323045, 946684799, 1782820800.25];

class Sampler {
  private n: number;

  constructor(
    private readonly model: ServiceModel,
    variant: number,
    private readonly minListLength: number,
  ) {
    this.n = variant;
  }

  private next(): number {
    return this.n++;
  }

  /** A value for `ref` as a caller passes it to botocore (timestamps ISO) or as a provider returns it (epoch seconds). */
  value(ref: MemberRef, side: "input" | "output", depth = 0): Json {
    const shape = this.model.shapes[ref.shape];
    const i = this.next();
    switch (shape.type) {
      case "structure": {
        const out: Record<string, Json> = {};
        for (const name of shape.memberOrder ?? []) {
          const member = shape.members![name];
          const type = this.model.shapes[member.shape].type;
          if (depth > 5 && (type === "structure" || type === "list" || type === "map")) continue;
          out[name] = this.value(member, side, depth + 1);
        }
        return out;
      }
      case "list": {
        const length = this.minListLength === 0 ? 0 : 1 + (i % 3);
        return Array.from({ length }, () => this.value(shape.member!, side, depth + 1));
      }
      case "map":
        return Object.fromEntries([0, 1].map((k) => [`key-${k}-${TEXTS[(i + k) % TEXTS.length]}`, this.value(shape.value!, side, depth + 1)]));
      case "string":
        return TEXTS[i % TEXTS.length];
      case "integer":
        return INTEGERS[i % INTEGERS.length];
      case "long":
        return i % 2 ? Number.MAX_SAFE_INTEGER : -123456789012;
      case "double":
      case "float":
        return [1.5, -0.25, 1e21, 3][i % 4];
      case "boolean":
        return i % 2 === 0;
      case "timestamp":
        return side === "input" ? TIMES[i % TIMES.length] : EPOCHS[i % EPOCHS.length];
      default:
        throw new Error(`no sample for ${shape.type}`);
    }
  }
}

/** What read() must make of what botocore sent for `params`: timestamps as epoch seconds, what botocore leaves out left out. */
function expectedInput(value: Json, ref: MemberRef, model: ServiceModel, kind: "query" | "ec2", nested = false): Json {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case "structure": {
      const out: Record<string, Json> = {};
      for (const [name, member] of Object.entries(value as Record<string, Json>)) {
        const v = expectedInput(member, shape.members![name], model, kind, true);
        if (v !== undefined) out[name] = v;
      }
      return nested && Object.keys(out).length === 0 ? undefined : out;
    }
    case "list": {
      const items = (value as Json[]).map((item) => expectedInput(item, shape.member!, model, kind, true));
      // EC2 sends nothing for an empty list; the query protocol sends `Name=`.
      return items.length === 0 && kind === "ec2" ? undefined : items;
    }
    case "map":
      return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, expectedInput(v, shape.value!, model, kind, true)]));
    case "timestamp":
      return Date.parse(value as string) / 1000;
    default:
      return value;
  }
}

/** What botocore must read from answer() for a provider's `value`: timestamps as the service's wire text. */
function expectedOutput(value: Json, ref: MemberRef, model: ServiceModel, kind: "query" | "ec2"): Json {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case "structure":
      return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([name, v]) => [name, expectedOutput(v, shape.members![name], model, kind)]));
    case "list":
      return (value as Json[]).map((item) => expectedOutput(item, shape.member!, model, kind));
    case "map":
      return Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, expectedOutput(v, shape.value!, model, kind)]));
    case "timestamp":
      return (kind === "ec2" ? millisecondsTimestamp : secondsTimestamp)((value as number) * 1000);
    default:
      return value;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The cases, built before botocore runs once over all of them.

interface Subject {
  label: string;
  model: ServiceModel;
  /** Real services by name; synthetic ones inline. */
  service?: string;
  boto?: object;
}

const SUBJECTS: Subject[] = [
  { label: "iam", model: AWS_MODELS.iam, service: "iam" },
  { label: "sts", model: AWS_MODELS.sts, service: "sts" },
  { label: "ec2", model: AWS_MODELS.ec2, service: "ec2" },
  { label: "synthetic query", model: SYNTHETIC_QUERY.compact, boto: SYNTHETIC_QUERY.boto },
  { label: "synthetic ec2", model: SYNTHETIC_EC2.compact, boto: SYNTHETIC_EC2.boto },
];
const VARIANTS = [0, 1, 2, 3];

interface RoundTrip {
  subject: Subject;
  operation: string;
  params: Json;
  serializeIndex: number;
}
interface Answered {
  subject: Subject;
  operation: string;
  output: Json;
  status: number;
  body: string;
  parseIndex: number;
}
interface Refused {
  label: string;
  body: string;
  kind: "query" | "ec2";
  code?: string;
  status?: number;
  xml?: string;
  crash?: string;
  accepted?: boolean;
  parseIndex?: number;
}

const serializeJobs: SerializeJob[] = [];
const parseJobs: ParseJob[] = [];
const roundTrips: RoundTrip[] = [];
const answers: Answered[] = [];
const failures: { label: string; error: EcsError; subject: Subject; status: number; parseIndex: number; body: string }[] = [];
const refused: Refused[] = [];
let results: OracleAnswer;

const where = (subject: Subject) => (subject.boto ? { model: subject.boto } : { service: subject.service });

function buildRoundTrips() {
  for (const subject of SUBJECTS) {
    const kind = subject.model.metadata.protocol as "query" | "ec2";
    for (const [operation, spec] of Object.entries(subject.model.operations)) {
      for (const variant of VARIANTS) {
        // Variant 3 sends the query protocol's empty lists (`Name=`); EC2 never sends one.
        const minList = variant === 3 && kind === "query" ? 0 : 1;
        if (spec.input) {
          const params = new Sampler(subject.model, variant, minList).value({ shape: spec.input }, "input");
          roundTrips.push({ subject, operation, params, serializeIndex: serializeJobs.length });
          serializeJobs.push({ ...where(subject), operation, params });
        }
        if (spec.output) {
          const output = new Sampler(subject.model, variant + 10, 1).value({ shape: spec.output }, "output");
          const response = protocolOf(subject.model).answer(operation, output as object, subject.model, REQUEST_ID);
          answers.push({ subject, operation, output, status: response.status, body: response.body, parseIndex: parseJobs.length });
          parseJobs.push({ ...where(subject), operation, status: response.status, body: response.body });
        }
      }
    }
  }
}

const ERRORS: [string, EcsError][] = [
  ["iam", new EcsError("NoSuchEntityException", "The role with name dojo cannot be found.")],
  ["iam", new EcsError("NoSuchEntity", "Given as the wire code, read the same.")],
  ["iam", new EcsError("EntityAlreadyExistsException", "Role with name dojo already exists.")],
  ["iam", new EcsError("LimitExceededException", "Cannot exceed quota for RolesPerAccount: 1000.")],
  ["iam", new EcsError("MalformedPolicyDocumentException", `Syntax errors in policy: <"Version": "2012-10-17"> & ]]> ✓`)],
  ["iam", new EcsError("ServiceFailureException", "The request processing has failed.")],
  ["iam", new EcsError("ValidationError", "1 validation error detected: Value 'x' at 'roleName' failed to satisfy constraint")],
  ["iam", new EcsError("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.")],
  ["sts", new EcsError("UnrecognizedClientException", "The security token included in the request is invalid.")],
  ["sts", new EcsError("ThrottlingException", "Rate exceeded.")],
  ["sts", new EcsError("MissingAuthenticationTokenException", "Missing Authentication Token")],
  ["ec2", new EcsError("InvalidGroup.NotFound", "The security group 'sg-123' does not exist")],
  ["ec2", new EcsError("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.")],
  ["ec2", new EcsError("InvalidSignatureException", "Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z (20260101T003000Z - 15 min.)")],
  ["ec2", new EcsError("UnrecognizedClientException", "The security token included in the request is invalid.")],
  ["ec2", new EcsError("ThrottlingException", "Rate exceeded.")],
  ["ec2", new EcsError("ServerException", "The sandbox could not process the request.")],
];

function buildFailures() {
  for (const [service, error] of ERRORS) {
    const subject = SUBJECTS.find((s) => s.service === service)!;
    const operation = Object.keys(subject.model.operations)[0];
    const response = protocolOf(subject.model).failure(error, subject.model, REQUEST_ID);
    failures.push({ label: `${service} ${error.type}`, error, subject, status: response.status, parseIndex: parseJobs.length, body: response.body });
    parseJobs.push({ ...where(subject), operation, status: response.status, body: response.body });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Malformed and fuzzed bodies, generated deterministically.

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASES: Record<"iam" | "sts" | "ec2", string[]> = {
  iam: [
    "Action=GetRole&Version=2010-05-08&RoleName=dojo",
    "Action=ListRoles&Version=2010-05-08&MaxItems=10&PathPrefix=%2F",
    "Action=TagRole&Version=2010-05-08&RoleName=dojo&Tags.member.1.Key=team&Tags.member.1.Value=web&Tags.member.2.Key=env&Tags.member.2.Value=dev",
    "Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx&ActionNames.member.1=s3%3AGetObject&ContextEntries.member.1.ContextKeyName=k&ContextEntries.member.1.ContextKeyValues.member.1=v",
  ],
  sts: ["Action=GetCallerIdentity&Version=2011-06-15"],
  ec2: [
    "Action=DescribeSecurityGroups&Version=2016-11-15&GroupId.1=sg-1&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1&MaxResults=5",
    "Action=AuthorizeSecurityGroupIngress&Version=2016-11-15&GroupId=sg-1&IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=80&IpPermissions.1.ToPort=80&IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0%2F0&DryRun=false",
    "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=web&GroupDescription=web+tier&VpcId=vpc-1&TagSpecification.1.ResourceType=security-group&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web",
  ],
};

const PIECES = ["%", "%G", "%4", "%ZZ", "%FF", "%C3%28", "%ED%A0%80", "%F8%88%80%80%80", "%E2%82", "&", "=", "&&", "+", ".", "..", "%00", "%01", "%1F", "%EF%BF%BE"];
const INDEX_MUTATIONS = [".0", ".01", ".-1", `.${MAX_LIST_INDEX + 1}`, ".99999999999999999999", ".3", ".x", ".1e3", ".", ".1.1"];

function mutate(base: string, random: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const pairs = base.split("&");
  switch (Math.floor(random() * 13)) {
    case 0: {
      const at = Math.floor(random() * (base.length + 1));
      return base.slice(0, at) + pick(PIECES) + base.slice(at);
    }
    case 1:
      return `${base}&${pick(pairs.slice(1))}`;
    case 2: {
      const indexed = pairs.filter((p) => /\.\d+[.=]/.test(p));
      if (indexed.length === 0) return `${base}&Bogus.member.0=x`;
      const target = pick(indexed);
      return base.replace(target, target.replace(/\.\d+(?=[.=])/, pick(INDEX_MUTATIONS)));
    }
    case 3: {
      const values = pairs.filter((p) => !p.startsWith("Action=") && !p.startsWith("Version="));
      if (values.length === 0) return `${base}&Note=%01`;
      const target = pick(values);
      return base.replace(target, `${target.split("=")[0]}=${pick(["%00x", "a%01b", "%1B[31m", "%EF%BF%BF", "x%0By"])}`);
    }
    case 4:
      return base.replace(/Action=[^&]*/, `Action=${pick(["", "getrole", "GetRole%00", "%3C!%5BCDATA%5Bx%5D%5D%3E", "Describe", "x".repeat(300), "..", "%26"])}`);
    case 5:
      return base.replace(/Version=[^&]*/, `Version=${pick(["", "2010-05-09", "2016-11-16", "latest", "%3C%3E", "2011-06-15"])}`);
    case 6:
      return pick(["=x", "&&&", "=", "Action", "&=&", "%", "Action=&Version=", "", "+", "&Action=GetRole"]) + (random() < 0.5 ? "" : `&${base}`);
    case 7:
      return `${base}&${"A".repeat(5)}${".B".repeat(2000 + Math.floor(random() * 3000))}=1`;
    case 8: {
      const numeric = pairs.filter((p) => /^(MaxItems|MaxResults|IpPermissions\.1\.FromPort|DryRun)=/.test(p));
      const target = numeric.length > 0 ? pick(numeric) : "MaxItems=1";
      const bad = pick(["abc", "1.5", "99999999999", "1e3", "", "-", "yes", "TRUE ", "0x10", "2147483648"]);
      return numeric.length > 0 ? base.replace(target, `${target.split("=")[0]}=${bad}`) : `${base}&MaxItems=${bad}`;
    }
    case 9:
      return Array.from({ length: 1 + Math.floor(random() * 40) }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join("");
    case 10:
      return base.slice(0, Math.floor(random() * base.length));
    case 11:
      return base.replace(/\.member\./, pick([".Member.", ".members.", ".", ".member.member."]));
    default:
      return pairs.filter(() => random() < 0.7).join("&") + pick(["", "&Action=", "&Version=", "&Extra.1.x=%3C"]);
  }
}

function buildFuzz() {
  const random = mulberry32(20260101);
  for (const service of ["iam", "sts", "ec2"] as const) {
    const model = AWS_MODELS[service];
    const protocol = protocolOf(model);
    for (let i = 0; i < 160; i++) {
      const body = mutate(BASES[service][i % BASES[service].length], random);
      const entry: Refused = { label: `${service} #${i}`, body, kind: model.metadata.protocol as "query" | "ec2" };
      try {
        protocol.read({ headers: {}, body }, model);
        entry.accepted = true;
      } catch (error) {
        if (!(error instanceof EcsError)) {
          entry.crash = String(error);
        } else {
          const response = protocol.failure(error, model, REQUEST_ID);
          Object.assign(entry, { code: error.type, status: response.status, xml: response.body, parseIndex: parseJobs.length });
          parseJobs.push({ service, operation: Object.keys(model.operations)[0], status: response.status, body: response.body });
        }
      }
      refused.push(entry);
    }
  }
}

beforeAll(() => {
  buildRoundTrips();
  buildFailures();
  buildFuzz();
  results = oracle({ serialize: serializeJobs, parse: parseJobs });
}, 120_000);

// ---------------------------------------------------------------------------------------------------------------

describe("read(): every emulated operation's input, serialized by botocore, reads back as its parameters", () => {
  test.each(SUBJECTS.map((s) => [s.label, s] as const))("%s", (_label, subject) => {
    const kind = subject.model.metadata.protocol as "query" | "ec2";
    const protocol = protocolOf(subject.model);
    const mine = roundTrips.filter((r) => r.subject === subject);
    expect(mine.length).toBeGreaterThan(0);
    for (const trip of mine) {
      const sent = results.serialize[trip.serializeIndex];
      if ("error" in sent) throw new Error(`botocore could not serialize ${trip.operation}: ${sent.error}`);
      const call = protocol.read({ headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: sent.body }, subject.model);
      expect(call.operation).toBe(trip.operation);
      expect({ operation: trip.operation, input: call.input }).toEqual({
        operation: trip.operation,
        input: expectedInput(trip.params, { shape: subject.model.operations[trip.operation].input! }, subject.model, kind),
      });
    }
  });

  test("covers every emulated IAM, STS and EC2 operation that takes input", () => {
    for (const service of ["iam", "sts", "ec2"] as const) {
      const covered = new Set(roundTrips.filter((r) => r.subject.service === service).map((r) => r.operation));
      const withInput = Object.entries(AWS_MODELS[service].operations).filter(([, op]) => op.input).map(([name]) => name);
      expect([...covered].sort()).toEqual(withInput.sort());
    }
  });

  test("botocore's own bodies: the query protocol's lists, EC2's capitalised names", () => {
    const body = (service: string, operation: string) => {
      const trip = roundTrips.find((r) => r.subject.service === service && r.operation === operation)!;
      return (results.serialize[trip.serializeIndex] as { body: string }).body;
    };
    expect(body("iam", "TagRole")).toMatch(/^Action=TagRole&Version=2010-05-08&RoleName=[^&]*&Tags\.member\.1\.Key=/);
    expect(body("ec2", "AuthorizeSecurityGroupIngress")).toMatch(/&IpPermissions\.1\.Groups\.1\.GroupId=/);
    expect(body("sts", "GetCallerIdentity")).toBe("Action=GetCallerIdentity&Version=2011-06-15");
  });
});

describe("answer(): botocore reads back exactly what the provider returned", () => {
  test.each(SUBJECTS.map((s) => [s.label, s] as const))("%s", (_label, subject) => {
    const kind = subject.model.metadata.protocol as "query" | "ec2";
    const mine = answers.filter((a) => a.subject === subject);
    for (const answer of mine) {
      expect(answer.status).toBe(200);
      const parsed = results.parse[answer.parseIndex];
      if ("error" in parsed) throw new Error(`botocore could not parse ${answer.operation}: ${parsed.error}\n${answer.body}`);
      const { ResponseMetadata, ...rest } = parsed.parsed;
      expect(ResponseMetadata).toEqual({ RequestId: REQUEST_ID, HTTPStatusCode: 200 });
      expect({ operation: answer.operation, output: rest }).toEqual({
        operation: answer.operation,
        output: expectedOutput(answer.output, { shape: subject.model.operations[answer.operation].output! }, subject.model, kind),
      });
    }
  });

  test("the documents AWS writes: query wraps the result and ends with ResponseMetadata; EC2 leads with requestId", () => {
    const sts = protocolOf(AWS_MODELS.sts).answer("GetCallerIdentity", { UserId: "1", Account: "1", Arn: "arn:aws:iam::1:root" }, AWS_MODELS.sts, REQUEST_ID);
    expect(sts).toEqual({
      status: 200,
      headers: { "Content-Type": "text/xml", "x-amzn-RequestId": REQUEST_ID },
      body:
        '<?xml version="1.0" encoding="UTF-8"?><GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        "<UserId>1</UserId><Account>1</Account><Arn>arn:aws:iam::1:root</Arn></GetCallerIdentityResult>" +
        `<ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    });
    const iam = protocolOf(AWS_MODELS.iam).answer("AttachRolePolicy", {}, AWS_MODELS.iam, REQUEST_ID);
    expect(iam.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><AttachRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></AttachRolePolicyResponse>`,
    );
    const ec2 = protocolOf(AWS_MODELS.ec2).answer(
      "DescribeSecurityGroups",
      { SecurityGroups: [{ GroupId: "sg-1", IpPermissions: [{ IpProtocol: "tcp", FromPort: 80, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }] },
      AWS_MODELS.ec2,
      REQUEST_ID,
    );
    expect(ec2.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${REQUEST_ID}</requestId>` +
        "<securityGroupInfo><item><groupId>sg-1</groupId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>80</fromPort>" +
        "<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissions></item></securityGroupInfo></DescribeSecurityGroupsResponse>",
    );
  });

  test("timestamps: IAM in whole seconds, EC2 with milliseconds, from epoch seconds or an ISO string; members not in the shape are not written", () => {
    const role = { Path: "/", RoleName: "r", RoleId: "AROA1", Arn: "arn:aws:iam::1:role/r", CreateDate: 1767323045.678, Unknown: "<dropped>" };
    const iam = protocolOf(AWS_MODELS.iam).answer("GetRole", { Role: role }, AWS_MODELS.iam, REQUEST_ID).body;
    expect(iam).toContain("<CreateDate>2026-01-02T03:04:05Z</CreateDate>");
    expect(iam).not.toContain("dropped");
    const nat = { NatGateways: [{ NatGatewayId: "nat-1", CreateTime: "2026-01-02T03:04:05.678Z" }, { NatGatewayId: "nat-2", CreateTime: 1767323045 }] };
    const ec2 = protocolOf(AWS_MODELS.ec2).answer("DescribeNatGateways", nat, AWS_MODELS.ec2, REQUEST_ID).body;
    expect(ec2).toContain("<createTime>2026-01-02T03:04:05.678Z</createTime>");
    expect(ec2).toContain("<createTime>2026-01-02T03:04:05.000Z</createTime>");
  });

  test("a value of the wrong kind for its shape is left out rather than written as something else", () => {
    const body = protocolOf(AWS_MODELS.iam).answer("GetRole", { Role: { RoleName: { nested: 1 }, MaxSessionDuration: "lots", Tags: "no", CreateDate: {} } }, AWS_MODELS.iam, REQUEST_ID).body;
    expect(body).toContain("<GetRoleResult><Role></Role></GetRoleResult>");
  });
});

describe("failure(): AWS's error documents, read by botocore as the CLI prints them", () => {
  const expected: Record<string, { status: number; code: string; type?: string; message?: string }> = {
    "iam NoSuchEntityException": { status: 404, code: "NoSuchEntity", type: "Sender" },
    "iam NoSuchEntity": { status: 404, code: "NoSuchEntity", type: "Sender" },
    "iam EntityAlreadyExistsException": { status: 409, code: "EntityAlreadyExists", type: "Sender" },
    "iam LimitExceededException": { status: 409, code: "LimitExceeded", type: "Sender" },
    "iam MalformedPolicyDocumentException": { status: 400, code: "MalformedPolicyDocument", type: "Sender" },
    "iam ServiceFailureException": { status: 500, code: "ServiceFailure", type: "Receiver" },
    "iam ValidationError": { status: 400, code: "ValidationError", type: "Sender" },
    "iam InvalidSignatureException": { status: 403, code: "SignatureDoesNotMatch", type: "Sender" },
    "sts UnrecognizedClientException": { status: 403, code: "InvalidClientTokenId", type: "Sender" },
    "sts ThrottlingException": { status: 400, code: "Throttling", type: "Sender", message: "Rate exceeded" },
    "sts MissingAuthenticationTokenException": { status: 403, code: "MissingAuthenticationToken", type: "Sender", message: "Request is missing Authentication Token" },
    "ec2 InvalidGroup.NotFound": { status: 400, code: "InvalidGroup.NotFound" },
    "ec2 InvalidSignatureException": { status: 401, code: "AuthFailure", message: "AWS was not able to validate the provided access credentials" },
    "ec2 UnrecognizedClientException": { status: 401, code: "AuthFailure", message: "AWS was not able to validate the provided access credentials" },
    "ec2 ThrottlingException": { status: 503, code: "RequestLimitExceeded", message: "Request limit exceeded." },
    "ec2 ServerException": { status: 500, code: "InternalError" },
  };

  test.each(ERRORS.map(([service, error], i) => [`${service} ${error.type}`, i] as const))("%s", (label, i) => {
    const failure = failures[i];
    const parsed = results.parse[failure.parseIndex];
    if ("error" in parsed) throw new Error(`botocore could not parse: ${parsed.error}\n${failure.body}`);
    const want = expected[label];
    const error = parsed.parsed.Error as Record<string, string>;
    if (label === "ec2 InvalidSignatureException" && failure.error.message.startsWith("Signature expired")) {
      expect(failure.status).toBe(400);
      expect(error).toEqual({ Code: "RequestExpired", Message: "Request has expired." });
    } else {
      expect(failure.status).toBe(want.status);
      expect(error.Code).toBe(want.code);
      expect(error.Message).toBe(want.message ?? failure.error.message);
      if (want.type) expect(error.Type).toBe(want.type);
      else expect(error.Type).toBeUndefined();
    }
    expect(parsed.parsed.ResponseMetadata).toEqual({ RequestId: REQUEST_ID, HTTPStatusCode: failure.status });
  });

  test("the documents: query's ErrorResponse with Type, EC2's Response/Errors/RequestID", () => {
    const iam = protocolOf(AWS_MODELS.iam).failure(new EcsError("NoSuchEntityException", "The role with name x cannot be found."), AWS_MODELS.iam, REQUEST_ID);
    expect(iam.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>' +
        `<Message>The role with name x cannot be found.</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
    );
    const ec2 = protocolOf(AWS_MODELS.ec2).failure(new EcsError("InvalidGroup.NotFound", "The security group 'sg-1' does not exist"), AWS_MODELS.ec2, REQUEST_ID);
    expect(ec2.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>The security group 'sg-1' does not exist</Message></Error></Errors><RequestID>${REQUEST_ID}</RequestID></Response>`,
    );
    expect(ec2.headers["Content-Type"]).toBe("text/xml");
  });
});

describe("read(): what the protocols refuse, and how", () => {
  const iam = AWS_MODELS.iam;
  const ec2 = AWS_MODELS.ec2;
  const read = (model: ServiceModel, body: string) => protocolOf(model).read({ headers: {}, body }, model);
  const refusal = (model: ServiceModel, body: string) => {
    try {
      read(model, body);
    } catch (error) {
      if (error instanceof EcsError) {
        const response = protocolOf(model).failure(error, model, REQUEST_ID);
        return { code: error.type, message: error.message, status: response.status };
      }
      throw error;
    }
    throw new Error(`read ${body}`);
  };

  test("Action and Version: unknown, not emulated, wrong or missing version", () => {
    expect(refusal(iam, "Action=GetRoles&Version=2010-05-08&RoleName=x")).toEqual({ code: "InvalidAction", message: "Could not find operation GetRoles for version 2010-05-08", status: 400 });
    expect(refusal(iam, "Action=CreateUser&Version=2010-05-08&UserName=x")).toEqual({
      code: "InvalidAction",
      message: "CreateUser is an operation of IAM that the ECS Dojo sandbox does not emulate.",
      status: 400,
    });
    expect(refusal(iam, "Action=GetRole&Version=2011-06-15&RoleName=x")).toMatchObject({ code: "InvalidAction", message: "Could not find operation GetRole for version 2011-06-15" });
    expect(refusal(iam, "Action=GetRole&RoleName=x")).toMatchObject({ message: "Could not find operation GetRole for version NO_VERSION_SPECIFIED" });
    expect(refusal(iam, "Version=2010-05-08&RoleName=x")).toMatchObject({ code: "MissingAction", status: 400 });
    expect(refusal(ec2, "Action=DescribeLoadBalancers&Version=2016-11-15")).toEqual({ code: "InvalidAction", message: "The action DescribeLoadBalancers is not valid for this web service.", status: 400 });
    expect(refusal(ec2, "Action=RunInstances&Version=2016-11-15")).toMatchObject({ code: "InvalidAction", message: "RunInstances is an operation of EC2 that the ECS Dojo sandbox does not emulate." });
    expect(refusal(ec2, "Action=DescribeVpcs&Version=2014-01-01")).toMatchObject({ code: "NoSuchVersion", status: 400 });
    expect(refusal(ec2, "Action=DescribeVpcs")).toMatchObject({ code: "MissingParameter", status: 400 });
  });

  test("unknown parameters: IAM ignores them, EC2 names the first", () => {
    expect(read(iam, "Action=GetRole&Version=2010-05-08&RoleName=x&Bogus=1&RoleName.member.1=y")).toEqual({ operation: "GetRole", input: { RoleName: "x" } });
    expect(refusal(ec2, "Action=DescribeVpcs&Version=2016-11-15&Description=x")).toEqual({ code: "UnknownParameter", message: "The parameter Description is not recognized", status: 400 });
    expect(refusal(ec2, "Action=DescribeVpcs&Version=2016-11-15&vpcId.1=x")).toMatchObject({ message: "The parameter vpcId is not recognized" });
    expect(refusal(ec2, "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=x&Filter.1.Bogus=y")).toMatchObject({ message: "The parameter Filter.1.Bogus is not recognized" });
    expect(refusal(ec2, "Action=DescribeVpcs&Version=2016-11-15&DryRun.x=true")).toMatchObject({ message: "The parameter DryRun.x is not recognized" });
    expect(read(ec2, "Action=DescribeVpcs&Version=2016-11-15&X-Amz-Date=20260101T000000Z")).toEqual({ operation: "DescribeVpcs", input: {} });
  });

  test("syntax: MalformedQueryString (404 for IAM as AWS documents it, 400 for EC2)", () => {
    for (const bad of ["%", "%4", "%G1", "%FF", "%C3%28", "%ED%A0%80", "%E2%82"]) {
      expect(refusal(iam, `Action=GetRole&Version=2010-05-08&RoleName=${bad}`)).toMatchObject({ code: "MalformedQueryString", status: 404 });
      expect(refusal(ec2, `Action=DescribeVpcs&Version=2016-11-15&VpcId.1=${bad}`)).toMatchObject({ code: "MalformedQueryString", status: 400 });
    }
    expect(refusal(iam, "=x&Action=GetRole")).toMatchObject({ code: "MalformedQueryString" });
  });

  test("structure: repeated keys, list indexes that skip, are not numbers or pass the cap", () => {
    const base = "Action=TagRole&Version=2010-05-08&RoleName=r";
    expect(refusal(iam, `${base}&RoleName=r`)).toMatchObject({ code: "InvalidQueryParameter", status: 400 });
    expect(refusal(iam, "Action=GetRole&Action=GetRole&Version=2010-05-08")).toMatchObject({ code: "InvalidQueryParameter" });
    expect(refusal(iam, `${base}&Tags.member.1.Key=a&Tags.member.1.Value=b&Tags.member.3.Key=c&Tags.member.3.Value=d`)).toMatchObject({
      code: "InvalidQueryParameter",
      message: "The AWS query string is malformed or does not adhere to AWS standards: Tags.member: list indexes must run 1, 2, 3… without a gap (2 is missing).",
    });
    for (const index of ["0", "01", "-1", "x", String(MAX_LIST_INDEX + 1), "99999999999999999999"]) {
      expect(refusal(iam, `${base}&Tags.member.${index}.Key=a&Tags.member.${index}.Value=b`)).toMatchObject({ code: "InvalidQueryParameter" });
      expect(refusal(ec2, `Action=DescribeVpcs&Version=2016-11-15&VpcId.${index}=v`)).toMatchObject({ code: "InvalidParameterValue", status: 400 });
    }
    // A 1 MB body of tiny pairs or of one endless key is refused or read without walking all of it.
    const crowd = Array.from({ length: MAX_PARAMETERS + 1 }, (_, i) => `K${i}=1`).join("&");
    expect(refusal(iam, `Action=GetRole&Version=2010-05-08&${crowd}`)).toMatchObject({ code: "InvalidQueryParameter", message: expect.stringContaining(`more than ${MAX_PARAMETERS} parameters`) });
    const endless = `RoleName${".B".repeat(400_000)}`;
    expect(read(iam, `Action=GetRole&Version=2010-05-08&${endless}=1`)).toEqual({ operation: "GetRole", input: {} });
    expect(refusal(ec2, `Action=DescribeVpcs&Version=2016-11-15&${endless}=1`)).toMatchObject({ code: "UnknownParameter" });
    // 1000 elements are fine.
    const many = Array.from({ length: MAX_LIST_INDEX }, (_, i) => `VpcId.${i + 1}=vpc-${i}`).join("&");
    expect((read(ec2, `Action=DescribeVpcs&Version=2016-11-15&${many}`).input as { VpcIds: string[] }).VpcIds).toHaveLength(MAX_LIST_INDEX);
  });

  test("values: typed by the shape, refused when they cannot be", () => {
    expect(read(iam, "Action=ListRoles&Version=2010-05-08&MaxItems=10&Marker=m")).toEqual({ operation: "ListRoles", input: { MaxItems: 10, Marker: "m" } });
    expect(refusal(iam, "Action=ListRoles&Version=2010-05-08&MaxItems=ten")).toEqual({
      code: "ValidationError",
      message: "1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be an integer",
      status: 400,
    });
    expect(refusal(iam, "Action=ListRoles&Version=2010-05-08&MaxItems=2147483648")).toMatchObject({ code: "ValidationError" });
    expect(read(ec2, "Action=DescribeVpcs&Version=2016-11-15&DryRun=TRUE").input).toEqual({ DryRun: true });
    expect(refusal(ec2, "Action=DescribeVpcs&Version=2016-11-15&DryRun=yes")).toEqual({ code: "InvalidParameterValue", message: "Invalid value 'yes' for DryRun. Expected true or false.", status: 400 });
    expect(refusal(iam, "Action=GetRole&Version=2010-05-08&RoleName=a%01b")).toMatchObject({ code: "ValidationError" });
    expect(refusal(ec2, "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=a&GroupDescription=%EF%BF%BE")).toMatchObject({ code: "InvalidParameterValue" });
    // Tabs, newlines and carriage returns are text XML carries (IAM policies hold them).
    expect(read(iam, "Action=GetRole&Version=2010-05-08&RoleName=a%09b%0Ac%0Dd").input).toEqual({ RoleName: "a\tb\nc\rd" });
  });

  test("a map key `__proto__` is data, never the object's prototype", () => {
    const map = SYNTHETIC_QUERY.compact;
    const { input } = read(map, "Action=DoIt&Version=2020-01-01&Dict.entry.1.Name=__proto__&Dict.entry.1.Val=polluted&Dict.entry.2.Name=constructor&Dict.entry.2.Val=x") as {
      input: { Dict: Record<string, string> };
    };
    expect(Object.getPrototypeOf(input.Dict)).toBe(Object.prototype);
    expect(Object.keys(input.Dict)).toEqual(["__proto__", "constructor"]);
    expect(input.Dict["__proto__"]).toBe("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("form decoding: + is a space, empty pairs are skipped, a key without = has an empty value", () => {
    const dialect = { kind: "query" as const, malformed: (d: string) => new EcsError("M", d), badStructure: (_p: string, d: string) => new EcsError("S", d), badValue: () => new EcsError("V", "") };
    expect([...decodeForm("a=1+2&&b&c=%2B%26%3D&", dialect)]).toEqual([
      ["a", "1 2"],
      ["b", ""],
      ["c", "+&="],
    ]);
  });

  test("timestamps read as epoch seconds: ISO 8601 with a fraction or an offset, or epoch seconds", () => {
    expect(timestampSeconds("2026-01-02T03:04:05Z")).toBe(1767323045);
    expect(timestampSeconds("2026-01-02T03:04:05.250000Z")).toBe(1767323045.25);
    expect(timestampSeconds("2026-01-02T12:04:05+09:00")).toBe(1767323045);
    expect(timestampSeconds("1767323045")).toBe(1767323045);
    for (const bad of ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "yesterday", "2026-01-02 03:04:05", ""]) expect(timestampSeconds(bad)).toBeUndefined();
  });
});

describe("XML escaping", () => {
  test("markup, ]]> and CR are escaped; tab and LF are kept; what XML cannot carry becomes U+FFFD", () => {
    expect(escapeXml(`a<b>&c"d'e]]>f`)).toBe(`a&lt;b&gt;&amp;c"d'e]]&gt;f`);
    expect(escapeXml("t\tn\nr\r")).toBe("t\tn\nr&#13;");
    expect(escapeXml("x\u0000y\u001Fz\uFFFE\uD800!")).toBe("x\uFFFDy\uFFFDz\uFFFD\uFFFD!");
    expect(escapeXml("😀 日本")).toBe("😀 日本");
  });

  test("values that would break the document round-trip through botocore (the sampled strings above include them)", () => {
    const sampled = answers.filter((a) => a.body.includes("&lt;tag attr=\"q\"&gt;'&amp;'&lt;/tag&gt; ]]&gt; &lt;![CDATA[x]]&gt;"));
    expect(sampled.length).toBeGreaterThan(10);
    expect(answers.filter((a) => a.body.includes("&#13;")).length).toBeGreaterThan(10);
  });
});

describe(`malformed and fuzzed bodies (${3 * 160} generated): AWS-shaped 4xx, never a crash`, () => {
  test("none crashes; each refusal is a 4xx error document botocore reads with the code the protocol raised", () => {
    const crashes = refused.filter((r) => r.crash);
    expect(crashes.map((c) => `${c.label}: ${c.crash} — ${c.body.slice(0, 80)}`)).toEqual([]);
    const refusals = refused.filter((r) => r.code);
    expect(refusals.length).toBeGreaterThanOrEqual(200);
    for (const r of refusals) {
      expect({ label: r.label, status: r.status! >= 400 && r.status! < 500 }).toEqual({ label: r.label, status: true });
      const parsed = results.parse[r.parseIndex!];
      if ("error" in parsed) throw new Error(`${r.label}: botocore could not parse ${parsed.error}\n${r.xml}`);
      expect((parsed.parsed.Error as { Code: string }).Code).toBe(r.code);
    }
    // The codes a malformed body meets: the protocol's own, nothing from elsewhere.
    const codes = new Set(refusals.map((r) => `${r.kind}:${r.code}`));
    for (const code of codes) {
      expect([
        "query:MalformedQueryString",
        "query:InvalidQueryParameter",
        "query:ValidationError",
        "query:InvalidAction",
        "query:MissingAction",
        "ec2:MalformedQueryString",
        "ec2:InvalidParameterValue",
        "ec2:UnknownParameter",
        "ec2:InvalidAction",
        "ec2:MissingAction",
        "ec2:MissingParameter",
        "ec2:NoSuchVersion",
      ]).toContain(code);
    }
  });

  test("the same fuzz is deterministic (a failure reproduces)", () => {
    const again = mulberry32(20260101);
    expect(mutate(BASES.iam[0], again)).toBe(refused[0].body);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Through the gateway: failures before any service reads the call, in the protocol of the credential scope.

const WALL = Date.UTC(2026, 0, 1, 12, 0, 0);
const LEARNER = { accessKeyId: "ADOJQUERYQUERYQUERY2", secretAccessKey: "query-secret-query-secret-query-secret-q", accountId: "333333333333" };

function gatewayDeps(store = new MemorySandboxStore(), throttled = false): GatewayDeps {
  return {
    store,
    credentials: { lookup: async (key) => (key === LEARNER.accessKeyId ? { accountId: LEARNER.accountId, secretAccessKey: LEARNER.secretAccessKey } : null) },
    now: () => WALL,
    log: () => {},
    throttle: throttled ? { admit: async () => false, charge: () => {} } : undefined,
  };
}

async function signed(service: string, body: string, options: { secret?: string; accessKeyId?: string; date?: number; region?: string; contentType?: string } = {}) {
  const signer = new SignatureV4({
    credentials: { accessKeyId: options.accessKeyId ?? LEARNER.accessKeyId, secretAccessKey: options.secret ?? LEARNER.secretAccessKey },
    region: options.region ?? "us-east-1",
    service,
    sha256: NodeSha256,
  });
  const request = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname: "dojo.example",
      path: "/aws/",
      headers: { host: "dojo.example", "content-type": options.contentType ?? "application/x-www-form-urlencoded; charset=utf-8" },
      body,
    },
    { signingDate: new Date(options.date ?? WALL) },
  );
  return { method: "POST", path: "/aws/", headers: request.headers as Record<string, string>, body };
}

describe("the gateway writes authentication failures in the scoped service's protocol", () => {
  const STS_CALL = "Action=GetCallerIdentity&Version=2011-06-15";

  test("STS: a wrong secret, an unknown key, an expired signature, throttling", async () => {
    const deps = gatewayDeps();
    const wrong = await handleAwsRequest(await signed("sts", STS_CALL, { secret: "nope-nope-nope-nope-nope-nope-nope-nope" }), deps);
    expect(wrong.status).toBe(403);
    expect(wrong.headers["Content-Type"]).toBe("text/xml");
    expect(wrong.body).toContain("<Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match");
    const stranger = await handleAwsRequest(await signed("sts", STS_CALL, { accessKeyId: "AKIDNOBODYNOBODYNOBO" }), deps);
    expect(stranger.status).toBe(403);
    expect(stranger.body).toContain("<Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message>");
    const old = await handleAwsRequest(await signed("sts", STS_CALL, { date: WALL - 20 * 60_000 }), deps);
    expect(old.status).toBe(403);
    expect(old.body).toContain("<Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20260101T114000Z is now earlier than 20260101T114500Z (20260101T120000Z - 15 min.)</Message>");
    const throttled = await handleAwsRequest(await signed("sts", STS_CALL), gatewayDeps(undefined, true));
    expect(throttled.status).toBe(400);
    expect(throttled.body).toContain("<Code>Throttling</Code><Message>Rate exceeded</Message>");
  });

  test("EC2: AuthFailure 401 for a wrong secret or unknown key, RequestExpired for an old signature", async () => {
    const deps = gatewayDeps();
    const call = "Action=DescribeVpcs&Version=2016-11-15";
    const wrong = await handleAwsRequest(await signed("ec2", call, { secret: "nope-nope-nope-nope-nope-nope-nope-nope", region: "ap-northeast-1" }), deps);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Errors><Error><Code>AuthFailure<\/Code><Message>AWS was not able to validate the provided access credentials<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
    const stranger = await handleAwsRequest(await signed("ec2", call, { accessKeyId: "AKIDNOBODYNOBODYNOBO" }), deps);
    expect(stranger.status).toBe(401);
    const old = await handleAwsRequest(await signed("ec2", call, { date: WALL + 20 * 60_000 }), deps);
    expect(old.status).toBe(400);
    expect(old.body).toContain("<Code>RequestExpired</Code><Message>Request has expired.</Message>");
  });

  test("a crash behind an STS call: InternalFailure 500 in STS's XML, logged, nothing of it shown", async () => {
    const logged: unknown[] = [];
    const store = new MemorySandboxStore();
    store.update = () => {
      throw new Error("disk on fire");
    };
    const response = await handleAwsRequest(await signed("sts", STS_CALL), { ...gatewayDeps(store), log: (_message, error) => logged.push(error) });
    expect(response.status).toBe(500);
    expect(response.body).toContain("<Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>The sandbox could not process the request.</Message></Error>");
    expect(response.body).not.toContain("disk on fire");
    expect(logged).toHaveLength(1);
  });

  test("a body over the size limit: IAM and EC2 get it in XML, ECS in JSON, each closing the connection", async () => {
    const deps = gatewayDeps();
    const huge = (call: string) => `${call}&RoleName=${"x".repeat(MAX_BODY_BYTES)}`;
    const iam = await handleAwsRequest(await signed("iam", huge("Action=GetRole&Version=2010-05-08")), deps);
    expect([iam.status, iam.headers["Content-Type"], iam.headers.Connection]).toEqual([400, "text/xml", "close"]);
    expect(iam.body).toContain(`<Code>SerializationException</Code><Message>${BODY_TOO_LARGE}</Message>`);
    const ec2 = await handleAwsRequest(await signed("ec2", huge("Action=DescribeVpcs&Version=2016-11-15"), { region: "ap-northeast-1" }), deps);
    expect(ec2.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Errors><Error><Code>SerializationException<\/Code>/);
    const ecs = await handleAwsRequest(await signed("ecs", JSON.stringify({ cluster: "x".repeat(MAX_BODY_BYTES) }), { contentType: "application/x-amz-json-1.1" }), deps);
    expect([ecs.status, ecs.headers.Connection, JSON.parse(ecs.body).__type]).toEqual([400, "close", "SerializationException"]);
  });

  test("ECS and the JSON 1.1 services keep their JSON errors", async () => {
    const deps = gatewayDeps();
    for (const service of ["ecs", "ecr", "logs"]) {
      const wrong = await handleAwsRequest(await signed(service, "{}", { secret: "nope-nope-nope-nope-nope-nope-nope-nope", contentType: "application/x-amz-json-1.1" }), deps);
      expect(wrong.status).toBe(400);
      expect(wrong.headers["Content-Type"]).toBe("application/x-amz-json-1.1");
      expect(JSON.parse(wrong.body)).toMatchObject({ __type: "InvalidSignatureException" });
    }
  });

  test("malformed STS bodies through the gateway: 4xx XML, the learner's sandbox unchanged", async () => {
    const store = new MemorySandboxStore();
    const deps = gatewayDeps(store);
    const ok = await handleAwsRequest(await signed("sts", STS_CALL), deps);
    expect(ok.status).toBe(200);
    const before = JSON.stringify(store.peek(LEARNER.accountId, "aws-global") ?? null);
    const random = mulberry32(7);
    for (let i = 0; i < 60; i++) {
      const body = mutate(STS_CALL, random);
      const response = await handleAwsRequest(await signed("sts", body), deps);
      if (response.status === 200) continue;
      expect({ body, status: response.status >= 400 && response.status < 500 }).toEqual({ body, status: true });
      expect(response.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>/);
    }
    expect(JSON.stringify(store.peek(LEARNER.accountId, "aws-global") ?? null)).toBe(before);
  });
});
