/**
 * `ecs-dojo sandbox fast-forward SECONDS`: the lesson page's Fast-forward from a terminal. It reads the same environment
 * as the AWS CLI (`eval "$(npx ecs-dojo credentials)"` sets it), so it moves the clock of the sandbox the CLI talks to;
 * `lessons verify` offers it to solution scripts as `fast_forward`, so a script can wait for what a learner waits for.
 */
import { dojoClient } from "../sandbox/client";
import { parseArgs } from "./args";
import { EXIT, UsageError, type CliIO } from "./io";

/** One AdvanceClock call moves the simulated clock at most a day (gateway MAX_ADVANCE_SECONDS). */
const MAX_SECONDS = 86_400;

const HELP = `Usage: ecs-dojo sandbox fast-forward SECONDS

Moves your sandbox's simulated clock SECONDS ahead (at most ${MAX_SECONDS}), as the lesson page's Fast-forward does,
and prints the sandbox's time. It uses the AWS CLI's environment: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION (eval "$(npx ecs-dojo credentials)" sets them).
`;

export async function runSandbox(args: string[], io: CliIO): Promise<number> {
  const { options, positionals } = parseArgs(args, { help: { flag: true, alias: "h" } } as const);
  if (options.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const [action, amount, ...rest] = positionals;
  if (action !== "fast-forward" || rest.length > 0) throw new UsageError("expected: ecs-dojo sandbox fast-forward SECONDS (see ecs-dojo sandbox --help)");
  const seconds = Number(amount);
  if (amount === undefined || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_SECONDS) {
    throw new UsageError(`SECONDS must be a number from 0 to ${MAX_SECONDS}, not '${amount ?? ""}'`);
  }
  const endpoint = io.env.AWS_ENDPOINT_URL;
  const accessKeyId = io.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = io.env.AWS_SECRET_ACCESS_KEY;
  const region = io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION;
  if (!endpoint || !accessKeyId || !secretAccessKey || !region) {
    throw new UsageError('set AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION first: eval "$(npx ecs-dojo credentials)"');
  }
  try {
    const { clock } = (await dojoClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey } })("AdvanceClock", { seconds })) as { clock: number };
    io.stdout(`sandbox time: ${new Date(clock * 1000).toISOString()}\n`);
    return EXIT.ok;
  } catch (error) {
    const { name, message } = error as Error;
    io.stderr(`ecs-dojo sandbox: the sandbox refused: ${name}: ${message}\n`);
    return EXIT.findings;
  }
}
