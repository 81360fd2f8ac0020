/**
 * The other services of the sandbox under ten thousand bad requests, as sandbox-robustness.test.ts does for ECS:
 * ECR, CloudWatch Logs, Secrets Manager and SSM (AWS JSON 1.1) and IAM, STS and EC2 (the query protocols), each
 * correctly signed by the learner whose sandbox they aim at, so that only the service's own reading stands between
 * them and that sandbox. JSON 1.1: malformed JSON, wrong types for every member of every emulated operation (from
 * the models), huge strings, deep nesting, unknown targets, wrong target prefixes. Query: malformed forms (bad
 * percent-encoding, bytes that are not UTF-8, nameless and repeated keys), a missing or unknown Action, a wrong or
 * missing Version, lists with gaps and indexes that are not numbers, values that would break the XML answer (`<`,
 * `]]>`, `&`, control characters, NUL, lone surrogates), wrong scalar types, huge values, other protocols' bodies.
 *
 * Most are a valid call that would change the sandbox (support/service-fixtures.ts) with one thing wrong; each
 * protocol's requests are made in support/json-fuzz.ts and support/query-fuzz.ts, the model-derived kinds walking
 * every member they cover (checked below). Every one must get a 4xx in the service's own error shape
 * (support/error-shapes.ts: JSON `__type` + message; query `<ErrorResponse>…<Type>Sender</Type>`; EC2
 * `<Response><Errors>`; the XML parsed strictly), with the code the fault decides where it decides one; and nothing may
 * be written to any sandbox: the store sees no write at all, and the learner's stored state is the same after.
 *
 * Against the gateway on a loopback port (support/gateway-endpoint.ts) rather than the built app, for its store: a
 * write anywhere shows. The HTTP front of the app is the ECS fuzz's business. Each request is generated from the seed
 * and its own number, so a failure names one request that can be generated and sent again on its own.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AWS_MODELS } from "@/lib/aws-models";
import { GLOBAL_REGION } from "@/lib/sandbox/services";
import type { SandboxStore } from "@/lib/sandbox/store";
import { errorAnswerProblem } from "./support/error-shapes";
import { seeded, sendAll, type FuzzAnswer, type FuzzRequest } from "./support/fuzz";
import { startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";
import { JSON_KINDS, jsonCoverage, jsonDraft, type JsonKind } from "./support/json-fuzz";
import { QUERY_KINDS, queryCoverage, queryDraft, type QueryKind } from "./support/query-fuzz";
import { JSON_SERVICES, QUERY_SERVICES, signCall, type Draft, type JsonService, type QueryService } from "./support/service-calls";
import { checkBases, REGION, setUp, type SandboxFacts } from "./support/service-fixtures";

const SEED = 20261207;
const CONCURRENCY = 16;

type Service = JsonService | QueryService;
type Kind = JsonKind | QueryKind;

/** How many requests of each kind each service gets: 10,000 in all. */
const JSON_PLAN: Record<JsonKind, number> = {
  "malformed JSON": 200,
  "wrong member types": 600,
  "huge strings": 100,
  "deep nesting": 100,
  "unknown targets": 150,
  "wrong target prefixes": 150,
};
const QUERY_PLAN: Record<QueryKind, number> = {
  "malformed form": 300,
  "missing or unknown Action": 250,
  "wrong or missing Version": 200,
  "list gaps and bad indexes": 300,
  "XML-breaking values": 400,
  "wrong scalar types": 250,
  "huge values": 150,
  "protocol confusion": 150,
};
/** STS's one operation has no members: nothing to give a wrong type, a gap or a huge value. */
const STS_PLAN: Partial<Record<QueryKind, number>> = {
  "malformed form": 200,
  "missing or unknown Action": 200,
  "wrong or missing Version": 200,
  "XML-breaking values": 100,
  "protocol confusion": 100,
};
const PLAN: Record<Service, Partial<Record<Kind, number>>> = {
  ecr: JSON_PLAN,
  logs: JSON_PLAN,
  secretsmanager: JSON_PLAN,
  ssm: JSON_PLAN,
  iam: QUERY_PLAN,
  ec2: QUERY_PLAN,
  sts: STS_PLAN,
};

interface Slot {
  service: Service;
  kind: Kind;
  /** Which request of its kind for its service this is: the model-derived kinds walk their list with it. */
  index: number;
}

