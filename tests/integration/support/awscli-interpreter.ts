/**
 * The AWS CLI interpreter (lib/aws-cli) as `npx ecs-dojo aws` runs it — Node's fetch and file system — pointed at a test
 * endpoint with a learner's keys, with a fixed time zone so its timestamps compare with the real CLI's under TZ=UTC.
 */
import { nodeReadFile, nodeSend } from "@/lib/cli/aws";
import { runAws, type RunResult } from "@/lib/aws-cli/interpreter";
import type { CliTarget } from "./aws-cli";

export function interpreterAs(target: CliTarget) {
  return (args: string[]): Promise<RunResult> =>
    runAws(args, {
      send: nodeSend,
      readFile: nodeReadFile,
      env: { AWS_ACCESS_KEY_ID: target.accessKeyId, AWS_SECRET_ACCESS_KEY: target.secretAccessKey, AWS_DEFAULT_REGION: target.region },
      timeZoneOffset: () => 0,
      // The tests move the sandbox clock themselves; a waiter that needs more than one poll should not wait 15 s.
      sleep: async () => {},
    });
}
