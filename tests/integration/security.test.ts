/**
 * Attacks on the real app (server.ts as `npm start` runs it, its own SQLite file, loopback only), one describe per
 * item of the issue "Security and capacity". Every attempt is counted; every one must fail, and the suite prints how
 * many were made. Browser-only attacks (cross-site forms, framing, the CSP under Monaco) are in
 * tests/e2e/security.spec.ts; the crash-safety property is in crash-safety.test.ts.
 */
import http from "node:http";
import { createClient, type Client } from "@libsql/client";
import { CreateClusterCommand, ListClustersCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedSignature, type SignedRequestParts } from "@/lib/sandbox/gateway/sigv4";
import { startApp, type AppServer } from "../support/app-server";
import { SiteClient } from "../support/site-client";
import { signRequest } from "../unit/sandbox/support/sign";

const ECS = "AmazonEC2ContainerServiceV20141113";
const LESSON = "L302";
const FILE = "orders-api.json";
const STATE_CHANGING = [
  ["/api/lessons/L302/draft", { file: FILE, text: "{}" }],
  ["/api/lessons/L302/check", { files: {} }],
  ["/api/lessons/L302/run", { action: 0, text: "{}" }],
  ["/api/lessons/L303/exercise", {}],
  ["/api/sandbox/advance", { seconds: 3600 }],
  ["/api/sandbox/stop", { cluster: "dojo", task: "x" }],
  ["/api/sandbox/credentials", {}],
] as const;

let app: AppServer;
let database: Client;
const attempts = new Map<string, number>();
const attempt = (kind: string, n = 1) => attempts.set(kind, (attempts.get(kind) ?? 0) + n);

beforeAll(async () => {
  app = await startApp({ env: { DOJO_REQUEST_TIMEOUT_MS: "2000", DOJO_WORKERS: "2" } });
  database = createClient({ url: app.databaseUrl });
});

afterAll(async () => {
  database?.close();
  await app?.stop();
  const total = [...attempts.values()].reduce((a, b) => a + b, 0);
  const parts = [...attempts].map(([kind, n]) => `${kind} ${n}`).join(", ");
  console.log(`security: ${total} attempts (${parts}), 0 succeeded`);
});

const count = async (sql: string) => Number((await database.execute(sql)).rows[0][0]);
const learners = () => count('SELECT COUNT(*) FROM "Learner"');
const sandboxRows = () => count('SELECT COUNT(*) FROM "SandboxDocument"');

/** A learner who has started: a page view for the session, then their first action. */
async function startedLearner(family = "mine"): Promise<SiteClient> {
  const site = new SiteClient(app.url);
  await site.get(`/en/lessons/${LESSON}`);
  expect((await site.post(`/api/lessons/${LESSON}/draft`, { file: FILE, text: `{"family": "${family}"}` })).status).toBe(200);
  return site;
}

/** The family name in the draft the lesson page shows this learner. */
async function draftOf(site: SiteClient): Promise<string | undefined> {
  const html = await (await site.get(`/en/lessons/${LESSON}`)).text();
  return /"text\\*":\\*"\{\\*"family\\*": \\*"([a-z-]+)/.exec(html)?.[1];
}

function cookieOf(response: Response): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith("dojo_session="))?.split(";")[0];
}

/** A request with exactly these headers (fetch adds Origin or Sec-Fetch-* only when told to). */
function post(path: string, headers: Record<string, string>, body: unknown = {}): Promise<Response> {
  return fetch(app.url + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** One raw HTTP exchange, for what fetch will not send (TRACE, chunked or slow bodies, malformed paths). */
function raw(options: http.RequestOptions, write?: (request: http.ClientRequest) => void): Promise<{ status: number; body: string; closedAfterMs: number }> {
  const { port } = new URL(app.url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, agent: false, ...options }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, closedAfterMs: Date.now() - started }));
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNRESET") resolve({ status: 0, body: "", closedAfterMs: Date.now() - started });
      else reject(error);
    });
    if (write) write(request);
    else request.end();
  });
}

