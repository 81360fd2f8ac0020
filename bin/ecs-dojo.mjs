#!/usr/bin/env node
// The ecs-dojo command line. The commands are TypeScript in lib/cli/; tsx compiles them on the fly.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
