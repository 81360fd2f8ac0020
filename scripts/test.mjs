#!/usr/bin/env node
// `npm test`: the same preparation as `npm start`, then type-check, lint, unit + integration tests (Vitest) and
// browser tests (Playwright). Ends with one line "N passed, N failed" and a non-zero exit on any failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepare } from "./prepare.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-test-"));
let passed = 0;
let failed = 0;

function step(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  console.log(`=== ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return result.status === 0;
}

/** A step that is one check (type-check, lint): counts as one test. */
function gate(label, cmd, args) {
  if (step(label, cmd, args)) passed += 1;
  else failed += 1;
}

/** A test runner whose JSON report gives the counts; a runner that died without a report counts as one failure. */
function suite(label, cmd, args, reportFile, count, extraEnv) {
  const ok = step(label, cmd, args, extraEnv);
  const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, "utf8")) : null;
  if (!report) {
    failed += 1;
    console.log(`${label}: no report was written`);
    return;
  }
  const counts = count(report);
  passed += counts.passed;
  failed += counts.failed;
  if (!ok && counts.failed === 0) failed += 1; // the runner failed outside any test (setup, teardown, crash)
}

try {
  prepare();
} catch (err) {
  console.error(`preparation failed: ${err.message}`);
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

const node = process.execPath;
gate("type-check", node, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."]);
gate("lint", node, ["node_modules/eslint/bin/eslint.js", "--max-warnings", "0", "."]);
gate("lessons verify (every starter fails, every solution passes)", node, ["bin/ecs-dojo.mjs", "lessons", "verify"]);

const vitestReport = path.join(reports, "vitest.json");
suite(
  "unit and integration tests (Vitest)",
  node,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
  vitestReport,
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + r.numPendingTests + (r.numTodoTests ?? 0) }),
);

const playwrightReport = path.join(reports, "playwright.json");
suite(
  "browser tests (Playwright)",
  node,
  ["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json"],
  playwrightReport,
  (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + r.stats.skipped }),
  { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
