/**
 * Fuzz: 20,000 generated command lines (random services, operations, options and values from the models, broken
 * quoting, huge values, hostile strings) through the interpreter with a transport that answers at random. Every line
 * must end as the CLI ends — an exit code of the CLI's and its output — never with an exception the interpreter did
 * not expect, never hang, and never send a request whose SigV4 signature does not verify.
 */
import { describe, expect, test } from "vitest";
import { runAws, runAwsLine, type HttpRequest, type HttpResponse } from "@/lib/aws-cli";
import { buildArgumentTable } from "@/lib/aws-cli/arguments";
import { loadService, SERVICE_NAMES, type Operation, type ServiceModel } from "@/lib/aws-cli/model";
import { dumpsPyJson } from "@/lib/aws-cli/python-values";
import { inputSkeleton } from "@/lib/aws-cli/skeleton";
import { expectedSignature } from "@/lib/sandbox/gateway/sigv4";

const LINES = 20_000;
const SEED = 0x5eed_a115;
/** A command that sends more than this many requests is looping (the CLI stops paging at a repeated token). */
const MAX_REQUESTS_PER_LINE = 400;
const CLI_EXIT_CODES = new Set([0, 2, 127, 130, 252, 253, 254, 255]);
const SECRET = "fuzzSecretAccessKey0000000000000000000000";
const KEY = "AKIDFUZZ0000000000";

/** mulberry32: a small deterministic PRNG, so a failing line can be replayed from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  "$(rm -rf /)",
  "`reboot`",
  "'; DROP TABLE clusters; --",
  "../../../../etc/passwd",
  "file:///etc/passwd",
  "file://missing.json",
  "fileb://missing.bin",
  "<script>alert(1)</script>",
  "\u0000\u0001\u0002",
  "\u202e\u200b\ufeff",
  "😀".repeat(50),
  "日本語のクラスター",
  "__proto__",
  "constructor",
  '{"__proto__": {"polluted": true}}',
  "{",
  "[",
  "]",
  "}",
  "a=",
  "=",
  ",,,",
  "a={b=[c,{d=e}]}",
  "key=a,value=b key=c",
  "-1",
  "1e309",
  "NaN",
  "0x10",
  "",
  " ",
  "\\",
  "\n",
  "null",
  "true",
];

/**
 * The gateway's own SigV4 computation (lib/sandbox/gateway/sigv4.ts) over what was sent. The Authorization header is
 * read here leniently: a fuzzed Region such as "null" is signed correctly even though the gateway refuses the Region.
 */
function isValidlySigned(request: HttpRequest, headers: Record<string, string>, url: URL): boolean {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? "");
  if (!match || match[1] !== KEY || !headers["x-amz-date"]) return false;
  const [, accessKeyId, scopeDate, region, service, signed, signature] = match;
  const signedHeaders = signed.split(";");
  if (!signedHeaders.includes("host") || !signedHeaders.includes("x-amz-date")) return false;
  const parts = { accessKeyId, scopeDate, region, service, signedHeaders, signature, amzDate: headers["x-amz-date"] };
  return expectedSignature({ method: request.method, path: url.pathname + url.search, headers, body: request.body }, parts, SECRET) === signature;
}

/** Every required argument of `operation` with a value of the right shape (the input skeleton's, as JSON). */
function requiredArguments(model: ServiceModel, operation: Operation): string[] {
  const words: string[] = [];
  for (const argument of buildArgumentTable(model, operation).arguments) {
    if (!argument.required || !argument.shape) continue;
    const shape = argument.shape;
    const skeleton = inputSkeleton(model, model.shapes[operation.input!].members!.find(([m]) => m === argument.member)![1].shape);
    if (shape.type === "boolean") words.push(`--${argument.name}`);
    else if (shape.type === "list" && !["structure", "list", "map"].includes(model.shapes[shape.member!.shape].type)) words.push(`--${argument.name}`, "a", "b");
    else if (["structure", "list", "map"].includes(shape.type)) words.push(`--${argument.name}`, dumpsPyJson(skeleton));
    else if (shape.type === "string") words.push(`--${argument.name}`, shape.enum?.[0] ?? "x");
    else words.push(`--${argument.name}`, "1");
  }
  return words;
}

