/**
 * `docker run` and what follows it on the learner's workstation: the simulated container runs the image's command
 * as far as the sandbox can tell without running it — the course's sample apps (`node FILE`, `python FILE`) listen on
 * `$PORT` (default 8080) and answer `GET /health`, nginx on 80 — and `curl http://localhost:PORT/…` reaches it
 * through the ports `-p` published, failing the way curl does when nothing or the wrong port is behind them.
 */
import { words } from "@/lib/docker/dockerfile";
import { hashHex } from "../engine/ids";
import type { Input } from "../engine/input";
import { optBoolean, optString, optStringList } from "../engine/input";
import type { Operation } from "../engine/operation";
import type { SandboxState } from "../engine/state";
import { DOCKER_ERRORS } from "./errors";
import { findImage } from "./images";
import type { DockerContainerRecord, DockerImageRecord } from "./state";

/** Bounds of a workstation: containers kept, log lines kept per container. */
export const CONTAINER_LIMITS = { containers: 50, logLines: 200 } as const;
/** The port the course's sample apps listen on when PORT is not set (their server.js: `process.env.PORT || 8080`). */
export const SAMPLE_APP_PORT = 8080;
/** [Docker-doc] docker stop: SIGTERM, then SIGKILL after 10 seconds. */
const STOP_GRACE_MS = 10_000;
const SIGTERM_LINE = "received SIGTERM, shutting down";

interface Start {
  listenPort: number | null;
  lines: string[];
  /** Exits at once with this code (a missing script, a command that ends). */
  exitCode?: number;
}

/** The command the container runs: ENTRYPOINT + CMD (or the run's arguments), a `sh -c` string split into words. */
function argvOf(image: DockerImageRecord, command: string[] | undefined): string[] {
  const argv = [...(image.config.entrypoint ?? []), ...(command?.length ? command : (image.config.cmd ?? []))];
  if (argv[0] === "/bin/sh" && argv[1] === "-c" && argv.length === 3) return words(argv[2]);
  return argv;
}

function start(image: DockerImageRecord, env: Record<string, string>, command: string[] | undefined): Start {
  const argv = argvOf(image, command);
  const exe = (argv[0] ?? "").split("/").pop()!;
  const dir = image.config.workingDir ?? "/";
  const port = Number(env.PORT);
  const listenPort = Number.isInteger(port) && port > 0 && port < 65536 ? port : SAMPLE_APP_PORT;
  if (exe === "node" || exe === "python" || exe === "python3") {
    const script = argv.slice(1).find((a) => !a.startsWith("-"));
    // Without a script, node and python start their REPL, which ends at once without a terminal (docker run without -it).
    if (!script) return { listenPort: null, lines: [], exitCode: 0 };
    const path = script.startsWith("/") ? script : `${dir.replace(/\/$/, "")}/${script}`;
    const found = image.files.includes(path) || (exe === "node" && image.files.includes(`${path}.js`));
    if (!found) {
      // [observed] Node.js and CPython's messages for a missing script.
      return exe === "node"
        ? { listenPort: null, lines: [`Error: Cannot find module '${path}'`], exitCode: 1 }
        : { listenPort: null, lines: [`${exe}: can't open file '${path}': [Errno 2] No such file or directory`], exitCode: 2 };
    }
    return { listenPort, lines: [`listening on :${listenPort}`] };
  }
  if (exe === "nginx") return { listenPort: 80, lines: ["/docker-entrypoint.sh: Configuration complete; ready for start up"] };
  if (exe === "sleep") return { listenPort: null, lines: [] };
  return { listenPort: null, lines: [], exitCode: 0 };
}

/** `-e K=V` / `-e K` (taken from nowhere in the sandbox: empty) / an object. */
function readEnv(input: Input): Record<string, string> {
  const list = optStringList(input, "env") ?? [];
  return Object.fromEntries(list.map((pair) => (pair.includes("=") ? [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)] : [pair, ""])));
}

