import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const BIN_DIRS = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"];

export interface PostgresServer {
  url(database: string): string;
  createDatabase(name: string): void;
  stop(): void;
}

/**
 * A private PostgreSQL cluster on a spare loopback port, owned by the `postgres` user when run as root
 * (initdb refuses root). Fails loudly when PostgreSQL's server binaries are not installed.
 */
export function startPostgres(port: number): PostgresServer {
  const bin = BIN_DIRS.find((d) => fs.existsSync(path.join(d, "initdb")));
  if (!bin) {
    throw new Error("PostgreSQL server binaries are missing (apt-get install postgresql): the PostgreSQL tests cannot run");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ["runuser", "-u", "postgres", "--", path.join(bin, cmd), ...args] : [path.join(bin, cmd), ...args];
    const result = spawnSync(full[0], full.slice(1), { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  return {
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    createDatabase: (name) => run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name]),
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
