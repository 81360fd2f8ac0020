// The services besides ECS over HTTP (npm run bench -- services): a fixed mixed sequence of ECR, CloudWatch Logs,
// IAM, Secrets Manager, SSM, EC2, Elastic Load Balancing v2, CloudWatch and Application Auto Scaling calls
// (bench/services/sequence.ts), signed as the AWS CLI signs them, against the
// built app (`npm start`'s server.ts with its SQLite database: the real /aws endpoint, SigV4 check, sandbox store)
// and against moto_server, taking turns pass by pass. Median and p95 per call, per service (its calls of one pass
// summed) and for the whole sequence. Target (issues 10 and 14): faster than moto at median and p95 for the sequence.
// A call moto does not implement is timed on the sandbox only and left out of every sum (sequence.ts, motoLacks).
import { randomBytes } from "node:crypto";
import { deriveSecretAccessKey } from "@/lib/sandbox/credentials";
import { SERVICE_TITLES } from "@/lib/sandbox/services";
import { startApp, TEST_SERVER_KEY } from "../../tests/support/app-server";
import { startMotoWithManagedPolicies } from "../../tests/support/moto-services";
import { awsCaller, type AwsCall } from "../services/aws-call";
import { prepare, runPass, SEQUENCE } from "../services/sequence";
import { fmt, summarize } from "../stats";

const ITERATIONS = 100;
const WARMUP = 5;
const REGION = "ap-northeast-1";
const MOTO_ACCOUNT = "000000000042";

interface Target {
  label: string;
  call: AwsCall;
  stop: () => Promise<void>;
}

/**
 * A learner of the app as the site makes one (learnerForSession, what the credentials panel's first request runs),
 * straight in the app's database: the bench measures /aws and needs no page. Its secret is derived from the server
 * key, as the panel shows it.
 */
async function learnerKeys(databaseUrl: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const [{ learnerForSession }, { db }] = await Promise.all([import("@/lib/progress/learners"), import("@/lib/progress/db")]);
    const { accessKeyId } = await learnerForSession(randomBytes(24).toString("base64url"));
    await db().$disconnect();
    return { accessKeyId, secretAccessKey: deriveSecretAccessKey(TEST_SERVER_KEY, accessKeyId) };
  } finally {
    process.env.DATABASE_URL = previous;
  }
}

async function embeddedTarget(): Promise<Target> {
  const app = await startApp();
  try {
    const keys = await learnerKeys(app.databaseUrl);
    return { label: "embedded", call: awsCaller({ url: `${app.url}/aws`, region: REGION, ...keys }), stop: () => app.stop() };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

async function motoTarget(): Promise<Target> {
  const moto = await startMotoWithManagedPolicies();
  const call = awsCaller({ url: moto.url, region: REGION, accessKeyId: "moto", secretAccessKey: "moto", headers: { "x-moto-account-id": MOTO_ACCOUNT } });
  return { label: "moto", call, stop: () => moto.stop() };
}

type Samples = Map<string, number[]>;
const SERVICES = [...new Set(SEQUENCE.map((s) => s.service))];
const callLabel = (k: number) => `${SEQUENCE[k].service} ${SEQUENCE[k].operation}`;

/** Summed: the calls both sides answer. */
const compared = (k: number) => SEQUENCE[k].motoLacks === undefined;

/** Each call's time, each service's calls of the pass summed, and the whole pass. */
function record(samples: Samples, times: number[]): void {
  const add = (key: string, ms: number) => samples.get(key)?.push(ms) ?? samples.set(key, [ms]);
  times.forEach((ms, k) => !Number.isNaN(ms) && add(callLabel(k), ms));
  for (const service of SERVICES) add(service, times.reduce((sum, ms, k) => (SEQUENCE[k].service === service && compared(k) ? sum + ms : sum), 0));
  add("sequence", times.reduce((sum, ms, k) => (compared(k) ? sum + ms : sum), 0));
}

export default async function run() {
  const targets: Target[] = [];
  try {
    for (const start of [embeddedTarget, motoTarget]) targets.push(await start());
    const networks = await Promise.all(targets.map((t) => prepare(t.call)));
    const samples = targets.map((): Samples => new Map());
    // Pass by pass in turn, so that a noisy moment of the machine falls on every target alike.
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      for (const [t, target] of targets.entries()) {
        const times = await runPass(target.call, i, networks[t], target.label === "moto");
        if (i >= WARMUP) record(samples[t], times);
      }
    }
    report(targets.map((t) => t.label), samples);
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
}

function report(labels: string[], [ours, moto]: Samples[]) {
  console.log(`HTTP on loopback, ${SEQUENCE.length} signed calls per pass (AWS JSON 1.1 and 1.0 and query, as the AWS CLI sends them),`);
  console.log(`${ITERATIONS} passes after ${WARMUP} warm-up passes, the targets taking turns pass by pass.`);
  console.log("embedded = the built app (npm start: /aws on node:http, SigV4 check, SQLite through Prisma's driver adapter); moto = moto_server 5.2.");
  console.log("moto: HTTP 500 = an operation moto does not implement; timed on the sandbox only and left out of the sums.\n");
  const row = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(56) : c.padStart(24))).join(""));
  row(["median / p95", ...labels, "embedded ÷ moto"]);
  const line = (key: string, label: string, motoLacks?: string) => {
    const a = summarize(ours.get(key)!);
    if (motoLacks) return row([label, `${fmt(a.median)} / ${fmt(a.p95)}`, motoLacks, "-"]);
    const b = summarize(moto.get(key)!);
    row([label, `${fmt(a.median)} / ${fmt(a.p95)}`, `${fmt(b.median)} / ${fmt(b.p95)}`, `${(a.median / b.median).toFixed(2)}x / ${(a.p95 / b.p95).toFixed(2)}x`]);
  };
  for (const service of SERVICES) {
    SEQUENCE.forEach((s, k) => s.service === service && line(callLabel(k), `  ${callLabel(k)}`, s.motoLacks));
    const summed = SEQUENCE.filter((s, k) => s.service === service && compared(k)).length;
    line(service, `${SERVICE_TITLES[service]} (its ${summed} compared calls)`);
  }
  line("sequence", `whole sequence (${SEQUENCE.filter((_, k) => compared(k)).length} compared calls)`);
}
