// One simulated learner: a handful of small async loops sharing a cookie jar, as the lesson page's scripts run in
// a browser tab. Each loop waits for its answer before timing the next request (like the page's setTimeout
// polling), so a slow server sees fewer requests from each learner rather than an ever-growing queue.
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { AwsSigner, type SandboxCredentials } from "./aws";
import { RequestError, type HttpTarget, type Reply, type RequestSpec } from "./http";
import { draftText, type LoadLesson } from "./lesson";
import type { Recorder } from "./recorder";

/** Browsers keep about six connections per host. */
const BROWSER_SOCKETS = 6;
/** Kept-alive sockets idle this long are closed by the learner, before node:http's server closes them (5 s). */
const IDLE_SOCKET_MS = 4000;

export const PAGE_EVERY_MS = 40_000;
export const CHECK_EVERY_MS = 20_000;
export const CONSOLE_EVERY_MS = 2000;
export const AWS_EVERY_MS = 10_000;
export const DRAFT_MIN_MS = 3000;
export const DRAFT_MAX_MS = 5000;
/** A learner whose first page load failed tries again after about this long. */
export const ARRIVAL_RETRY_MS = 10_000;

const CSRF_META = /<meta name="dojo-csrf" content="([^"]+)"/;
const ACCESS_KEY = /AWS_ACCESS_KEY_ID=([A-Z0-9]+)/;
const SECRET_KEY = /AWS_SECRET_ACCESS_KEY=([A-Za-z0-9+/_-]+)/;
const DEFAULT_REGION = "ap-northeast-1";

export interface Routes {
  page: string;
  credentials: string;
  draft: string;
  check: string;
  console: string;
  /** Label of a signed call: "POST /aws ListClusters". */
  aws: (operation: string) => string;
}

export function routesFor(lesson: LoadLesson): Routes {
  return {
    page: `GET /en/lessons/${lesson.id}`,
    credentials: "POST /api/sandbox/credentials",
    draft: `POST /api/lessons/${lesson.id}/draft`,
    check: `POST /api/lessons/${lesson.id}/check`,
    console: "GET /api/sandbox/console",
    aws: (operation) => `POST /aws ${operation}`,
  };
}

/** Shared by every learner of a run. */
export interface LoadContext {
  target: HttpTarget;
  lesson: LoadLesson;
  routes: Routes;
  recorder: Recorder;
  /** Aborted when the learners leave. */
  leave: AbortSignal;
  /** Whether POST /api/sandbox/credentials exists (false after its first 404: then the page shows the keys). */
  credentialsRoute: { exists: boolean };
  /** Learners whose first page load succeeded (the others keep trying it, and send nothing else). */
  arrived: { count: number };
}

/** `ms` ± `spread` (a fraction), uniformly. */
export function jitter(ms: number, spread: number): number {
  return ms * (1 - spread + 2 * spread * Math.random());
}

