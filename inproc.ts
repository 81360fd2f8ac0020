import { ECSClient, CreateClusterCommand, RegisterContainerInstanceCommand } from "@aws-sdk/client-ecs";
import { Readable } from "node:stream";
import fs from "node:fs"; import os from "node:os"; import path from "node:path";
import { execFileSync } from "node:child_process";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inproc-"));
process.env.DATABASE_URL = `file:${path.join(dir, "d.db")}`;
execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], { env: process.env, stdio: "pipe" });
const { handleAwsRequest } = await import("./lib/sandbox/gateway");
const { PrismaSandboxStore } = await import("./lib/progress/sandbox-store");
const { MemorySandboxStore } = await import("./lib/sandbox/memory-store");
const bench = await import("./bench/suites/sandbox");
const store = process.argv[2] === "memory" ? new MemorySandboxStore() : new PrismaSandboxStore();
const deps = { store, credentials: { lookup: async () => ({ accountId: "123456789012", secretAccessKey: "secret" }) }, speed: 10 };
const ecs = new ECSClient({ region: "ap-northeast-1", endpoint: "http://x/aws", credentials: { accessKeyId: "AKIA", secretAccessKey: "secret" }, maxAttempts: 1,
  requestHandler: { async handle(req: any) { const a = await handleAwsRequest({ method: req.method, path: req.path, headers: req.headers, body: typeof req.body === "string" ? req.body : req.body instanceof Uint8Array ? Buffer.from(req.body).toString("utf8") : "" }, deps as any); return { response: { statusCode: a.status, headers: a.headers, body: Readable.from(Buffer.from(a.body)) } }; } } as any });
await ecs.send(new CreateClusterCommand({ clusterName: "bench" }));
await ecs.send(new RegisterContainerInstanceCommand({ cluster: "bench", instanceIdentityDocument: JSON.stringify({ instanceId: "i-0123456789abcdef0", instanceType: "t3.2xlarge" }) }));
const all: Record<string, number[]> = {};
for (let i = 0; i < 105; i++) { const t = await (bench as any).sequence(ecs, i); if (i >= 5) for (const [k, v] of Object.entries(t)) (all[k] ??= []).push(v as number); }
for (const [k, xs] of Object.entries(all)) { xs.sort((a, b) => a - b); console.log(k.padEnd(24), xs[xs.length >> 1].toFixed(2), "ms median"); }