describe("sessions: only the server issues them, and only page views do", () => {
  it("a state-changing request without a session is refused and never given one (cross-site form posts)", async () => {
    const before = await learners();
    for (const [path, body] of STATE_CHANGING) {
      const variants: Record<string, string>[] = [{}, { origin: "http://evil.example" }, { "sec-fetch-site": "cross-site" }];
      for (const headers of variants) {
        attempt("cookieless writes");
        const res = await post(path, headers, body);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(cookieOf(res), path).toBeUndefined();
      }
    }
    expect(await learners()).toBe(before);
  });

  it("a client-chosen or tampered token is replaced on the next page view and starts nothing", async () => {
    const real = cookieOf(await fetch(`${app.url}/en`))!.split("=")[1];
    const forged = [
      "0".repeat(32),
      "0".repeat(64),
      "s1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
      real.slice(0, -2) + (real.endsWith("AA") ? "BB" : "AA"),
      `${crypto.randomUUID()}${crypto.randomUUID().replaceAll("-", "")}`, // the old unsigned form, never used
    ];
    const before = await learners();
    for (const token of forged) {
      attempt("forged sessions", 2);
      const page = await fetch(`${app.url}/en/lessons/${LESSON}`, { headers: { cookie: `dojo_session=${token}` } });
      const issued = cookieOf(page);
      expect(issued, token).toBeDefined();
      expect(issued).not.toBe(`dojo_session=${token}`);
      const csrf = /<meta name="dojo-csrf" content="([^"]+)"/.exec(await page.text())![1];
      // The forged cookie with the token of the page it was served: still no profile.
      const write = await post("/api/sandbox/credentials", { cookie: `dojo_session=${token}`, "x-dojo-csrf": csrf });
      expect([401, 403]).toContain(write.status);
    }
    expect(await learners()).toBe(before);
  });

  it("looking creates nothing: page views and console reads by new visitors add no learner and no sandbox", async () => {
    const [people, rows] = [await learners(), await sandboxRows()];
    for (let i = 0; i < 20; i++) {
      attempt("reads by new visitors", 3);
      const visitor = new SiteClient(app.url);
      expect((await visitor.get(`/en/lessons/${LESSON}`)).status).toBe(200);
      expect((await visitor.get("/api/sandbox/console")).status).toBe(200);
      expect((await visitor.get("/en")).status).toBe(200);
    }
    expect([await learners(), await sandboxRows()]).toEqual([people, rows]);
  });

  it("new learners per client address are bounded", async () => {
    // Its own app, allowing 10 an hour (DOJO_NEW_LEARNERS_PER_HOUR), so the other tests keep their allowance.
    const small = await startApp({ env: { DOJO_NEW_LEARNERS_PER_HOUR: "10" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) {
        attempt("learner creation");
        statuses.push((await new SiteClient(small.url).post("/api/sandbox/credentials", {})).status);
      }
      expect(statuses).toEqual([...Array(10).fill(200), ...Array(5).fill(429)]);
    } finally {
      await small.stop();
    }
  });
});