export class Learner {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: BROWSER_SOCKETS, timeout: IDLE_SOCKET_MS });
  private readonly cookies = new Map<string, string>();
  protected csrf: string | undefined;
  private signer: AwsSigner | undefined;
  private edits = Math.floor(Math.random() * 8);
  private awsCalls = Math.floor(Math.random() * 7);
  protected lastDraft = "";
  private consoleEtag: string | undefined;

  constructor(protected readonly ctx: LoadContext) {}

  /** Arrives (loads the page until it answers), then runs every loop until the learners leave. */
  async run(): Promise<void> {
    try {
      // A page that does not load is loaded again, as a learner would, after a while.
      while (!this.leaving() && !(await this.arrive())) await this.pause(jitter(ARRIVAL_RETRY_MS, 0.5));
      if (this.leaving()) return;
      this.ctx.arrived.count++;
      this.lastDraft = draftText(this.ctx.lesson, this.edits);
      await Promise.all([
        this.every(() => jitter(PAGE_EVERY_MS, 0.25), () => this.loadPage(), jitter(PAGE_EVERY_MS, 0.25)),
        this.every(() => DRAFT_MIN_MS + Math.random() * (DRAFT_MAX_MS - DRAFT_MIN_MS), () => this.saveDraft()),
        this.every(() => jitter(CHECK_EVERY_MS, 0.25), () => this.check()),
        this.every(() => CONSOLE_EVERY_MS, () => this.pollConsole(), 0),
        this.every(() => jitter(AWS_EVERY_MS, 0.25), () => this.awsCall()),
        ...this.moreLoops(),
      ]);
    } finally {
      this.agent.destroy();
    }
  }

  /** The first step: loading the lesson page (a workshop participant joins first, bench/room/participant.ts). */
  protected arrive(): Promise<boolean> {
    return this.loadPage();
  }

  /** Loops a kind of learner runs besides the lesson page's (a participant's raised hand). */
  protected moreLoops(): Promise<void>[] {
    return [];
  }

  protected leaving(): boolean {
    return this.ctx.leave.aborted;
  }

  protected async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.ctx.leave }).catch(() => undefined);
  }

  /** Runs `action` after each interval (the first after `firstMs`, by default a random part of one) until leaving. */
  protected async every(interval: () => number, action: () => Promise<unknown>, firstMs = Math.random() * interval()): Promise<void> {
    await this.pause(firstMs);
    while (!this.leaving()) {
      await action();
      await this.pause(interval());
    }
  }

  /** Sends and records one request; answers the reply (also for an allowed error status), or undefined when it failed. */
  protected async send(route: string, spec: RequestSpec, allowed: number[] = []): Promise<Reply | undefined> {
    if (this.leaving()) return undefined; // gone: nothing more is sent
    const started = performance.now();
    try {
      const reply = await this.ctx.target.send(spec);
      if (reply.connectMs !== undefined) this.ctx.recorder.recordConnect(started, reply.connectMs);
      this.remember(reply);
      if (reply.status >= 400 && !allowed.includes(reply.status)) {
        this.ctx.recorder.record(route, started, { reason: `HTTP ${reply.status}`, message: reply.body.replace(/\s+/g, " ").slice(0, 200) });
        return undefined;
      }
      this.ctx.recorder.record(route, started);
      return reply;
    } catch (error) {
      if (error instanceof RequestError && error.connectMs !== undefined) this.ctx.recorder.recordConnect(started, error.connectMs);
      const reason = error instanceof RequestError ? error.reason : "client error";
      this.ctx.recorder.record(route, started, { reason, message: (error as Error).message });
      return undefined;
    }
  }

  private remember(reply: Reply): void {
    for (const cookie of reply.headers["set-cookie"] ?? []) {
      const end = cookie.indexOf(";");
      const pair = end < 0 ? cookie : cookie.slice(0, end);
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
  }

  /** A GET as the page's fetch() sends it, or (`navigate`) as the browser loads a page typed into its address bar. */
  protected get(path: string, readBody = false, navigate = false): RequestSpec {
    const headers: Record<string, string> = navigate
      ? { accept: "text/html", "sec-fetch-site": "none", "sec-fetch-mode": "navigate" }
      : { "x-dojo-locale": "en", "sec-fetch-site": "same-origin" };
    return {
      method: "GET",
      path,
      headers: { ...headers, ...this.cookieHeader() },
      agent: this.agent,
      readBody,
    };
  }

  protected post(path: string, body: object, readBody = false): RequestSpec {
    return {
      method: "POST",
      path,
      headers: {
        "content-type": "application/json",
        "x-dojo-locale": "en",
        origin: this.ctx.target.origin,
        "sec-fetch-site": "same-origin",
        ...(this.csrf ? { "x-dojo-csrf": this.csrf } : {}),
        ...this.cookieHeader(),
      },
      body: JSON.stringify(body),
      agent: this.agent,
      readBody,
    };
  }

  /** The lesson page: session cookie, CSRF token, and the sandbox keys (from their route, or shown on the page). */
  protected async loadPage(): Promise<boolean> {
    const { routes, lesson } = this.ctx;
    const page = await this.send(routes.page, this.get(`/en/lessons/${lesson.id}`, true, true));
    if (!page) return false;
    this.csrf = CSRF_META.exec(page.body)?.[1];
    if (this.ctx.credentialsRoute.exists) {
      const answer = await this.send(routes.credentials, this.post("/api/sandbox/credentials", {}, true), [404]);
      if (answer?.status === 404) this.ctx.credentialsRoute.exists = false;
      else if (answer) return this.useCredentials(parseCredentials(answer.body));
      else return true; // failed and recorded; the page itself worked
    }
    const accessKeyId = ACCESS_KEY.exec(page.body)?.[1];
    const secretAccessKey = SECRET_KEY.exec(page.body)?.[1];
    if (accessKeyId && secretAccessKey) this.useCredentials({ accessKeyId, secretAccessKey, region: DEFAULT_REGION, endpointPath: "/aws" });
    return true;
  }

  private useCredentials(credentials: SandboxCredentials | undefined): true {
    const known = this.signer?.credentials;
    if (credentials && (known?.accessKeyId !== credentials.accessKeyId || known.secretAccessKey !== credentials.secretAccessKey)) {
      this.signer = new AwsSigner(this.ctx.target, credentials);
    }
    return true;
  }

  private async saveDraft(): Promise<void> {
    this.lastDraft = draftText(this.ctx.lesson, ++this.edits);
    const { lesson } = this.ctx;
    await this.send(this.ctx.routes.draft, this.post(`/api/lessons/${lesson.id}/draft`, { file: lesson.file, text: this.lastDraft }));
  }

  protected async check(): Promise<Reply | undefined> {
    const { lesson } = this.ctx;
    return this.send(this.ctx.routes.check, this.post(`/api/lessons/${lesson.id}/check`, { files: { [lesson.file]: this.lastDraft }, answers: {} }));
  }

  /** As the page's fetch (cache "no-cache") polls: it revalidates the last answer with its ETag, and a 304 has no body. */
  private async pollConsole(): Promise<void> {
    const { cluster } = this.ctx.lesson;
    const query = cluster ? `?${new URLSearchParams({ cluster })}` : "";
    const spec = this.get(`/api/sandbox/console${query}`);
    if (this.consoleEtag) spec.headers["if-none-match"] = this.consoleEtag;
    const reply = await this.send(this.ctx.routes.console, spec);
    const etag = reply?.headers.etag;
    if (typeof etag === "string") this.consoleEtag = etag;
  }

  /** ListClusters, DescribeClusters, ListTaskDefinitions in turn, and now and then RegisterTaskDefinition. */
  private async awsCall(): Promise<void> {
    if (!this.signer) return; // no keys yet: the page has not shown them
    const n = this.awsCalls++;
    const cluster = this.ctx.lesson.cluster ?? "default";
    const reads: Array<[string, object]> = [["ListClusters", {}], ["DescribeClusters", { clusters: [cluster] }], ["ListTaskDefinitions", {}]];
    // One call in seven registers a revision; the others cycle through the reads.
    const [operation, input] = n % 7 === 6 ? ["RegisterTaskDefinition", this.ctx.lesson.solution] : reads[(n - Math.floor(n / 7)) % 3];
    await this.send(this.ctx.routes.aws(operation), await this.signer.request(operation, input));
  }
}

/** `{accessKeyId, secretAccessKey, region, endpointPath}` from POST /api/sandbox/credentials (region and path defaulted). */
function parseCredentials(body: string): SandboxCredentials | undefined {
  try {
    const c = JSON.parse(body) as Partial<SandboxCredentials>;
    if (!c.accessKeyId || !c.secretAccessKey) return undefined;
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, region: c.region ?? DEFAULT_REGION, endpointPath: c.endpointPath ?? "/aws" };
  } catch {
    return undefined;
  }
}
