/**
 * The simulated image catalog: what a container does once it runs, decided by its image and environment alone
 * (deterministic, no real containers). Images are `ecs-dojo/<name>:<tag>` behind any registry prefix
 * (`123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-dojo/web:2`, `ecs-dojo/batch:1`, …); `sbx/<name>:<tag>` is
 * the same catalog under the name the curriculum's exercises use (`sbx/memhog:1.0`). AWS's log router image,
 * `aws-for-fluent-bit` behind any registry (`public.ecr.aws/aws-observability/aws-for-fluent-bit:stable`,
 * `amazon/aws-for-fluent-bit:stable`, AWS's regional ECR copies), is the catalog's `fluent-bit` (`sbx/fluent-bit:stable`).
 *
 * | Image             | Behaviour                                                           | Environment (default)                      |
 * |-------------------|---------------------------------------------------------------------|--------------------------------------------|
 * | `ecs-dojo/web`    | HTTP server, healthy at once, ≈ 80 MiB; tag 1 answers `v1`, tag 2 `v2`; a tag ending in `-errors` (`web:2.2-errors`) is a broken build: its health check passes but it answers `ERROR_PERCENT` of requests with HTTP 500 | `ERROR_PERCENT` (30) |
 * | `ecs-dojo/crash`  | exits with code 1 a few seconds after starting                      | `CRASH_SECONDS` (3)                        |
 * | `ecs-dojo/memhog` | memory grows linearly to `MEM_TARGET_MB` over `MEM_RAMP_SECONDS`; above the hard limit the container is OOM-killed (exit 137) | `MEM_TARGET_MB` (256), `MEM_RAMP_SECONDS` (60) |
 * | `ecs-dojo/slowstart` | health check fails until `STARTUP_SECONDS` have passed           | `STARTUP_SECONDS` (90)                     |
 * | `ecs-dojo/batch`  | runs `JOB_SECONDS`, then exits with `EXIT_CODE`                     | `JOB_SECONDS` (30), `EXIT_CODE` (0)        |
 * | `ecs-dojo/s3reader` | reads `s3://$BUCKET/$KEY` with the task role's credentials at start (workload-probes.ts); keeps serving, unhealthy if the read failed | `BUCKET` (sbx-reports), `KEY` (daily/report.csv) |
 * | `ecs-dojo/dbclient` | logs in to the orders database as `$DB_USER` with `$DB_PASSWORD`; the database's password is the `password` key of Secrets Manager secret `$DB_SECRET_ID` in the task's Region (workload-probes.ts); exits 1 a second after a failed login | `DB_USER` (orders), `DB_SECRET_ID` (prod/orders/db) |
 * | `ecs-dojo/cpuburn` | HTTP server whose CPU follows its request rate: `CPU_MS_PER_REQUEST` CPU-milliseconds per request (the load generator, DojoSandbox.SetLoad, sends them) | `CPU_MS_PER_REQUEST` (20) |
 * | `ecs-dojo/fluent-bit` | the FireLens log router (AWS for Fluent Bit): long-running, healthy at once, ≈ 40 MiB; what the task's `awsfirelens` containers write goes through it (firelens.ts) | — |
 * | anything else     | a long-running server, healthy at once, ≈ 32 MiB                    | —                                          |
 *
 * Servers reach their resident memory WARM_UP_MS after they start; a hard limit below it kills them then.
 *
 * What each writes to its output (what the awslogs driver sends to CloudWatch Logs; lines below, `outputLines`):
 *
 * | Image             | When it starts                                   | When it ends                                          |
 * |-------------------|--------------------------------------------------|-------------------------------------------------------|
 * | `ecs-dojo/web`    | `listening on :80`, `serving v1` (or `v2`)       | on SIGTERM: `received SIGTERM, shutting down`         |
 * | `ecs-dojo/cpuburn` | `listening on :80`                              | on SIGTERM: `received SIGTERM, shutting down`         |
 * | `ecs-dojo/crash`  | `starting`                                       | `panic: missing config` as it exits with code 1       |
 * | `ecs-dojo/memhog` | `allocating <target> MiB over <ramp> s`          | `in use: <n> MiB` every 10 s up to the OOM kill (none after it: the kernel kills it) |
 * | `ecs-dojo/slowstart` | `warming up: /health answers 503 for <s> s`   | on SIGTERM: `received SIGTERM, shutting down`         |
 * | `ecs-dojo/batch`  | `job started: runs <s> s`                        | `job finished with exit code <code>`                  |
 * | `ecs-dojo/s3reader` | `report downloaded: s3://<bucket>/<key>`, or the SDK's error (`AccessDenied…`, `Unable to locate credentials`) | on SIGTERM: `received SIGTERM, shutting down` |
 * | `ecs-dojo/dbclient` | `connected as <user>`, or why not (`DB_PASSWORD is not set`, `FATAL: password authentication failed for user "<user>"`) | on SIGTERM (when connected): `received SIGTERM, shutting down` |
 * | `ecs-dojo/fluent-bit` | `AWS for Fluent Bit Container Image Version <v>`, `Fluent Bit v<v>`; later its outputs' lines (firelens.ts) | on SIGTERM: `[<time>] [engine] caught signal (SIGTERM)` |
 * | anything else     | `started`                                        | on SIGTERM: `received SIGTERM, shutting down`         |
 */