/** `-p 8080:8080`, `-p 127.0.0.1:8080:8080`, `-p 8080:8080/tcp`; `-p 8080` publishes on a random port, which the sandbox refuses to guess. */
function readPorts(input: Input): { hostPort: number; containerPort: number }[] {
  return (optStringList(input, "ports") ?? []).map((spec) => {
    const match = /^(?:[0-9.]+:)?([0-9]{1,5}):([0-9]{1,5})(?:\/tcp)?$/.exec(spec);
    if (!match) throw DOCKER_ERRORS.badPort(spec);
    return { hostPort: Number(match[1]), containerPort: Number(match[2]) };
  });
}

function containerBy(state: SandboxState, nameOrId: string): DockerContainerRecord {
  const found = Object.values(state.dockerContainers).find((c) => c.name === nameOrId || (nameOrId.length >= 4 && c.id.startsWith(nameOrId)));
  if (!found) throw DOCKER_ERRORS.noSuchContainer(nameOrId);
  return state.dockerContainers[found.id];
}

const log = (container: DockerContainerRecord, atMs: number, lines: string[]) => {
  container.logs.push(...lines.map((line) => ({ atMs, line })));
  if (container.logs.length > CONTAINER_LIMITS.logLines) container.logs.splice(0, container.logs.length - CONTAINER_LIMITS.logLines);
};

function stop(state: SandboxState, container: DockerContainerRecord, atMs: number, image: DockerImageRecord | undefined): void {
  if (container.state !== "running") return;
  // The exec form puts the app at PID 1, where it gets SIGTERM (the sample apps handle it); the shell form puts
  // /bin/sh there, which does not pass it on, so Docker kills after the grace period ([Docker-doc] ENTRYPOINT).
  const shellForm = image && (image.config.cmd?.[0] === "/bin/sh" || image.config.entrypoint?.[0] === "/bin/sh");
  if (shellForm) Object.assign(container, { exitCode: 137, finishedAtMs: atMs + STOP_GRACE_MS });
  else {
    log(container, atMs, [SIGTERM_LINE]);
    Object.assign(container, { exitCode: 0, finishedAtMs: atMs });
  }
  Object.assign(container, { state: "exited", listenPort: null });
  if (container.autoRemove) delete state.dockerContainers[container.id];
}

function describe(c: DockerContainerRecord) {
  return {
    id: c.id,
    name: c.name,
    image: c.image,
    state: c.state,
    exitCode: c.exitCode,
    createdAt: c.createdAtMs / 1000,
    finishedAt: c.finishedAtMs === null ? null : c.finishedAtMs / 1000,
    ports: c.ports.map((p) => `0.0.0.0:${p.hostPort}->${p.containerPort}/tcp`),
  };
}

const run: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    const ref = optString(input, "image") ?? "";
    const image = findImage(state, ref);
    if (!image) throw DOCKER_ERRORS.runPullDenied(ref);
    const ports = readPorts(input);
    const env = { ...image.config.env, ...readEnv(input) };
    const command = optStringList(input, "command");
    const id = hashHex(`container|${state.sequence++}|${ref}|${clockMs}`, 64);
    const name = optString(input, "name") ?? `dojo_${id.slice(0, 6)}`;
    const named = Object.values(state.dockerContainers).find((c) => c.name === name);
    if (named) throw DOCKER_ERRORS.nameInUse(name, named.id);
    for (const { hostPort } of ports) {
      if (Object.values(state.dockerContainers).some((c) => c.state === "running" && c.ports.some((p) => p.hostPort === hostPort))) throw DOCKER_ERRORS.portAllocated(name, hostPort);
    }
    const user = image.config.user?.split(":")[0];
    if (user && !/^[0-9]+$/.test(user) && !image.users.includes(user)) throw DOCKER_ERRORS.unknownUser(user);
    if (Object.keys(state.dockerContainers).length >= CONTAINER_LIMITS.containers) throw DOCKER_ERRORS.tooMany("containers", CONTAINER_LIMITS.containers);
    const started = start(image, env, command);
    const exited = started.exitCode !== undefined;
    const container: DockerContainerRecord = {
      id,
      name,
      imageId: image.id,
      image: ref,
      createdAtMs: clockMs,
      state: exited ? "exited" : "running",
      exitCode: exited ? started.exitCode! : null,
      finishedAtMs: exited ? clockMs : null,
      ports,
      env,
      listenPort: started.listenPort,
      logs: started.lines.map((line) => ({ atMs: clockMs, line })),
      autoRemove: optBoolean(input, "rm") ?? false,
    };
    if (!(exited && container.autoRemove)) state.dockerContainers[id] = container;
    return { container: describe(container), logs: started.lines };
  },
};

