// The sandbox's AWS endpoint (gateway, engine, store over SQLite) on a bare node:http server, without Next.js: the
// sandbox bench runs it beside the built app to show what the framework adds to each call.
// Usage: PORT=… DATABASE_URL=file:… BENCH_KEY='{"accessKeyId","secretAccessKey","accountId"}' \
//        node --import tsx bench/bare-gateway.ts   (prints "ready" when listening)
import { execFileSync } from "node:child_process";
import http from "node:http";
import path from "node:path";

const key = JSON.parse(process.env.BENCH_KEY ?? "{}") as { accessKeyId: string; secretAccessKey: string; accountId: string };

execFileSync(process.execPath, [path.join(import.meta.dirname, "..", "scripts", "db.mjs"), "deploy"], { stdio: "pipe" });
const { handleAwsRequest } = await import("@/lib/sandbox/gateway");
const { PrismaSandboxStore } = await import("@/lib/progress/sandbox-store");
const deps = {
  store: new PrismaSandboxStore(),
  credentials: { lookup: async (accessKeyId: string) => (accessKeyId === key.accessKeyId ? key : null) },
};
const server = http.createServer(async (req, res) => {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
  const answer = await handleAwsRequest({ method: req.method ?? "POST", path: req.url ?? "/", headers, body: req }, deps);
  res.writeHead(answer.status, answer.headers).end(answer.body);
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
