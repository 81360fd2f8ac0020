// Brings a checkout to a runnable state, doing only what changed since last time:
// install dependencies, generate the Prisma clients, apply migrations, build the app.
// Uses only Node's standard library until dependencies are installed (a fresh clone has none).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { addCompileHints } from "./compile-hints.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const stampDir = path.join(root, ".stamps");

const BUILD_INPUTS = [
  "app", "components", "content", "exam", "lessons", "lib", "public", "prisma/schema.prisma", "proxy.ts",
  "next.config.ts", "tsconfig.json", "package-lock.json", "postcss.config.mjs", "scripts/compile-hints.mjs",
];

function run(cmd, args, extraEnv = {}) {
  execFileSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
}

/**
 * Fingerprints of files and folders: each file's path, size and modification time (not its content, which would cost
 * reading every source file on every start; an edit or a checkout changes the time). One fingerprinter serves one
 * prepare(): the steps' inputs overlap (lessons/ is in three, lib/ in two), and each file is looked at once.
 */
function fingerprinter() {
  const seen = new Map();
  /** The lines of one file or of every file below a folder, in a stable order; none for a path that does not exist. */
  const linesOf = (rel) => {
    if (seen.has(rel)) return seen.get(rel);
    let stat;
    try {
      stat = fs.statSync(path.join(root, rel));
    } catch {
      stat = null;
    }
    let lines = [];
    if (stat?.isDirectory()) {
      const names = fs.readdirSync(path.join(root, rel)).filter((name) => !name.startsWith(".")).sort();
      lines = names.flatMap((name) => linesOf(path.join(rel, name)));
    } else if (stat) {
      lines = [`${rel}\0${stat.size}\0${stat.mtimeMs}\0`];
    }
    seen.set(rel, lines);
    return lines;
  };
  return (entries) => {
    const hash = crypto.createHash("sha256");
    for (const entry of entries) for (const line of linesOf(entry)) hash.update(line);
    return hash.digest("hex");
  };
}

/** Runs `step` unless `output` exists and the stamp `name` already records `hash`; records it after success. */
function once(name, hash, output, step) {
  const file = path.join(stampDir, name);
  const fresh = fs.existsSync(path.join(root, output)) && fs.existsSync(file) && fs.readFileSync(file, "utf8") === hash;
  if (fresh) return false;
  step();
  fs.mkdirSync(stampDir, { recursive: true });
  fs.writeFileSync(file, hash);
  return true;
}

function timed(label, fn) {
  const started = Date.now();
  const did = fn();
  if (did !== false) console.log(`[prepare] ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export function prepare({ build = true } = {}) {
  const hashOf = fingerprinter();
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const env = { NEXT_TELEMETRY_DISABLED: "1" };
  timed("installed dependencies", () =>
    once("install", hashOf(["package-lock.json"]), "node_modules", () =>
      run(npm, ["ci", "--no-audit", "--no-fund"], env),
    ),
  );
  timed("generated Prisma clients", () =>
    once("prisma-generate", hashOf(["prisma/schema.prisma", "package-lock.json"]), "prisma/generated", () =>
      run(process.execPath, ["scripts/db.mjs", "generate"], env),
    ),
  );
  // The command line and the server, compiled once (scripts/compile.mjs) so they start without compiling TypeScript.
  timed("compiled the command line and the server", () =>
    once("compile", hashOf(["lib", "app/_server", "server.ts", "tsconfig.json", "package-lock.json", "scripts/compile.mjs"]), "dist/server/server.js", () =>
      run(process.execPath, ["scripts/compile.mjs"], env),
    ),
  );
  // Every course file against its schema: a malformed lesson or exam question (exam/questions/) stops here with the
  // file, the field and what is expected.
  timed("checked the course files", () =>
    once("course", hashOf(["lessons", "exam", "lib/course", "lib/exam", "lib/validator/rules", "lib/sandbox/engine/scenarios.ts"]), "lessons/course.json", () =>
      run(process.execPath, ["bin/ecs-dojo.mjs", "content", "stats"], env),
    ),
  );
  // Every lesson's prose compiled once (lib/course/prose.ts): the first learner on a lesson page does not wait for it.
  timed("compiled the lessons' prose", () =>
    once("prose", hashOf(["lessons", "lib/course/prose.ts", "package-lock.json"]), "dist/prose", () =>
      run(process.execPath, ["bin/ecs-dojo.mjs", "content", "prose"], env),
    ),
  );
  run(process.execPath, ["scripts/db.mjs", "deploy"], env);
  if (build) {
    timed("built the app", () =>
      once("build", hashOf(BUILD_INPUTS), ".next/BUILD_ID", () => {
        run(process.execPath, ["node_modules/next/dist/bin/next", "build"], env);
        addCompileHints(root);
      }),
    );
  }
}
