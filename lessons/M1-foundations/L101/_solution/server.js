// catalog-api: a small JSON API for the product catalog.
// It listens on the port in $PORT (8080 when PORT is not set) and keeps nothing between requests.
const http = require("node:http");

const port = Number(process.env.PORT) || 8080;
const products = [
  { id: "p-100", name: "Tea cup", priceYen: 1200 },
  { id: "p-101", name: "Teapot", priceYen: 4800 },
];

const server = http.createServer((req, res) => {
  const body = req.url === "/health" ? { status: "ok" } : req.url === "/products" ? products : undefined;
  res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
  res.end(JSON.stringify(body ?? { error: "not found" }));
});

server.listen(port, () => {
  // Configuration comes from the environment; the password itself is never printed.
  console.log(`catalog-api listening on ${port}; DB_PASSWORD is ${process.env.DB_PASSWORD ? "set" : "not set"}`);
});