describe("CSRF: every state-changing route takes requests only from the site's own pages", () => {
  it("refuses a same-site page on another port, a cross-site page, a missing or foreign token — and nothing changes", async () => {
    const victim = await startedLearner("victim");
    const other = await startedLearner("other");
    const [session, own, foreign] = [victim.sessionCookie, victim.csrfToken, other.csrfToken];
    const port = new URL(app.url).port;
    const forgeries: Record<string, string>[] = [
      { origin: `http://127.0.0.1:${Number(port) + 1}`, "x-dojo-csrf": own }, // token leaked, wrong origin
      { origin: "http://evil.example", "x-dojo-csrf": own },
      { "sec-fetch-site": "same-site", "x-dojo-csrf": own },
      { "sec-fetch-site": "cross-site", "x-dojo-csrf": own },
      { "sec-fetch-site": "none", "x-dojo-csrf": own },
      { origin: "null", "x-dojo-csrf": own },
      {}, // no token
      { "x-dojo-csrf": "" },
      { "x-dojo-csrf": foreign }, // another learner's token
      { "x-dojo-csrf": own.slice(0, -1) + (own.endsWith("A") ? "B" : "A") },
      { origin: app.url, "sec-fetch-site": "same-origin" }, // right origin, no token
    ];
    const clusters = async () => (await (await victim.get("/api/sandbox/console")).json()).clusters.length;
    const clustersBefore = await clusters();
    for (const [path, body] of [...STATE_CHANGING, ["/api/lessons/L302/draft", { file: FILE, text: '{"family": "attacker"}' }] as const]) {
      for (const headers of forgeries) {
        attempt("CSRF");
        const res = await post(path, { cookie: session, ...headers }, body);
        expect([401, 403], `${path} ${JSON.stringify(headers)}`).toContain(res.status);
        expect(cookieOf(res)).toBeUndefined();
      }
    }
    expect(await draftOf(victim)).toBe("victim");
    expect(await clusters()).toBe(clustersBefore);
    // The page itself still works: right origin, its own token.
    const res = await post("/api/lessons/L302/draft", { cookie: session, origin: app.url, "sec-fetch-site": "same-origin", "x-dojo-csrf": own }, { file: FILE, text: '{"family": "victim"}' });
    expect(res.status).toBe(200);
  });

  it("a session that writes too fast is slowed down with a clear answer", async () => {
    // 120 writes a minute per session and process (lib/limits/rate-limits.ts); this app runs 2 processes.
    const site = await startedLearner();
    const statuses: number[] = [];
    for (let i = 0; i < 245; i++) {
      attempt("write flood");
      statuses.push((await site.post(`/api/lessons/${LESSON}/draft`, { file: FILE, text: `{"n": ${i}}` })).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
  });
});

describe("isolation between learners", () => {
  it("no learner reads or changes another's drafts, progress or sandbox", async () => {
    const alice = await startedLearner("alice");
    const bob = await startedLearner("bob");
    const aliceKeys = await alice.credentials();
    const bobKeys = await bob.credentials();
    const aliceEcs = await alice.ecs();
    await aliceEcs.send(new CreateClusterCommand({ clusterName: "alice-only" }));
    const bobSees = await (await bob.get("/api/sandbox/console")).json();
    attempt("isolation", 4);
    expect(bobSees.clusters.map((c: { clusterName: string }) => c.clusterName)).not.toContain("alice-only");
    expect([await draftOf(alice), await draftOf(bob)]).toEqual(["alice", "bob"]);
    // Bob's key id with any secret but his own: refused.
    for (const secretAccessKey of [aliceKeys.secretAccessKey, "x".repeat(40)]) {
      attempt("isolation");
      const request = await signRequest({ host: new URL(app.url).host, path: "/aws", target: `${ECS}.ListClusters`, body: "{}", accessKeyId: bobKeys.accessKeyId, secretAccessKey });
      const res = await fetch(`${app.url}/aws`, { method: "POST", headers: withoutHost(request.headers), body: request.body });
      expect(res.status).toBe(400);
      expect((await res.json()).__type).toBe("InvalidSignatureException");
    }
    const bobEcs = await bob.ecs();
    attempt("isolation");
    expect((await bobEcs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
  });
});

describe("the AWS endpoint", () => {
  it("requires X-Amz-Target and Content-Type to be signed: a captured ListTasks cannot become DeleteCluster", async () => {
    const site = await startedLearner();
    const keys = await site.credentials();
    await (await site.ecs()).send(new CreateClusterCommand({ clusterName: "web" }));
    const host = new URL(app.url).host;
    const body = JSON.stringify({ cluster: "web" });
    for (const signed of [["host", "x-amz-date"], ["content-type", "host", "x-amz-date"], ["host", "x-amz-date", "x-amz-target"]]) {
      attempt("SigV4 signed headers");
      const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
      const headers: Record<string, string> = { host, "x-amz-date": amzDate, "content-type": "application/x-amz-json-1.1", "x-amz-target": `${ECS}.ListTasks` };
      const parts: SignedRequestParts = { accessKeyId: keys.accessKeyId, scopeDate: amzDate.slice(0, 8), region: "ap-northeast-1", service: "ecs", signedHeaders: signed, signature: "", amzDate };
      const signature = expectedSignature({ method: "POST", path: "/aws", headers, body }, parts, keys.secretAccessKey);
      const authorization = `AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/${parts.scopeDate}/ap-northeast-1/ecs/aws4_request, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
      const replayed = { ...headers, authorization, "x-amz-target": `${ECS}.DeleteCluster` };
      const res = await fetch(`${app.url}/aws`, { method: "POST", headers: withoutHost(replayed), body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ __type: "InvalidSignatureException", message: expect.stringContaining("There were headers present in the request which were not signed") });
    }
    expect((await (await site.ecs()).send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
  });

  it("accepts real Region names only, and a read creates no sandbox", async () => {
    const site = await startedLearner();
    const keys = await site.credentials();
    const rows = await sandboxRows();
    for (const region of ["x".repeat(4096), "us-east-9", "ap-northeast-1 ", "local"]) {
      attempt("Region names");
      const request = await signRequest({ host: new URL(app.url).host, path: "/aws", target: `${ECS}.ListClusters`, body: "{}", ...keys, region });
      const res = await fetch(`${app.url}/aws`, { method: "POST", headers: withoutHost(request.headers), body: request.body });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ __type: "InvalidSignatureException", message: "Credential should be scoped to a valid region. " });
    }
    for (const region of ["us-east-1", "eu-west-1", "sa-east-1"]) {
      attempt("reads creating sandboxes");
      const request = await signRequest({ host: new URL(app.url).host, path: "/aws", target: `${ECS}.ListClusters`, body: "{}", ...keys, region });
      const res = await fetch(`${app.url}/aws`, { method: "POST", headers: withoutHost(request.headers), body: request.body });
      expect(await res.json()).toEqual({ clusterArns: [] });
    }
    expect(await sandboxRows()).toBe(rows);
  });

  it("holds ECS's quota on tasks per RunTask", async () => {
    const site = await startedLearner();
    const ecs = await site.ecs();
    await ecs.send(new CreateClusterCommand({ clusterName: "q" }));
    await ecs.send(new RegisterTaskDefinitionCommand({ family: "x", containerDefinitions: [{ name: "app", image: "sbx/web", memory: 128 }] }));
    attempt("quotas");
    await expect(ecs.send(new RunTaskCommand({ cluster: "q", taskDefinition: "x", count: 11 }))).rejects.toThrow("count must be between 1 and 10.");
  });
});

describe("bad input gets a specific 4xx, never a 500", () => {
  it("a draft with a lone surrogate saves (as U+FFFD) instead of failing forever", async () => {
    const site = await startedLearner();
    attempt("bad input");
    const res = await site.post(`/api/lessons/${LESSON}/draft`, `{"file": "${FILE}", "text": "{\\"family\\": \\"a\\ud800b\\"}"}`, true);
    expect(res.status).toBe(200);
    expect(await (await site.get(`/en/lessons/${LESSON}`)).text()).toContain("a\uFFFDb");
  });

  it("50,000-deep JSON on every route is refused in the learner's language", async () => {
    const site = await startedLearner();
    const deep = `{"files": ${"[".repeat(50_000)}${"]".repeat(50_000)}}`;
    for (const [path] of STATE_CHANGING) {
      attempt("bad input");
      const res = await site.post(path, deep, true);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.message).toMatch(/nested more than 32 levels/);
    }
    const keys = await site.credentials();
    attempt("bad input");
    const request = await signRequest({ host: new URL(app.url).host, path: "/aws", target: `${ECS}.RegisterTaskDefinition`, body: `{"family": ${"[".repeat(50_000)}${"]".repeat(50_000)}}`, ...keys });
    const res = await fetch(`${app.url}/aws`, { method: "POST", headers: withoutHost(request.headers), body: request.body });
    expect(res.status).toBe(400);
    expect((await res.json()).__type).toBe("SerializationException");
  });

  it("TRACE and other unknown methods, on every kind of route", async () => {
    for (const path of ["/", "/en", `/en/lessons/${LESSON}`, "/api/health", "/api/lessons/L302/check", "/aws", "/_next/static/x.js"]) {
      for (const method of ["TRACE", "TRACK", "CONNECT", "PROPFIND", "DELETE", "PUT", "PATCH"]) {
        attempt("bad methods");
        const res = await raw({ method, path });
        // Node's parser answers 400 to a method HTTP does not define (TRACK) and closes a CONNECT nobody serves.
        expect(res.status, `${method} ${path}`).toBe(method === "TRACK" ? 400 : method === "CONNECT" ? 0 : 405);
      }
    }
  });

  it("a path that is not valid percent-encoding", async () => {
    for (const path of ["/en/lessons/%E0%A4%A", "/en/%FF", "/api/lessons/%C0/check", "/en/modules/%"]) {
      attempt("bad paths");
      expect((await raw({ method: "GET", path })).status, path).toBe(400);
    }
  });

  it("a body over the limit is refused from its declared length, before it is sent", async () => {
    for (const [path, status] of [["/api/lessons/L302/draft", 413], ["/api/lessons/L302/check", 413], ["/aws", 400]] as const) {
      attempt("oversized bodies");
      // Declares 10 MB and sends none of it: the answer must come anyway (the AWS endpoint's in AWS's shape).
      const res = await raw({ method: "POST", path, headers: { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) } }, (request) => request.flushHeaders());
      expect(res.status, path).toBe(status);
      if (path === "/aws") expect(JSON.parse(res.body).__type).toBe("SerializationException");
    }
  });

  it("a body without a declared length (chunked) is refused", async () => {
    attempt("chunked bodies");
    const res = await raw({ method: "POST", path: "/api/lessons/L302/draft", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (request) => {
      request.write("{}");
      request.end();
    });
    expect(res.status).toBe(411);
  });

  it("a body trickled slowly is cut off (this app: 2 s)", async () => {
    // Routes that read the whole body before they answer: the AWS endpoint, and a Next.js route behind its proxy.
    for (const path of ["/aws", "/api/lessons/L302/run"]) {
      attempt("slow bodies");
      const res = await raw({ method: "POST", path, headers: { "content-type": "application/json", "content-length": "1000" } }, (request) => {
        request.write("{");
        const drip = setInterval(() => request.write(" "), 500);
        request.on("close", () => clearInterval(drip));
        setTimeout(() => clearInterval(drip), 15_000).unref();
      });
      expect([0, 408], path).toContain(res.status);
      expect(res.closedAfterMs, path).toBeLessThan(6_000);
    }
  });
});

describe("headers on every route", () => {
  it("pages, API, static files and the AWS endpoint carry the security headers; pages deny framing", async () => {
    const page = await fetch(`${app.url}/en/lessons/${LESSON}`);
    const html = await page.text();
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1];
    const responses = [page, await fetch(`${app.url}/api/health`), await fetch(app.url + script), await fetch(`${app.url}/aws`, { method: "POST", body: "{}" })];
    for (const res of responses) {
      attempt("headers");
      expect(res.headers.get("x-content-type-options"), res.url).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), res.url).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy"), res.url).toContain("camera=()");
    }
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    // Every script tag of the page carries this view's nonce.
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const scripts = html.match(/<script[^>]*>/g)!;
    expect(scripts.every((tag) => tag.includes(`nonce="${nonce}"`))).toBe(true);
  });

  it("the learner's secret key is never in a page's HTML, only in the credentials answer", async () => {
    const site = await startedLearner();
    const { secretAccessKey } = await site.credentials();
    attempt("secret in HTML", 2);
    for (const path of [`/en/lessons/${LESSON}`, "/en/lessons/L502"]) expect(await (await site.get(path)).text()).not.toContain(secretAccessKey);
  });

  it("the session cookie is Secure behind an HTTPS proxy", async () => {
    attempt("headers");
    const res = await fetch(`${app.url}/en`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.getSetCookie().find((c) => c.startsWith("dojo_session="))).toMatch(/; Secure/i);
  });
});

function withoutHost(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== "host"));
}
