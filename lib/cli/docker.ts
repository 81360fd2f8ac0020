/**
 * `ecs-dojo docker …` and `ecs-dojo curl …`: Docker's commands, for learners without Docker, against the sandbox's
 * simulated workstation (lib/sandbox/docker). The syntax is Docker's and curl's, so what a learner types here works
 * unchanged with the real tools; what runs is the sandbox's. It uses the AWS CLI's environment (AWS_ENDPOINT_URL and
 * the sandbox keys), like `ecs-dojo sandbox`. A build sends the Dockerfile and the context's file names, sizes and
 * hashes — never the files' contents.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dojoClient } from "../sandbox/client";
import { EXIT, UsageError, type CliIO } from "./io";

const MAX_CONTEXT_FILES = 500;

const HELP = `Usage: ecs-dojo docker COMMAND [OPTIONS]
       ecs-dojo curl [-f] [-s] [-S] [-i] [-X METHOD] URL

Docker's commands against your sandbox's workstation (nothing is installed or run on your machine):
  build -t NAME[:TAG] [-f Dockerfile] [--platform linux/arm64] CONTEXT
  images | history [--no-trunc] IMAGE | inspect IMAGE | tag SOURCE TARGET | rmi [-f] IMAGE
  login --username AWS --password-stdin REGISTRY   (aws ecr get-login-password | ecs-dojo docker login …)
  push REGISTRY/REPOSITORY:TAG
  run [-d] [--rm] [--name NAME] [-p HOSTPORT:CONTAINERPORT] [-e KEY=VALUE] IMAGE [COMMAND…]
  ps [-a] | logs CONTAINER | stop CONTAINER | rm [-f] CONTAINER
curl reaches the ports your containers publish on localhost.
It uses the AWS CLI's environment: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION
(eval "$(npx ecs-dojo credentials)" sets them).
`;

/** Docker's options: which take a value (by long name), their short names, and which may repeat. */
const VALUE_OPTIONS = new Set(["tag", "file", "platform", "name", "publish", "env", "username", "password", "request", "format"]);
const SHORT: Record<string, string> = { t: "tag", f: "file", p: "publish", e: "env", u: "username", d: "detach", a: "all", X: "request", s: "silent", S: "show-error", i: "include" };

interface Parsed {
  options: Record<string, string[]>;
  flags: Set<string>;
  positionals: string[];
}

/** Docker-style arguments: `-t x`, `--tag x`, `--tag=x`, combined flags `-dit`; for `run`, options stop at the image. */
function parse(args: readonly string[], command: string, stopAtPositional = false): Parsed {
  const parsed: Parsed = { options: {}, flags: new Set(), positionals: [] };
  // `login -p` is the password, `curl -f` is --fail: the few letters that differ by command.
  const short: Record<string, string> = { ...SHORT, ...(command === "login" ? { p: "password" } : {}), ...(command === "curl" ? { f: "fail" } : {}), ...(command === "rm" || command === "rmi" ? { f: "force" } : {}) };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (parsed.positionals.length > 0 && stopAtPositional) {
      parsed.positionals.push(arg);
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      parsed.positionals.push(arg);
      continue;
    }
    const names = arg.startsWith("--") ? [arg.slice(2).split("=")[0]] : [...arg.slice(1)].map((c) => short[c] ?? `-${c}`);
    const inline = arg.startsWith("--") && arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : undefined;
    for (const [n, name] of names.entries()) {
      if (name.startsWith("-")) throw new UsageError(`unknown shorthand flag: '${name.slice(1)}' in ${arg}`);
      if (VALUE_OPTIONS.has(name) && !(command === "curl" && name === "password")) {
        const value = inline ?? (n === names.length - 1 ? args[++i] : undefined);
        if (value === undefined) throw new UsageError(`flag needs an argument: ${arg}`);
        (parsed.options[name] ??= []).push(value);
      } else parsed.flags.add(name);
    }
  }
  return parsed;
}

const one = (p: Parsed, name: string) => p.options[name]?.at(-1);

