// web 1.0.0: answers GET /health with {"status":"ok"} and every other path with a greeting.
const http = require("node:http");

const port = Number(process.env.PORT || 8080);
const version = "1.0.0";

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok" }));
    return;
  }
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(`web ${version}\n`);
});

server.listen(port, () => console.log(`web ${version} listening on port ${port}`));

// ECS stops a task with SIGTERM first: finish open requests, then exit.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
