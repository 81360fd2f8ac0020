/**
 * `ecs-dojo <command> [options]`. To add a subcommand, write a Command (see io.ts) in its own module
 * and add it to COMMANDS; usage errors thrown as UsageError become one line on stderr and exit code 2.
 */
import { readFile } from "node:fs/promises";
import { credentialsCommand } from "./credentials";
import { EXIT, type CliIO, type Command } from "./io";
import { lintCommand } from "./lint";

/**
 * A command whose module loads only when it runs: the course commands bring the course loader, the grader and the
 * SDK, which `lint` (run on every save by editors and CI) must not pay for at start-up.
 */
function lazy(summary: string, load: () => Promise<Command["run"]>): Command {
  return { summary, run: async (args, io) => (await load())(args, io) };
}

export const COMMANDS: Record<string, Command> = {
  lint: lintCommand,
  credentials: credentialsCommand,
  check: lazy("grade your work on a lesson (the page's Check button, from a terminal)", async () => (await import("./check")).runCheck),
  lessons: lazy("lessons verify: prove every lesson's starter fails and its solution passes", async () => (await import("./lessons")).runLessons),
  content: lazy("content stats: check the course files and count modules, lessons, checks and questions", async () => (await import("./content")).runContent),
  docker: lazy("docker build|push|run|…: Docker's commands against your sandbox's workstation (no Docker needed)", async () => (await import("./docker")).runDocker),
  curl: lazy("curl URL: reach the ports your sandbox containers publish on localhost", async () => (await import("./docker")).runCurl),
  exam: lazy("exam export|import: the exam questions as GIFT or Moodle XML for an LMS; GIFT questions read back", async () => (await import("./exam")).runExam),
  sandbox: lazy("sandbox fast-forward SECONDS: move your sandbox's simulated clock, as the page's Fast-forward does", async () => (await import("./sandbox")).runSandbox),
  users: lazy("users add|link|role: accounts for instructors and admins (a password from stdin or a one-time sign-in link)", async () => (await import("./users")).runUsers),
  aws: lazy("aws <service> <operation> …: the AWS CLI (v2 command line) against your sandbox, nothing to install", async () => (await import("./aws")).awsCommand.run),
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return ["Usage: ecs-dojo <command> [options]", "", "Commands:", ...lines, "", "Run `ecs-dojo <command> --help` for a command's options.", ""].join("\n");
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`ecs-dojo: unknown command '${name}'\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ecs-dojo ${name}: ${message}\n`);
    return EXIT.usage;
  }
}

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    readFile: (path) => readFile(path, "utf8"),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}
