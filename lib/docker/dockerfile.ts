/**
 * A Dockerfile read the way BuildKit's front end reads it ([Docker-doc] reference/dockerfile): `#` comments on their
 * own line, `\` continuations (comment lines inside a continuation are dropped), instructions case-insensitive, exec
 * (JSON) and shell forms, `ENV k=v …` and the legacy `ENV k v`, `$VAR`/`${VAR}` from ARG and ENV where the reference
 * says expansion happens. Written by hand because the npm Dockerfile parsers are unmaintained or stop at syntax, and
 * the editor, the grader and the sandbox's builder must read one file the same way. Nothing here runs anything.
 */

export const INSTRUCTIONS = [
  "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR",
  "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
] as const;
export type Keyword = (typeof INSTRUCTIONS)[number];

export interface Instruction {
  keyword: Keyword;
  /** Everything after the keyword, continuations joined with a space. */
  args: string;
  /** 1-based line of the keyword, and the last line the instruction spans. */
  line: number;
  endLine: number;
  /** Offsets of the instruction in the text (UTF-16 code units). */
  start: number;
  end: number;
}

/** Why the file cannot be built: BuildKit's parse errors, which fail `docker build` before anything runs. */
export interface ParseProblem {
  kind: "unknown-instruction" | "no-from" | "before-from" | "bad-from" | "missing-arguments";
  line: number;
  start: number;
  end: number;
  /** The instruction as written (for unknown-instruction). */
  word?: string;
}

export interface ImageRef {
  /** As written after expansion, e.g. `node:22-slim`, `public.ecr.aws/docker/library/node:22`. */
  ref: string;
  /** Registry and repository without tag or digest, e.g. `node`, `public.ecr.aws/docker/library/node`. */
  image: string;
  tag: string | null;
  digest: string | null;
}

export interface Stage {
  from: ImageRef;
  /** `FROM … AS name`. */
  name: string | null;
  platform: string | null;
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  instructions: Instruction[];
  stages: Stage[];
  problems: ParseProblem[];
}

/** One logical line: an instruction with its continuations. */
function logicalLines(text: string): { raw: string; line: number; endLine: number; start: number; end: number }[] {
  const out: { raw: string; line: number; endLine: number; start: number; end: number }[] = [];
  const lines = text.split("\n");
  let offset = 0;
  let pending: { parts: string[]; line: number; start: number } | undefined;
  lines.forEach((rawLine, index) => {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/\r$/, "");
    const trimmed = line.trim();
    if (!pending && (trimmed === "" || trimmed.startsWith("#"))) return;
    if (pending && trimmed.startsWith("#")) return;
    const continues = /\\\s*$/.test(line);
    const part = continues ? line.replace(/\\\s*$/, "") : line;
    if (!pending) pending = { parts: [], line: index + 1, start: lineStart + (line.length - line.trimStart().length) };
    pending.parts.push(part.trim());
    if (!continues || index === lines.length - 1) {
      out.push({ raw: pending.parts.filter((p) => p !== "").join(" "), line: pending.line, endLine: index + 1, start: pending.start, end: lineStart + line.length });
      pending = undefined;
    }
  });
  return out;
}

/** `$NAME` and `${NAME}` (with `${NAME:-default}`) from the variables known at this point; unknown ones become "". */
export function expand(value: string, vars: Readonly<Record<string, string>>): string {
  return value.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, braced, fallback, bare) => {
    if (match === "\\$") return "$";
    const name = braced ?? bare;
    const known = vars[name];
    return known !== undefined && known !== "" ? known : (fallback ?? known ?? "");
  });
}

/** `image[:tag][@digest]` taken apart; a port in the registry host (`host:5000/x`) is not a tag. */
export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : null;
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const slash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  const tag = colon > slash ? named.slice(colon + 1) : null;
  return { ref, image: colon > slash ? named.slice(0, colon) : named, tag, digest };
}

/** Words of a shell-form argument list, honouring quotes (enough for the forms FROM, EXPOSE, USER, COPY take). */
export function words(args: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(args); m; m = re.exec(args)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? m[3]));
  return out;
}

/** The exec form `["a", "b"]`, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith("[")) return undefined;
  try {
    const value = JSON.parse(trimmed) as unknown;
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** `k=v k2="v 2"` pairs, or the legacy `k v w` (one variable, the rest its value). */
export function keyValues(args: string): [string, string][] {
  const trimmed = args.trim();
  const first = /^[^\s=]+/.exec(trimmed)?.[0] ?? "";
  if (!trimmed.slice(first.length).startsWith("=")) {
    const rest = trimmed.slice(first.length).trim();
    return first ? [[first, rest]] : [];
  }
  return words(trimmed).map((word) => {
    const eq = word.indexOf("=");
    return eq < 0 ? [word, ""] : [word.slice(0, eq), word.slice(eq + 1)];
  });
}