describe("fuzz: generated command lines", () => {
  test(`${LINES} lines end like the CLI ends, signed, without hanging`, { timeout: 600_000 }, async () => {
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const models = new Map<string, ServiceModel>();
    for (const name of SERVICE_NAMES) models.set(name, await loadService(name));
    let sent = 0;
    let unsigned = 0;
    let requestsThisLine = 0;

    const randomValue = (): string => {
      const r = random();
      if (r < 0.25) return pick(HOSTILE);
      if (r < 0.35) return "x".repeat(Math.floor(random() * 200_000));
      if (r < 0.5) return String(Math.floor(random() * 2000) - 500);
      if (r < 0.6) return JSON.stringify({ a: [1, "b", { c: null }], d: random() });
      return Array.from({ length: 1 + Math.floor(random() * 20) }, () => pick([..."abcXYZ019=,[]{}'\" -_.:/*$@"])).join("");
    };

    const answer = (request: HttpRequest): HttpResponse => {
      const json = (request.headers["content-type"] ?? "").includes("json");
      const r = random();
      if (r < 0.15) return { status: 400, headers: {}, body: json ? JSON.stringify({ __type: "ClientException", message: randomValue() }) : `<ErrorResponse><Error><Code>ValidationError</Code><Message>bad &amp; worse</Message></Error></ErrorResponse>` };
      if (r < 0.2) return { status: 500, headers: {}, body: "oops" };
      if (r < 0.25) return { status: 200, headers: {}, body: "not json <or xml" };
      if (json) {
        const body: Record<string, unknown> = { clusterArns: ["arn:a", randomValue()], nextToken: random() < 0.3 ? randomValue() : undefined, services: [{ serviceName: "s", status: pick(["ACTIVE", "DRAINING", "INACTIVE"]), deployments: [{}], runningCount: 1, desiredCount: 1 }], tasks: [{ lastStatus: pick(["RUNNING", "STOPPED"]) }], failures: random() < 0.2 ? [{ reason: "MISSING" }] : [] };
        return { status: 200, headers: { "x-amzn-requestid": "r" }, body: JSON.stringify(body) };
      }
      return { status: 200, headers: {}, body: `<R><Result><Account>123</Account><Roles><member><RoleName>${randomValue().replace(/[<&]/g, "")}</RoleName></member></Roles></Result></R>` };
    };

    const send = async (request: HttpRequest): Promise<HttpResponse> => {
      sent++;
      requestsThisLine++;
      if (requestsThisLine > MAX_REQUESTS_PER_LINE) throw new Error("too many requests: the command is looping");
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const url = new URL(request.url);
      if (!isValidlySigned(request, headers, url)) {
        unsigned++;
        if (process.env.FUZZ_DEBUG) console.log("UNSIGNED", request.url, JSON.stringify(headers).slice(0, 500), request.body.slice(0, 200));
      }
      if (random() < 0.03) throw new Error("connection refused");
      return answer(request);
    };
    const readFile = async (path: string) => {
      if (path.endsWith("td.json")) return JSON.stringify({ family: "web", containerDefinitions: [{ name: "a", image: "b" }] });
      throw new Error(`[Errno 2] No such file or directory: '${path}'`);
    };
    const env = { AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: "ap-northeast-1", AWS_ENDPOINT_URL: "http://sandbox.test/aws" };
    const environment = { send, readFile, env, sleep: async () => {}, random, timeZoneOffset: () => 0, uuid: () => "00000000-0000-4000-8000-000000000000" };

    const counts = { ok: 0, failed: 0 };
    for (let line = 0; line < LINES; line++) {
      requestsThisLine = 0;
      const serviceName = random() < 0.95 ? pick(SERVICE_NAMES) : randomValue();
      const model = models.get(serviceName);
      const words: string[] = [serviceName];
      let optionNames: string[] = ["--output", "--query", "--region", "--no-paginate", "--max-items", "--starting-token", "--cli-input-json", "--generate-cli-skeleton", "--endpoint-url"];
      if (model) {
        const operations = Object.values(model.operations);
        const r = random();
        if (r < 0.85) {
          const operation = pick(operations);
          words.push(operation.cliName);
          // Half the lines give every required argument a plausible value, so that they reach the transport.
          if (random() < 0.5) words.push(...requiredArguments(model, operation));
          optionNames = [...buildArgumentTable(model, operation).arguments.map((a) => `--${a.name}`), ...optionNames];
        } else if (r < 0.93 && Object.keys(model.waiters).length > 0) {
          const waiter = pick(Object.values(model.waiters));
          words.push("wait", waiter.cliName);
          optionNames = [...buildArgumentTable(model, model.operations[waiter.operation], { forWaiter: true }).arguments.map((a) => `--${a.name}`), ...optionNames];
        } else words.push(pick([...model.allOperations, "help", randomValue()]));
      }
      const count = Math.floor(random() * 8);
      for (let i = 0; i < count; i++) {
        const option = random() < 0.9 ? pick(optionNames) : `--${randomValue()}`;
        words.push(option);
        if (option === "--output") words.push(pick(["json", "text", "table", "yaml", "yaml-stream", "xml"]));
        else if (option === "--query") words.push(pick(["clusterArns[0]", "length(@)", "services[?status=='ACTIVE'].serviceName", "[", "foo.bar.baz", "*", "sort(@)", randomValue()]));
        else if (option === "--cli-input-json") words.push(pick(["file://td.json", '{"cluster":"c"}', "{bad", "[1]", randomValue()]));
        else if (option === "--endpoint-url") words.push(pick(["http://sandbox.test/aws", "no-scheme", "http://sandbox.test/aws?x=1#y"]));
        else if (random() < 0.85) {
          const values = 1 + Math.floor(random() * 3);
          for (let v = 0; v < values; v++) words.push(randomValue());
        }
      }
      const run =
        random() < 0.3
          ? runAwsLine(["aws", ...words].map((w) => (random() < 0.5 ? `'${w.replaceAll("'", "'\\''")}'` : random() < 0.1 ? `"${w}` : w)).join(" "), environment)
          : runAws(words, environment);
      const outcome = await Promise.race([run, new Promise<"hang">((resolve) => setTimeout(() => resolve("hang"), 10_000))]);
      if (outcome === "hang") throw new Error(`line ${line} hung: aws ${words.join(" ").slice(0, 300)}`);
      const result = outcome;
      if (result.internalError !== undefined || !CLI_EXIT_CODES.has(result.exitCode) || typeof result.stdout !== "string" || typeof result.stderr !== "string") {
        throw new Error(`line ${line}: aws ${words.join(" ").slice(0, 300)}\n→ exit ${result.exitCode}\n${result.internalError ?? result.stderr}`);
      }
      if (result.exitCode !== 0 && result.exitCode !== 130) expect(result.stderr.length, `line ${line} failed without a message`).toBeGreaterThan(0);
      counts[result.exitCode === 0 ? "ok" : "failed"]++;
    }
    console.log(`awscli fuzz: ${LINES} lines (seed ${SEED}): ${counts.ok} ran, ${counts.failed} ended with a CLI error; ${sent} requests sent, ${unsigned} not validly signed`);
    expect(unsigned).toBe(0);
    expect(counts.ok + counts.failed).toBe(LINES);
    expect(counts.ok).toBeGreaterThan(0);
  });
});
