import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // A guard against hangs, not a measure: two files at a time on two cores can double a CLI-heavy test's wall time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration suites start servers on their own ports; files run in parallel, tests in a file in order.
    fileParallelism: true,
    // Vitest's default (cores − 1) runs one file at a time on a 2-core machine, where most integration files wait on a
    // child process (the AWS CLI, a server): two at a time took the whole run from 2,016 s to 1,854 s even with other
    // work on the machine (load average 6–10), using 1.8 of the 2 cores instead of about one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The engine's invariant checks: every index it keeps is rebuilt and compared after each transition (engine-checks.ts).
    env: { DOJO_ENGINE_CHECKS: "1" },
  },
});