export interface Workload {
  /** Catalog name, or "server" for an image outside the catalog. */
  name: string;
  /** Resident memory once warmed up, MiB. */
  memoryMiB: number;
  /** The container exits by itself this long after it starts… */
  exitAfterMs?: number;
  /** …with this exit code. */
  exitCode?: number;
  /** Memory grows linearly from 0 to targetMiB over rampMs (memhog). */
  ramp?: { targetMiB: number; rampMs: number };
  /** Health checks pass from this long after start (0 = at once). */
  healthyAfterMs: number;
  /** What an HTTP request to the container answers (lessons show it; no real traffic exists). */
  body?: string;
  /** What it writes as it starts, when that depends on what it found (workload-probes.ts); else outputLines' table. */
  startLines?: string[];
  /** The image version it prints as it starts (fluent-bit). */
  version?: string;
  /** The share (0–1) of requests it answers with an HTTP 500 (CloudWatch's HTTPCode_Target_5XX_Count counts them). */
  errorShare?: number;
  /**
   * CPU time one request costs, in CPU-milliseconds (services/cloudwatch/metrics.ts turns the request rate into
   * CPUUtilization). Absent: the workload serves no requests.
   */
  cpuMsPerRequest?: number;
}

/** What OOM kills look like (agent: OutOfMemoryError, "Container killed due to memory usage"; 128 + SIGKILL). */
export const OOM_EXIT_CODE = 137;
export const OOM_REASON = "OutOfMemoryError: Container killed due to memory usage";

/** [inferred] A small static answer: the web image spends 1 CPU-ms per request (1,000 requests per second fill a vCPU). */
const WEB_CPU_MS_PER_REQUEST = 1;
/** The curriculum's web image: RSS ≈ 80 MiB, boots in 5 s. */
const WEB_MEMORY_MIB = 80;
const OTHER_SERVER_MEMORY_MIB = 32;
/**
 * [inferred] The log router's resident memory: below the 50 MiB memoryReservation AWS's FireLens examples give it
 * ([AWS-doc] AmazonECS/latest/developerguide/firelens-example-taskdefs.html), so that reservation is enough.
 */
const FLUENT_BIT_MEMORY_MIB = 40;
/**
 * What `stable` (or `latest`) prints: [AWS-doc] firelens-using-fluentbit.html names `stable` "the latest stable" image
 * without saying which release that is; [inferred] the 2.x line, whose 2.34.3 releases ship Fluent Bit 1.9.10
 * ([observed] aws/aws-for-fluent-bit release notes, 2026). A numeric tag prints itself.
 */
export const FLUENT_BIT_STABLE = { image: "2.34.3", fluentBit: "1.9.10" } as const;
export const WARM_UP_MS = 5_000;
const DEFAULTS = {
  /** [inferred] a deliberately heavy request: 50 requests per second keep one vCPU busy. */
  cpuMsPerRequest: 20,
  /** [inferred] a broken build that fails often enough for a 5xx alarm to notice within a minute or two. */
  errorPercent: 30,
  crashSeconds: 3,
  memTargetMb: 256,
  memRampSeconds: 60,
  startupSeconds: 90,
  jobSeconds: 30,
  exitCode: 0,
} as const;

