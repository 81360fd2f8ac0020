// The server's process tree seen through /proc (Linux): resident memory and CPU time of a process and all its
// descendants (the server may fork workers), the machine's busy cores, and finding the processes to watch.
import fs from "node:fs";

/** Kernel clock ticks per second of /proc's CPU times (USER_HZ, 100 on every Linux that runs this). */
const TICKS_PER_SECOND = 100;

interface ProcEntry {
  ppid: number;
  /** utime + stime + cutime + cstime: own CPU time plus that of reaped children, so none is lost or counted twice. */
  ticks: number;
}

function readStat(pid: number): ProcEntry | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // gone meanwhile
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after its last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const num = (i: number) => Number(fields[i - 3]); // fields[0] is field 3 (state) of proc(5)
  return { ppid: num(4), ticks: num(14) + num(15) + num(16) + num(17) };
}

function processTable(): Map<number, ProcEntry> {
  const table = new Map<number, ProcEntry>();
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const entry = readStat(pid);
    if (entry) table.set(pid, entry);
  }
  return table;
}

/** `root` and every descendant of it alive now. */
function tree(root: number, table = processTable()): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const queue = table.has(root) ? [root] : [];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface TreeSample {
  /** Processes in the tree (0 once the root is gone). */
  processes: number;
  rssBytes: number;
  cpuSeconds: number;
}

/** RSS summed over the tree, and CPU seconds used by the tree since each process started. */
export function sampleTree(root: number): TreeSample {
  const table = processTable();
  const pids = tree(root, table);
  return {
    processes: pids.length,
    rssBytes: pids.reduce((sum, pid) => sum + rssBytes(pid), 0),
    cpuSeconds: pids.reduce((sum, pid) => sum + table.get(pid)!.ticks, 0) / TICKS_PER_SECOND,
  };
}

/** The machine's CPU counters (/proc/stat "cpu" line) in ticks: busy and total over all cores. */
export function machineCpu(): { busy: number; total: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

function cmdline(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return [];
  }
}

/** Child processes of `parent` whose command line matches. */
export function childrenMatching(parent: number, match: (args: string[]) => boolean): number[] {
  const out: number[] = [];
  for (const [pid, { ppid }] of processTable()) if (ppid === parent && match(cmdline(pid))) out.push(pid);
  return out;
}

/** The PostgreSQL postmaster listening on `port` (started with `-p <port>`), if any. */
export function postmasterOn(port: number): number | undefined {
  for (const pid of processTable().keys()) {
    const args = cmdline(pid);
    if (!args[0]?.endsWith("/postgres")) continue;
    const at = args.indexOf("-p");
    if (at >= 0 && args[at + 1] === String(port)) return pid;
  }
  return undefined;
}

/** Machine-wide TCP counters (/proc/net/netstat TcpExt): SYNs sent again, and connections the listen queue dropped. */
export function tcpCounters(): { synRetransmits: number; listenOverflows: number; listenDrops: number } {
  const lines = fs.readFileSync("/proc/net/netstat", "utf8").split("\n").filter((l) => l.startsWith("TcpExt:"));
  const names = lines[0]?.split(" ") ?? [];
  const values = lines[1]?.split(" ").map(Number) ?? [];
  const get = (name: string) => values[names.indexOf(name)] ?? 0;
  return { synRetransmits: get("TCPSynRetrans"), listenOverflows: get("ListenOverflows"), listenDrops: get("ListenDrops") };
}

/** The server.ts process startApp just spawned: the one child of this process running it that is not in `known`. */
export function newServerPid(known: Set<number>): number {
  const pids = childrenMatching(process.pid, (args) => args.includes("server.ts")).filter((p) => !known.has(p));
  if (pids.length !== 1) throw new Error(`expected one new server.ts child process, found ${pids.length}`);
  return pids[0];
}