/** Every request's service and kind, in an order mixed once from the seed (so the services are hit at once). */
function schedule(): Slot[] {
  const slots = Object.entries(PLAN).flatMap(([service, kinds]) =>
    Object.entries(kinds).flatMap(([kind, count]) => Array.from({ length: count }, (_, index) => ({ service: service as Service, kind: kind as Kind, index }))),
  );
  const random = seeded(SEED);
  for (let i = slots.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  return slots;
}

const SLOTS = schedule();

interface ServiceRequest extends FuzzRequest, Pick<Draft, "expectedCode" | "covers"> {
  service: Service;
}

let endpoint: GatewayEndpoint;
let learner: GatewayLearner;
let facts: SandboxFacts;

const isJson = (service: Service): service is JsonService => (JSON_SERVICES as readonly string[]).includes(service);

/** The n-th request, from the seed and n alone. */
async function request(n: number): Promise<ServiceRequest> {
  const { service, kind, index } = SLOTS[n];
  const random = seeded(SEED * 7919 + n);
  const draft = isJson(service)
    ? jsonDraft(kind as JsonKind, { service, index, random, facts })
    : queryDraft(kind as QueryKind, { service, index, random, facts });
  const headers = await signCall(endpoint.url, learner, REGION, draft.call);
  return { kind, service, headers, body: draft.call.body, query: draft.query, expectedCode: draft.expectedCode, covers: draft.covers };
}

function judge(request: ServiceRequest, answer: FuzzAnswer): string | undefined {
  const model = AWS_MODELS[request.service];
  // The fuzzed services speak JSON 1.1 or a query protocol (CloudWatch's CBOR is not fuzzed here).
  const protocol = model.metadata.protocol as Exclude<typeof model.metadata.protocol, "smithy-rpc-v2-cbor">;
  const problem = errorAnswerProblem(answer, protocol, { expectedCode: request.expectedCode, namespace: protocol === "query" ? model.metadata.xmlNamespace : undefined });
  return problem && `${request.service}${request.covers ? ` ${request.covers}` : ""}: ${problem} (sent ${request.body.slice(0, 160)})`;
}

/** Records every write the store is asked to make: there must be none. */
function watchWrites(store: SandboxStore): string[] {
  const writes: string[] = [];
  const update = store.update.bind(store);
  store.update = (accountId, region, fn) =>
    update(accountId, region, (current) => {
      const result = fn(current);
      if (result.state !== current) writes.push(`${accountId}/${region}`);
      return result;
    });
  return writes;
}

/** The learner's stored sandbox in every Region the fuzz signs for, the global services' included. */
function storedState(): string {
  return JSON.stringify([REGION, "us-east-1", GLOBAL_REGION].map((region) => endpoint.store.peek(learner.accountId, region)));
}

beforeAll(async () => {
  endpoint = await startGatewayEndpoint();
  learner = endpoint.newLearner();
  facts = await setUp(endpoint.url, learner);
});

afterAll(async () => {
  await endpoint?.stop();
});

describe("the other services' endpoint under bad requests", () => {
  test("every call the fuzz corrupts succeeds uncorrupted (on a sandbox of its own)", { timeout: 60_000 }, async () => {
    expect(await checkBases(endpoint.url, () => endpoint.newLearner())).toEqual([]);
  });

  test(`${SLOTS.length} bad requests to ECR, Logs, Secrets Manager, SSM, IAM, STS, EC2: each a 4xx in the service's own shape, nothing written`, { timeout: 120_000 }, async () => {
    const before = storedState();
    const writes = watchWrites(endpoint.store);
    const covered = new Set<string>();
    const { wrong, kinds } = await sendAll({
      url: endpoint.url,
      count: SLOTS.length,
      concurrency: CONCURRENCY,
      make: request,
      judge(request, answer) {
        if (request.covers) covered.add(`${request.service} ${request.kind} ${request.covers}`);
        return judge(request, answer);
      },
    });

    expect({ wrong: wrong.length, first: wrong.slice(0, 30) }).toEqual({ wrong: 0, first: [] });
    expect(SLOTS.length).toBe(10_000);
    expect([...kinds.keys()].sort()).toEqual([...JSON_KINDS, ...QUERY_KINDS].sort());
    // The model-derived kinds reached every member they walk at least once.
    const reach = [
      ...JSON_SERVICES.flatMap((service) => jsonCoverage(service).map((item) => `${service} ${item}`)),
      ...QUERY_SERVICES.flatMap((service) => queryCoverage(service).map((item) => `${service} ${item}`)),
    ];
    expect(reach.filter((item) => !covered.has(item))).toEqual([]);
    expect(writes).toEqual([]);
    expect(storedState()).toBe(before);
  });
});
