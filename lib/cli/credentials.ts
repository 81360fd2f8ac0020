/** `ecs-dojo credentials`: the export lines that point the AWS CLI at the local learner's sandbox. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { deriveSecretAccessKey } from "../sandbox/credentials";
import { sandboxRegion } from "../sandbox/region";
import { serverKey } from "../server-key";
import { parseArgs } from "./args";
import { EXIT, UsageError, type Command } from "./io";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const ENDPOINT_PATH = "/aws";

const OPTIONS = {
  url: { value: "URL" },
  help: { flag: true, alias: "h" },
} as const;

const HELP = `Usage: ecs-dojo credentials [--url URL]

Prints the environment for the AWS CLI and SDKs to use your own sandbox on this ECS Dojo server:

  eval "$(npx ecs-dojo credentials)"
  aws ecs list-clusters

Run it in the directory the server runs in: it uses the same database (DATABASE_URL) and server key
(DOJO_SECRET_KEY or .data/server.key). The learner is created on first use and reused after that.

Options:
  --url URL    the sandbox endpoint (default: http://localhost:$PORT/aws, PORT defaulting to 3000)
  -h, --help   show this help
`;

export const credentialsCommand: Command = {
  summary: "print AWS CLI environment variables for your local sandbox",
  async run(args, io) {
    const { options, positionals } = parseArgs(args, OPTIONS);
    if (options.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see ecs-dojo credentials --help)`);
    const endpoint = endpointUrl(options.url, io.env.PORT);
    await prepareDatabase();
    const { db } = await import("../progress/db");
    const { localLearner } = await import("../progress/local-learner");
    try {
      const learner = await localLearner();
      const lines = {
        AWS_ACCESS_KEY_ID: learner.accessKeyId,
        AWS_SECRET_ACCESS_KEY: deriveSecretAccessKey(serverKey(), learner.accessKeyId),
        AWS_DEFAULT_REGION: sandboxRegion(io.env),
        AWS_ENDPOINT_URL: endpoint,
      };
      io.stdout(Object.entries(lines).map(([name, value]) => `export ${name}=${shellWord(value)}\n`).join(""));
    } finally {
      // The database client would otherwise keep the process alive.
      await db().$disconnect();
    }
    return EXIT.ok;
  },
};

export function endpointUrl(given: string | undefined, port: string | undefined): string {
  if (given === undefined) return `http://localhost:${port || "3000"}${ENDPOINT_PATH}`;
  if (!URL.canParse(given) || !/^https?:$/.test(new URL(given).protocol)) {
    throw new UsageError(`--url must be an http(s) URL such as http://localhost:3000/aws (got '${given}')`);
  }
  return given;
}

/** The same migrations `npm start` applies, so the command also works before the server has ever run. */
export async function prepareDatabase(): Promise<void> {
  // Loaded here, not at the top: commands without a database (lint) start without the database drivers.
  const url = (await import("../progress/database-url")).databaseUrl();
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "db.mjs"), "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

/** A value as one shell word: bare when it is plainly safe, single-quoted otherwise. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
