// Compiles the TypeScript that runs outside Next.js — the ecs-dojo command line (lib/cli/) into dist/cli/ and the HTTP
// server (server.ts) into dist/server/ — once, at prepare time, so that they start in Node's time alone instead of tsx
// compiling TypeScript on every run (issue 13: `ecs-dojo lint` about 1 s, `npm start` about 2.5 s of compiling).
// Each lazily loaded module stays its own chunk (code splitting), so `lint` loads neither the database nor the SDK.
// <out>/inputs.json lists every source file with its modification time: bin/ecs-dojo.mjs and scripts/start.mjs fall
// back to compiling on the fly when one of them changed since (an edited checkout never runs stale code).
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** The generated Prisma clients stay where they are: they find their engines and schema next to themselves. */
const prismaOutside = (outdir) => ({
  name: "prisma-outside",
  setup(b) {
    b.onResolve({ filter: /^@\/prisma\/generated\// }, (args) => ({
      path: path.relative(outdir, path.join(root, args.path.slice(2), "index.js")).split(path.sep).join("/"),
      external: true,
    }));
  },
});

/** Compiles one entry point into dist/<name>/<name>.js; returns how many source files went in. */
async function compile(name, entry, more = {}) {
  const outdir = path.join(root, "dist", name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [name]: entry, ...more },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outdir,
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [prismaOutside(outdir)],
    metafile: true,
    logLevel: "warning",
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
  const stamp = Object.fromEntries(inputs.map((file) => [file, fs.statSync(path.join(root, file)).mtimeMs]));
  fs.writeFileSync(path.join(outdir, "inputs.json"), JSON.stringify(stamp));
  return inputs.length;
}

export async function buildOutsideNext() {
  return { cli: await compile("cli", "lib/cli/main.ts"), server: await compile("server", "server.ts", { "heavy-lane-thread": "app/_server/heavy-lane-thread.ts" }) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = await buildOutsideNext();
  console.log(`[build] dist/cli from ${counts.cli} source files, dist/server from ${counts.server}`);
}
