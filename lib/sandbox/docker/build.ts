/**
 * `docker build`, as far as the sandbox can go without running anything: the Dockerfile is read (lib/docker), the
 * base image looked up (catalog.ts), COPY/ADD sources matched against the context's file list, and an image recorded
 * whose config, history and file list are what BuildKit would give. RUN lines are recorded, never run. The context
 * arrives as names, sizes and content hashes (the CLI reads them): the image id follows from them, so the same
 * Dockerfile and files give the same image, as BuildKit's cache does.
 */
import { commandOf, expand, execForm, keyValues, leadingFlags, resolvePath, words, type ParsedDockerfile, type Stage } from "@/lib/docker/dockerfile";
import { lintDockerfile } from "@/lib/docker/lint";
import { sha256Hex } from "../services/ecr/sha256";
import { hashHex } from "../engine/ids";
import { canonicalName, lookupBase } from "./catalog";
import { DOCKER_ERRORS } from "./errors";
import type { DockerImageRecord } from "./state";

export interface ContextFile {
  /** Relative to the context's root, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
}

/** Bounds of one build request (a course's contexts are a handful of files). */
export const BUILD_LIMITS = { dockerfileChars: 64_000, contextFiles: 500, tags: 10 } as const;

interface StageResult {
  base: string;
  users: string[];
  app: DockerImageRecord["app"];
  sizeInBytes: number;
  history: { createdBy: string; sizeInBytes: number }[];
  files: Map<string, string>;
  config: DockerImageRecord["config"];
}

/** Glob of a COPY source against the context ([Docker-doc] COPY: Go's filepath.Match, a directory copies its contents). */
function matchSources(pattern: string, context: readonly ContextFile[]): ContextFile[] {
  const clean = resolvePath("/", pattern).slice(1);
  if (clean === "") return [...context];
  const re = new RegExp(`^${clean.split("*").map((part) => part.split("?").map(escapeRegExp).join("[^/]")).join("[^/]*")}(/.*)?$`);
  return context.filter((file) => re.test(file.path));
}

const escapeRegExp = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, "\\$&");

/** Where one COPY puts its files: into `dest` as a directory when it ends with `/`, copies several, or copies a directory. */
function copyInto(result: StageResult, sources: string[], dest: string, found: Map<string, ContextFile[]>): number {
  const target = resolvePath(result.config.workingDir ?? "/", dest);
  const many = sources.length > 1 || dest.endsWith("/") || dest === "." || [...found.values()].some((files, i) => files.length > 1 || files[0]?.path !== resolvePath("/", sources[i]).slice(1));
  let size = 0;
  sources.forEach((source) => {
    const root = resolvePath("/", source).slice(1);
    for (const file of found.get(source) ?? []) {
      const relative = root !== "" && file.path.startsWith(`${root}/`) ? file.path.slice(root.length + 1) : file.path.split("/").pop()!;
      const path = many ? resolvePath(target, relative) : target;
      result.files.set(path, file.sha256);
      size += file.size;
    }
  });
  return size;
}

/** Size BuildKit would report for a RUN layer: unknown here, so a stable figure from the command ([inferred]). */
const runLayerSize = (command: string) => 1_000_000 + (parseInt(hashHex(`run|${command}`, 6), 16) % 40_000_000);