/** Options such as `--platform=linux/amd64` at the start of an instruction's arguments, and what follows them. */
export function leadingFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args.trim();
  for (let m = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest); m; m = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[m[1]] = m[2] ?? "";
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  const problems: ParseProblem[] = [];
  // ARGs before the first FROM may be used in FROM lines ([Docker-doc] "Understand how ARG and FROM interact").
  const globalArgs: Record<string, string> = {};
  for (const logical of logicalLines(text)) {
    const word = /^\S+/.exec(logical.raw)?.[0] ?? "";
    const keyword = word.toUpperCase() as Keyword;
    const args = logical.raw.slice(word.length).trim();
    const span = { line: logical.line, start: logical.start, end: logical.end };
    if (!INSTRUCTIONS.includes(keyword)) {
      problems.push({ kind: "unknown-instruction", word, ...span });
      continue;
    }
    const instruction: Instruction = { keyword, args, line: logical.line, endLine: logical.endLine, start: logical.start, end: logical.end };
    instructions.push(instruction);
    if (args === "" && keyword !== "HEALTHCHECK") {
      problems.push({ kind: "missing-arguments", word: keyword, ...span });
      continue;
    }
    if (keyword === "FROM") {
      const { flags, rest } = leadingFlags(args);
      const [image, as, name] = words(rest);
      if (!image || (as !== undefined && (as.toUpperCase() !== "AS" || !name))) {
        problems.push({ kind: "bad-from", ...span });
        continue;
      }
      stages.push({ from: parseImageRef(expand(image, globalArgs)), name: name ?? null, platform: flags.platform ?? null, instructions: [] });
    } else if (stages.length === 0) {
      if (keyword === "ARG") for (const [k, v] of keyValues(args)) globalArgs[k] = v;
      else problems.push({ kind: "before-from", word: keyword, ...span });
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  if (stages.length === 0 && !problems.some((p) => p.kind === "before-from" || p.kind === "bad-from")) {
    problems.push({ kind: "no-from", line: 1, start: 0, end: 0 });
  }
  return { instructions, stages, problems };
}

/** What the final stage makes of the image: the JSON a lesson's `field` checks read (docs/authoring.md). */
export interface DockerfileSummary {
  from: ImageRef | null;
  user: string | null;
  expose: string[];
  env: Record<string, string>;
  arg: Record<string, string>;
  workdir: string | null;
  cmd: string[] | null;
  entrypoint: string[] | null;
  healthcheck: string[] | null;
  stages: number;
}

/** A shell-form CMD/ENTRYPOINT/HEALTHCHECK runs as `/bin/sh -c "…"` ([Docker-doc] "Shell and exec form"). */
export const commandOf = (args: string): string[] => execForm(args) ?? ["/bin/sh", "-c", args];

/** Walks the final stage as the builder does, expanding variables where the reference says they expand. */
export function summarize(parsed: ParsedDockerfile): DockerfileSummary {
  const stage = parsed.stages.at(-1);
  const summary: DockerfileSummary = {
    from: stage?.from ?? null,
    user: null,
    expose: [],
    env: {},
    arg: {},
    workdir: null,
    cmd: null,
    entrypoint: null,
    healthcheck: null,
    stages: parsed.stages.length,
  };
  for (const instruction of stage?.instructions ?? []) {
    const vars = { ...summary.arg, ...summary.env };
    const { keyword, args } = instruction;
    if (keyword === "ENV") for (const [k, v] of keyValues(args)) summary.env[k] = expand(v, vars);
    else if (keyword === "ARG") for (const [k, v] of keyValues(args)) summary.arg[k] = expand(v, vars);
    else if (keyword === "USER") summary.user = expand(args, vars);
    else if (keyword === "EXPOSE") summary.expose.push(...words(expand(args, vars)));
    else if (keyword === "WORKDIR") summary.workdir = resolvePath(summary.workdir ?? "/", expand(args, vars));
    else if (keyword === "CMD") summary.cmd = commandOf(args);
    else if (keyword === "ENTRYPOINT") summary.entrypoint = commandOf(args);
    else if (keyword === "HEALTHCHECK") {
      const { rest } = leadingFlags(args);
      summary.healthcheck = /^NONE$/i.test(rest) ? null : ["CMD-SHELL", rest.replace(/^CMD\s+/i, "")];
      const exec = execForm(rest.replace(/^CMD\s+/i, ""));
      if (exec) summary.healthcheck = ["CMD", ...exec];
    }
  }
  return summary;
}

/** `dir` joined to `path` as WORKDIR and COPY destinations are: absolute paths replace, relative ones append. */
export function resolvePath(dir: string, path: string): string {
  const joined = path.startsWith("/") ? path : `${dir.replace(/\/$/, "")}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}
