import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration suites start servers on their own ports; files run in parallel, tests in a file in order.
    fileParallelism: true,
    // The engine's invariant checks: every index it keeps is rebuilt and compared after each transition (engine-checks.ts).
    env: { DOJO_ENGINE_CHECKS: "1" },
  },
});