function sandboxOf(io: CliIO) {
  const { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = io.env;
  const region = io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION;
  if (!endpoint || !accessKeyId || !secretAccessKey || !region) {
    throw new UsageError('set AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION first: eval "$(npx ecs-dojo credentials)"');
  }
  return dojoClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey } });
}

/** The context's files as `docker build` sends them, minus .dockerignore's patterns (`*`, `**`, `!` exceptions). */
export function readContext(root: string): { path: string; size: number; sha256: string }[] {
  const ignore = fs.existsSync(path.join(root, ".dockerignore")) ? fs.readFileSync(path.join(root, ".dockerignore"), "utf8") : "";
  const rules = ignore
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const negate = l.startsWith("!");
      const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ""));
      const re = new RegExp(`^${pattern.split("**").map((p) => p.split("*").map((q) => q.replace(/[.+^${}()|[\]\\?]/g, "\\$&")).join("[^/]*")).join(".*")}(/.*)?$`);
      return { negate, re };
    });
  const ignored = (rel: string) => rules.reduce((out, rule) => (rule.re.test(rel) ? !rule.negate : out), false);
  const files: { path: string; size: number; sha256: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join("/");
      if (ignored(rel)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        if (files.length >= MAX_CONTEXT_FILES) throw new UsageError(`the build context ${root} has more than ${MAX_CONTEXT_FILES} files: list what the image does not need in a .dockerignore`);
        const content = fs.readFileSync(full);
        files.push({ path: rel, size: content.length, sha256: createHash("sha256").update(content).digest("hex") });
      }
    }
  };
  walk(root);
  return files;
}