/** `curl URL`: what the published port answers. */
const localRequest: Operation = {
  readOnly: false,
  run(state, input, clockMs) {
    const raw = optString(input, "url") ?? "";
    let url: URL;
    try {
      url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`);
    } catch {
      throw DOCKER_ERRORS.badUrl(raw);
    }
    if (!["localhost", "127.0.0.1", "0.0.0.0", "[::1]"].includes(url.hostname)) throw DOCKER_ERRORS.unknownHost(url.hostname);
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const container = Object.values(state.dockerContainers).find((c) => c.state === "running" && c.ports.some((p) => p.hostPort === port));
    if (!container) throw DOCKER_ERRORS.connectionRefused(port);
    const mapping = container.ports.find((p) => p.hostPort === port)!;
    if (mapping.containerPort !== container.listenPort) throw DOCKER_ERRORS.connectionReset();
    const image = state.dockerImages[container.imageId];
    const answer = respond(image?.app ?? null, url.pathname);
    log(state.dockerContainers[container.id], clockMs, [`${optString(input, "method") ?? "GET"} ${url.pathname} ${answer.status}`]);
    return answer;
  },
};

function respond(app: DockerImageRecord["app"], path: string): { status: number; contentType: string; body: string } {
  if (app === "nginx") {
    return path === "/" || path === "/index.html"
      ? { status: 200, contentType: "text/html", body: "<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>\n" }
      : { status: 404, contentType: "text/html", body: "<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center></body></html>\n" };
  }
  if (path === "/health") return { status: 200, contentType: "application/json", body: '{"status":"ok"}' };
  if (path === "/") return { status: 200, contentType: "application/json", body: '{"message":"hello from the sample API"}' };
  return { status: 404, contentType: "application/json", body: '{"error":"not found"}' };
}

export const containerOperations: Record<string, Operation> = {
  DockerRun: run,
  LocalRequest: localRequest,
  DockerContainers: {
    readOnly: true,
    run: (state, input) => ({
      containers: Object.values(state.dockerContainers)
        .filter((c) => (optBoolean(input, "all") ?? false) || c.state === "running")
        .reverse()
        .map(describe),
    }),
  },
  DockerLogs: {
    readOnly: true,
    run: (state, input) => ({ lines: containerBy(state, optString(input, "container") ?? "").logs.map((l) => l.line) }),
  },
  DockerStop: {
    readOnly: false,
    run(state, input, clockMs) {
      const container = containerBy(state, optString(input, "container") ?? "");
      stop(state, container, clockMs, state.dockerImages[container.imageId]);
      return { container: container.name };
    },
  },
  DockerRemoveContainer: {
    readOnly: false,
    run(state, input, clockMs) {
      const container = containerBy(state, optString(input, "container") ?? "");
      if (container.state === "running") {
        if (!optBoolean(input, "force")) throw DOCKER_ERRORS.containerRunning(container.id);
        stop(state, container, clockMs, state.dockerImages[container.imageId]);
      }
      delete state.dockerContainers[container.id];
      return { container: container.name };
    },
  },
};