const CATALOG_IMAGE = /(?:^|\/)(?:ecs-dojo|sbx)\/([a-z0-9][a-z0-9._-]*)(?::([^@/]+))?(?:@sha256:[0-9a-f]{64})?$/;
/** AWS for Fluent Bit under AWS's own names ([AWS-doc] firelens-using-fluentbit.html, FireLens example task definitions). */
const AWS_FOR_FLUENT_BIT = /(?:^|\/)aws-for-fluent-bit(?::([^@/]+))?(?:@sha256:[0-9a-f]{64})?$/;

function numberFrom(environment: Record<string, string>, name: string, fallback: number): number {
  const value = Number(environment[name]);
  return environment[name] !== undefined && environment[name].trim() !== "" && Number.isFinite(value) && value >= 0
    ? value
    : fallback;
}

export function workloadOf(image: string, environment: Record<string, string>): Workload {
  const router = AWS_FOR_FLUENT_BIT.exec(image);
  const match = router ? [image, "fluent-bit", router[1]] : CATALOG_IMAGE.exec(image);
  const [, name, tag = "latest"] = match ?? [];
  const env = (key: string, fallback: number) => numberFrom(environment, key, fallback);
  switch (name) {
    case "web":
      return {
        name,
        memoryMiB: WEB_MEMORY_MIB,
        healthyAfterMs: 0,
        body: tag.startsWith("2") ? "v2" : "v1",
        cpuMsPerRequest: WEB_CPU_MS_PER_REQUEST,
        ...(tag.endsWith("-errors") ? { errorShare: Math.min(100, env("ERROR_PERCENT", DEFAULTS.errorPercent)) / 100 } : {}),
      };
    case "cpuburn":
      return { name, memoryMiB: WEB_MEMORY_MIB, healthyAfterMs: 0, cpuMsPerRequest: env("CPU_MS_PER_REQUEST", DEFAULTS.cpuMsPerRequest) };
    case "crash":
      return { name, memoryMiB: OTHER_SERVER_MEMORY_MIB, healthyAfterMs: Infinity, exitAfterMs: env("CRASH_SECONDS", DEFAULTS.crashSeconds) * 1000, exitCode: 1 };
    case "memhog": {
      const targetMiB = env("MEM_TARGET_MB", DEFAULTS.memTargetMb);
      return {
        name,
        memoryMiB: targetMiB,
        healthyAfterMs: 0,
        ramp: { targetMiB, rampMs: env("MEM_RAMP_SECONDS", DEFAULTS.memRampSeconds) * 1000 },
      };
    }
    case "slowstart":
      return { name, memoryMiB: OTHER_SERVER_MEMORY_MIB, healthyAfterMs: env("STARTUP_SECONDS", DEFAULTS.startupSeconds) * 1000 };
    case "batch":
      return {
        name,
        memoryMiB: OTHER_SERVER_MEMORY_MIB,
        healthyAfterMs: 0,
        exitAfterMs: env("JOB_SECONDS", DEFAULTS.jobSeconds) * 1000,
        exitCode: Math.trunc(env("EXIT_CODE", DEFAULTS.exitCode)) % 256,
      };
    // What these two find (S3 through the task role, the database's password) is settled by workload-probes.ts.
    case "s3reader":
    case "dbclient":
      return { name, memoryMiB: OTHER_SERVER_MEMORY_MIB, healthyAfterMs: 0 };
    case "fluent-bit":
      return { name, memoryMiB: FLUENT_BIT_MEMORY_MIB, healthyAfterMs: 0, version: /^\d+\.\d+/.test(tag) ? tag : FLUENT_BIT_STABLE.image };
    default:
      return { name: "server", memoryMiB: OTHER_SERVER_MEMORY_MIB, healthyAfterMs: 0 };
  }
}

/**
 * When a container with this workload and hard memory limit (MiB; undefined = none) is OOM-killed, in ms after it
 * starts, or undefined if it never is. Killed once usage goes above the limit, not when it reaches it.
 */
export function oomAfterMs(workload: Workload, hardLimitMiB: number | undefined): number | undefined {
  if (hardLimitMiB === undefined || !Number.isFinite(hardLimitMiB)) return undefined;
  if (!workload.ramp) return workload.memoryMiB > hardLimitMiB ? WARM_UP_MS : undefined;
  const { targetMiB, rampMs } = workload.ramp;
  if (targetMiB <= hardLimitMiB) return undefined;
  // Usage at t is targetMiB × t / rampMs; the first simulated millisecond above the limit.
  return Math.floor((hardLimitMiB * rampMs) / targetMiB) + 1;
}