const shortId = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);
const ago = (seconds: number, now: number) => {
  const minutes = Math.max(0, Math.round((now - seconds) / 60));
  return minutes < 1 ? "Less than a second ago" : minutes < 60 ? `${minutes} minutes ago` : `${Math.round(minutes / 60)} hours ago`;
};
const megabytes = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)}GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)}MB` : bytes > 0 ? `${(bytes / 1e3).toFixed(1)}kB` : "0B");

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join("").trimEnd()).join("\n") + "\n";
}

type Dojo = (operation: string, input: object) => Promise<Record<string, unknown>>;

async function dockerCommand(command: string, args: string[], io: CliIO, dojo: Dojo): Promise<number> {
  const p = parse(args, command, command === "run");
  const [first, second] = p.positionals;
  const now = Date.now() / 1000;
  switch (command) {
    case "build": {
      if (!first) throw new UsageError('"docker build" requires exactly 1 argument: the build context (for example .)');
      const contextDir = path.resolve(first);
      if (!fs.existsSync(contextDir) || !fs.statSync(contextDir).isDirectory()) throw new UsageError(`unable to prepare context: path "${first}" not found`);
      const dockerfilePath = one(p, "file") ? path.resolve(one(p, "file")!) : path.join(contextDir, "Dockerfile");
      if (!fs.existsSync(dockerfilePath)) throw new UsageError(`failed to read dockerfile: open ${path.relative(process.cwd(), dockerfilePath) || dockerfilePath}: no such file or directory`);
      const answer = await dojo("DockerBuild", {
        dockerfile: fs.readFileSync(dockerfilePath, "utf8"),
        context: readContext(contextDir),
        tags: p.options.tag ?? [],
        ...(one(p, "platform") && { platform: one(p, "platform") }),
      });
      const steps = answer.steps as string[];
      io.stderr(`${steps.map((s) => `${s}${answer.cached ? "\n#" + s.split(" ")[0].slice(1) + " CACHED" : ""}`).join("\n")}\n`);
      io.stderr(`#${steps.length + 1} exporting to image\n#${steps.length + 1} writing image ${answer.imageId} done\n`);
      for (const tag of answer.tags as string[]) io.stderr(`#${steps.length + 1} naming to ${tag.includes("/") && tag.split("/")[0].includes(".") ? tag : `docker.io/library/${tag}`} done\n`);
      const warnings = answer.warnings as string[];
      if (warnings.length > 0) io.stderr(`\n ${warnings.length} warning${warnings.length === 1 ? "" : "s"} found (use docker --debug to expand):\n${warnings.map((w) => ` - ${w}\n`).join("")}`);
      return EXIT.ok;
    }
    case "images": {
      const { images } = (await dojo("DockerImages", {})) as { images: { repository: string; tag: string; id: string; createdAt: number; size: number }[] };
      io.stdout(table([["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"], ...images.map((i) => [i.repository, i.tag, shortId(i.id), ago(i.createdAt, now), megabytes(i.size)])]));
      return EXIT.ok;
    }
    case "history": {
      if (!first) throw new UsageError('"docker history" requires exactly 1 argument: an image');
      const { imageId, history, createdAt } = (await dojo("DockerHistory", { image: first })) as { imageId: string; createdAt: number; history: { createdBy: string; sizeInBytes: number }[] };
      const trunc = (text: string) => (p.flags.has("no-trunc") || text.length <= 45 ? text : `${text.slice(0, 44)}…`);
      io.stdout(table([["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"], ...history.map((h, i) => [i === 0 ? shortId(imageId) : "<missing>", ago(createdAt, now), trunc(h.createdBy), megabytes(h.sizeInBytes), h.createdBy.endsWith("# buildkit") ? "buildkit.dockerfile.v0" : ""])]));
      return EXIT.ok;
    }
    case "inspect": {
      if (!first) throw new UsageError('"docker inspect" requires at least 1 argument');
      io.stdout(`${JSON.stringify([await dojo("DockerInspect", { image: first })], null, 4)}\n`);
      return EXIT.ok;
    }
    case "tag":
      if (!first || !second) throw new UsageError('"docker tag" requires exactly 2 arguments: SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]');
      await dojo("DockerTag", { source: first, target: second });
      return EXIT.ok;
    case "rmi": {
      if (!first) throw new UsageError('"docker rmi" requires at least 1 argument');
      const { untagged, deleted } = (await dojo("DockerRemoveImage", { image: first, force: p.flags.has("force") })) as { untagged: string[]; deleted: string[] };
      io.stdout([...untagged.map((t) => `Untagged: ${t}`), ...deleted.map((d) => `Deleted: ${d}`)].join("\n") + "\n");
      return EXIT.ok;
    }
    case "login": {
      if (!first) throw new UsageError('"docker login" needs the registry: docker login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com');
      const password = p.flags.has("password-stdin") ? (await io.readStdin()).replace(/\r?\n$/, "") : one(p, "password");
      if (password === undefined || password === "") throw new UsageError("Error: Cannot perform an interactive login from a non TTY device (give --password-stdin and pipe the password in)");
      if (!p.flags.has("password-stdin")) io.stderr("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
      const { status } = await dojo("DockerLogin", { registry: first, username: one(p, "username") ?? "", password });
      io.stdout(`${String(status)}\n`);
      return EXIT.ok;
    }
    case "push": {
      if (!first) throw new UsageError('"docker push" requires exactly 1 argument: REGISTRY/REPOSITORY:TAG');
      const { lines } = (await dojo("DockerPush", { image: first })) as { lines: string[] };
      io.stdout(`${lines.join("\n")}\n`);
      return EXIT.ok;
    }
    case "run": {
      const [image, ...rest] = p.positionals;
      if (!image) throw new UsageError('"docker run" requires at least 1 argument: an image');
      const answer = (await dojo("DockerRun", {
        image,
        ports: p.options.publish ?? [],
        env: p.options.env ?? [],
        rm: p.flags.has("rm"),
        ...(one(p, "name") && { name: one(p, "name") }),
        ...(rest.length > 0 && { command: rest }),
      })) as { container: { id: string; name: string; state: string; exitCode: number | null }; logs: string[] };
      const { container } = answer;
      if (p.flags.has("detach")) io.stdout(`${container.id}\n`);
      else {
        io.stdout(answer.logs.map((l) => `${l}\n`).join(""));
        if (container.state === "running") io.stderr(`(the sandbox's container ${container.name} keeps running in the background: docker logs ${container.name}, docker stop ${container.name})\n`);
      }
      return container.state === "exited" && !p.flags.has("detach") ? (container.exitCode ?? 0) : EXIT.ok;
    }
    case "ps": {
      const { containers } = (await dojo("DockerContainers", { all: p.flags.has("all") })) as {
        containers: { id: string; name: string; image: string; state: string; exitCode: number | null; createdAt: number; finishedAt: number | null; ports: string[] }[];
      };
      const status = (c: (typeof containers)[number]) => (c.state === "running" ? `Up ${ago(c.createdAt, now).replace(" ago", "")}` : `Exited (${c.exitCode}) ${ago(c.finishedAt ?? c.createdAt, now)}`);
      io.stdout(table([["CONTAINER ID", "IMAGE", "CREATED", "STATUS", "PORTS", "NAMES"], ...containers.map((c) => [c.id.slice(0, 12), c.image, ago(c.createdAt, now), status(c), c.ports.join(", "), c.name])]));
      return EXIT.ok;
    }
    case "logs": {
      if (!first) throw new UsageError('"docker logs" requires exactly 1 argument: a container');
      const { lines } = (await dojo("DockerLogs", { container: first })) as { lines: string[] };
      io.stdout(lines.map((l) => `${l}\n`).join(""));
      return EXIT.ok;
    }
    case "stop":
    case "rm": {
      if (p.positionals.length === 0) throw new UsageError(`"docker ${command}" requires at least 1 argument: a container`);
      for (const container of p.positionals) {
        await dojo(command === "stop" ? "DockerStop" : "DockerRemoveContainer", { container, force: p.flags.has("force") });
        io.stdout(`${container}\n`);
      }
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown docker command '${command}' (see ecs-dojo docker --help)`);
  }
}

/** curl's exit codes for the failures the sandbox answers ([curl-doc] "Exit codes"). */
const CURL_EXIT: Record<string, number> = { MalformedUrl: 3, CouldNotResolveHost: 6, ConnectionRefused: 7, ConnectionReset: 56 };

async function curlCommand(args: string[], io: CliIO, dojo: Dojo): Promise<number> {
  const p = parse(args, "curl");
  const [url] = p.positionals;
  if (!url) throw new UsageError("curl: no URL specified");
  const silent = p.flags.has("silent") && !p.flags.has("show-error");
  try {
    const { status, contentType, body } = (await dojo("LocalRequest", { url, method: one(p, "request") ?? "GET" })) as { status: number; contentType: string; body: string };
    if (p.flags.has("fail") && status >= 400) {
      if (!silent) io.stderr(`curl: (22) The requested URL returned error: ${status}\n`);
      return 22;
    }
    if (p.flags.has("include")) io.stdout(`HTTP/1.1 ${status} ${status === 200 ? "OK" : "Not Found"}\r\nContent-Type: ${contentType}\r\n\r\n`);
    io.stdout(body.endsWith("\n") ? body : `${body}\n`);
    return EXIT.ok;
  } catch (error) {
    const { name, message } = error as Error;
    if (!(name in CURL_EXIT)) throw error;
    if (!silent) io.stderr(`${message}\n`);
    return CURL_EXIT[name];
  }
}

/** `ecs-dojo docker …`; Docker's own failures print as Docker prints them and exit 1 (125 for `docker run`, as Docker does). */
export async function runDocker(args: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const dojo = sandboxOf(io);
  try {
    return await dockerCommand(command, rest, io, dojo);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const { message } = error as Error;
    io.stderr(`${message}\n`);
    return command === "run" ? 125 : 1;
  }
}

export async function runCurl(args: string[], io: CliIO): Promise<number> {
  if (args.length === 0 || args[0] === "--help") {
    io.stdout(HELP);
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  return curlCommand(args, io, sandboxOf(io));
}