function buildStage(stage: Stage, done: readonly StageResult[], stages: readonly Stage[], context: readonly ContextFile[], globalArgs: Record<string, string>): StageResult {
  const earlier = stages.findIndex((s) => s.name !== null && s.name === stage.from.image);
  let result: StageResult;
  if (earlier >= 0 && earlier < done.length) {
    const from = done[earlier];
    result = { ...from, history: [...from.history], files: new Map(from.files), config: { ...from.config, env: { ...from.config.env }, exposedPorts: [...from.config.exposedPorts] } };
  } else {
    const lookup = stage.from.image === "scratch" ? { found: { app: null, sizeInBytes: 0, users: ["root"] } } : lookupBase(stage.from.image, stage.from.tag);
    const ref = `${canonicalName(stage.from.image)}:${stage.from.tag ?? "latest"}`;
    if ("windows" in lookup) throw DOCKER_ERRORS.windowsBase(stage.from.ref);
    if ("unknown" in lookup) throw DOCKER_ERRORS.unknownBase(stage.from.ref, ref);
    const base = lookup.found;
    result = {
      base: stage.from.ref,
      users: base.users,
      app: base.app,
      sizeInBytes: base.sizeInBytes,
      history: [{ createdBy: `FROM ${ref}`, sizeInBytes: base.sizeInBytes }],
      files: new Map(),
      config: { env: {}, user: null, exposedPorts: [], workingDir: null, entrypoint: null, cmd: base.app === "node" ? ["node"] : base.app === "python" ? ["python3"] : base.app === "nginx" ? ["nginx", "-g", "daemon off;"] : null },
    };
  }
  const args: Record<string, string> = {};
  for (const instruction of stage.instructions) {
    const vars = { ...globalArgs, ...args, ...result.config.env };
    const record = (createdBy: string, sizeInBytes = 0) => result.history.push({ createdBy, sizeInBytes });
    const { keyword } = instruction;
    if (keyword === "ENV") {
      const pairs = keyValues(instruction.args).map(([k, v]) => [k, expand(v, vars)] as const);
      for (const [k, v] of pairs) result.config.env[k] = v;
      record(`ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(" ")}`);
    } else if (keyword === "ARG") {
      for (const [k, v] of keyValues(instruction.args)) args[k] = globalArgs[k] ?? expand(v, vars);
      record(`ARG ${instruction.args}`);
    } else if (keyword === "WORKDIR") {
      result.config.workingDir = resolvePath(result.config.workingDir ?? "/", expand(instruction.args, vars));
      record(`WORKDIR ${result.config.workingDir}`);
    } else if (keyword === "USER") {
      result.config.user = expand(instruction.args, vars);
      record(`USER ${result.config.user}`);
    } else if (keyword === "EXPOSE") {
      const ports = words(expand(instruction.args, vars)).map((p) => (p.includes("/") ? p : `${p}/tcp`));
      result.config.exposedPorts.push(...ports.filter((p) => !result.config.exposedPorts.includes(p)));
      record(`EXPOSE map[${ports.map((p) => `${p}:{}`).join(" ")}]`);
    } else if (keyword === "CMD" || keyword === "ENTRYPOINT") {
      const command = commandOf(instruction.args);
      if (keyword === "CMD") result.config.cmd = command;
      else {
        result.config.entrypoint = command;
        // [Docker-doc] ENTRYPOINT: setting it resets a CMD inherited from the base image.
        result.config.cmd = null;
      }
      record(`${keyword} [${command.map((c) => JSON.stringify(c)).join(" ")}]`);
    } else if (keyword === "COPY" || keyword === "ADD") {
      const { flags, rest } = leadingFlags(instruction.args);
      const parts = (execForm(rest) ?? words(rest)).map((p) => expand(p, vars));
      if (parts.length < 2) throw DOCKER_ERRORS.parse(instruction.line, `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`);
      const sources = parts.slice(0, -1);
      const dest = parts.at(-1)!;
      if (flags.from !== undefined) {
        const source = stages.findIndex((s) => s.name === flags.from);
        const from = source >= 0 && source < done.length ? done[source] : undefined;
        if (!from) throw DOCKER_ERRORS.unknownStage(flags.from);
        for (const src of sources) for (const [path, sha] of from.files) if (path === resolvePath("/", src) || path.startsWith(`${resolvePath("/", src)}/`)) result.files.set(resolvePath(resolvePath(result.config.workingDir ?? "/", dest), path.split("/").pop()!), sha);
        record(`${keyword} --from=${flags.from} ${sources.join(" ")} ${dest} # buildkit`, 0);
        continue;
      }
      const found = new Map<string, ContextFile[]>();
      for (const source of sources) {
        const files = matchSources(source, context);
        if (files.length === 0) throw DOCKER_ERRORS.copySourceMissing(resolvePath("/", source));
        found.set(source, files);
      }
      const size = copyInto(result, sources, dest, found);
      result.sizeInBytes += size;
      record(`${keyword} ${sources.join(" ")} ${dest} # buildkit`, size);
    } else if (keyword === "RUN") {
      const command = execForm(instruction.args)?.join(" ") ?? `/bin/sh -c ${instruction.args}`;
      const size = runLayerSize(command);
      result.sizeInBytes += size;
      record(`RUN ${command} # buildkit`, size);
    } else {
      record(`${keyword} ${instruction.args}`);
    }
  }
  return result;
}

export interface BuildOutcome {
  image: Omit<DockerImageRecord, "repoTags" | "createdAtMs">;
  /** BuildKit's build checks, as `docker build` prints them. */
  warnings: string[];
  /** The steps, as BuildKit's plain progress names them. */
  steps: string[];
}

/** Builds `dockerfile` over `context`; throws DOCKER_ERRORS.* with BuildKit's words when `docker build` would fail. */
export function buildImage(dockerfile: string, context: readonly ContextFile[], architecture: DockerImageRecord["architecture"]): BuildOutcome {
  const { parsed, diagnostics } = lintDockerfile(dockerfile, "en");
  const problem = parsed.problems[0];
  if (problem) throw DOCKER_ERRORS.unparsable(problem);
  const globalArgs = globalArgsOf(parsed);
  const done: StageResult[] = [];
  for (const stage of parsed.stages) done.push(buildStage(stage, done, parsed.stages, context, globalArgs));
  const final = done.at(-1)!;
  const history = [...final.history].reverse();
  const files = [...final.files.keys()].sort();
  const identity = JSON.stringify({ base: final.base, architecture, history, config: final.config, files: [...final.files.entries()].sort() });
  const warnings = diagnostics
    .filter((d) => d.ruleId === "DF-SECRET-IN-IMAGE" || d.ruleId === "DF-SHELL-FORM-CMD")
    .map((d) => `${d.message.split(". ")[0].replace(/\)\.?$/, ")")} (line ${d.range.line})`);
  return {
    image: {
      id: `sha256:${sha256Hex(identity)}`,
      sizeInBytes: Math.round(final.sizeInBytes),
      architecture,
      base: final.base,
      users: final.users,
      config: final.config,
      history,
      files,
      app: final.app,
    },
    warnings,
    steps: parsed.instructions.map((i, n) => `#${n + 1} [${n + 1}/${parsed.instructions.length}] ${i.keyword} ${i.args}`),
  };
}

function globalArgsOf(parsed: ParsedDockerfile): Record<string, string> {
  const args: Record<string, string> = {};
  const firstFrom = parsed.instructions.findIndex((i) => i.keyword === "FROM");
  for (const instruction of parsed.instructions.slice(0, firstFrom)) if (instruction.keyword === "ARG") for (const [k, v] of keyValues(instruction.args)) args[k] = v;
  return args;
}
