// The site's HTTP server (`npm start`, `npm run dev`): the AWS-compatible endpoint at /aws straight on node:http,
// every other request through Next.js. /aws stays out of Next's route pipeline because that pipeline took about
// 2 ms of the 2.5 ms a sandbox call costs, more than the sandbox itself (npm run bench -- sandbox).
// Usage: node --import tsx server.ts [--dev]   (PORT, default 3000; HOST, default every interface)
import http from "node:http";
import next from "next";
import { isAwsEndpoint, serveAwsEndpoint } from "@/app/_server/aws-endpoint";
import { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, refusedAtTheDoor, TIMEOUT_CHECK_MS } from "@/app/_server/front-door";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || undefined;
// Behind a reverse proxy (README "Security"), rate limits key on the address it reports instead of its own.
const trustProxy = process.env.DOJO_TRUST_PROXY === "1";

const app = next({ dev, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer(
  { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
  (request, response) => {
    if (refusedAtTheDoor(request, response, trustProxy)) return;
    if (isAwsEndpoint(request.url)) void serveAwsEndpoint(request, response);
    else void handle(request, response);
  },
);
server
  // WebSocket upgrades (the dev server's hot reload) go to Next.js too.
  .on("upgrade", app.getUpgradeHandler())
  .listen(port, hostname, () => console.log(`ECS Dojo ${dev ? "(dev) " : ""}on http://${hostname ?? "localhost"}:${port}`));
