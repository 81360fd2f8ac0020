// Loaded with `node --import`: appends the URL of every module the process imports to the file named by
// DOJO_TEST_IMPORTS_LOG, so a test can see what a command loaded (tests/unit/cli/no-database.test.ts).
import { register } from "node:module";

register("./record-imports-hooks.mjs", import.meta.url, { data: process.env.DOJO_TEST_IMPORTS_LOG });