/** A line a container writes, `afterMs` after it started. */
export interface OutputLine {
  afterMs: number;
  message: string;
}

export const SIGTERM_LINE = "received SIGTERM, shutting down";
/** How often memhog reports its memory, and the most reports one run keeps (a long ramp stays a few lines). */
const MEMHOG_REPORT_MS = 10_000;
const MEMHOG_REPORTS_KEPT = 30;

/**
 * Fluent Bit's own log line: `[2021/05/12 19:36:11] [error] [output:…] …`, the time in UTC ([observed]
 * aws/aws-for-fluent-bit#177 and #335). Levels are padded to five characters (`[ info]`); some lines have none.
 */
export function fluentBitLine(atMs: number, level: "info" | "warn" | "error" | "", text: string): string {
  const time = new Date(atMs).toISOString().replace(/^(\d+)-(\d+)-(\d+)T([\d:]+)\..*$/, "$1/$2/$3 $4");
  return `[${time}]${level ? ` [${level.padStart(5)}]` : ""} ${text}`;
}

/**
 * What AWS for Fluent Bit prints first as it starts ([observed] aws/containers-roadmap#814: "AWS for Fluent Bit Container
 * Image Version 2.28.1", "Fluent Bit v1.9.8"); the configuration summary that follows is left out.
 */
function fluentBitBanner(workload: Workload): string[] {
  const version = workload.version ?? FLUENT_BIT_STABLE.image;
  return [
    `AWS for Fluent Bit Container Image Version ${version}`,
    // Only the 2.34.3 releases' Fluent Bit is known here; another version's line is left out rather than made up.
    ...(version.startsWith(FLUENT_BIT_STABLE.image) ? [`Fluent Bit v${FLUENT_BIT_STABLE.fluentBit}`] : []),
  ];
}

/**
 * What the workload writes at `event`: "start" as it starts; "exit" when it exits by itself or is killed `ranMs` after
 * starting (with `exitCode`); "sigterm" when ECS stops it. `startedAtMs` (simulated) dates the lines of workloads that
 * print the time themselves (fluent-bit).
 */
export function outputLines(workload: Workload, event: "start" | "exit" | "sigterm", ranMs = 0, exitCode = 0, startedAtMs = 0): OutputLine[] {
  const at = (afterMs: number) => (message: string): OutputLine => ({ afterMs, message });
  if (workload.name === "fluent-bit") {
    if (event === "start") return fluentBitBanner(workload).map(at(0));
    // [observed] "[2021/07/01 14:40:23] [engine] caught signal (SIGTERM)" (aws/aws-for-fluent-bit#201); an OOM kill leaves no line.
    return event === "sigterm" ? [at(ranMs)(fluentBitLine(startedAtMs + ranMs, "", "[engine] caught signal (SIGTERM)"))] : [];
  }
  if (event === "start" && workload.startLines) return workload.startLines.map(at(0));
  if (event === "start") {
    const seconds = (ms: number) => Math.round(ms / 1000);
    const lines: Record<string, string[]> = {
      web: ["listening on :80", `serving ${workload.body}`],
      cpuburn: ["listening on :80"],
      crash: ["starting"],
      memhog: workload.ramp ? [`allocating ${workload.ramp.targetMiB} MiB over ${seconds(workload.ramp.rampMs)} s`] : [],
      slowstart: [`warming up: /health answers 503 for ${seconds(workload.healthyAfterMs)} s`],
      batch: [`job started: runs ${seconds(workload.exitAfterMs ?? 0)} s`],
    };
    return (lines[workload.name] ?? ["started"]).map(at(0));
  }
  if (event === "sigterm") return workload.exitAfterMs === undefined && !workload.ramp ? [at(ranMs)(SIGTERM_LINE)] : [];
  if (workload.name === "crash") return [at(ranMs)("panic: missing config")];
  if (workload.name === "batch") return [at(ranMs)(`job finished with exit code ${exitCode}`)];
  if (workload.ramp && exitCode === OOM_EXIT_CODE) {
    const { targetMiB, rampMs } = workload.ramp;
    const reports: OutputLine[] = [];
    for (let t = MEMHOG_REPORT_MS; t < ranMs; t += MEMHOG_REPORT_MS) reports.push(at(t)(`in use: ${Math.floor((targetMiB * Math.min(t, rampMs)) / rampMs)} MiB`));
    return reports.slice(-MEMHOG_REPORTS_KEPT);
  }
  return [];
}
