#!/usr/bin/env node
// `npm start`: prepare what is missing or changed, then serve on PORT (default 3000).
import { spawn } from "node:child_process";
import { compiledIsFresh } from "./compiled.mjs";
import { prepare } from "./prepare.mjs";

prepare();
const port = process.env.PORT || "3000";
// The server as prepare compiled it (scripts/compile.mjs); compiled on the fly only when its sources changed since.
const entry = compiledIsFresh("server") ? ["dist/server/server.js"] : ["--import", "tsx", "server.ts"];
const server = spawn(process.execPath, entry, {
  stdio: "inherit",
  env: { ...process.env, PORT: port, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
