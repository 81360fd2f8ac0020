/**
 * The few shell built-ins the browser terminal understands besides `aws`: `export NAME=value` and `echo` (so the
 * walkthroughs' `CLUSTER=…` / `$CLUSTER` lines work), `unset`, `clear`, `history` and `history -c` (clears it, here and
 * on the server). Everything else goes to the
 * interpreter's runAwsLine, which refuses what is not an aws command. Pure: variables in, output and new variables out.
 */
import { splitCommandLine } from "../aws-cli/shell";

export type BuiltinResult =
  | { kind: "done"; stdout: string; stderr: string; exitCode: number; variables: Record<string, string> }
  | { kind: "clear" }
  | { kind: "history" }
  | { kind: "history-clear" }
  | { kind: "not-builtin" };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Variables the terminal itself manages: the learner's keys and endpoint come from the site, not from `export`. */
export const MANAGED = new Set(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"]);

/** Runs `line` if it is a built-in; `variables` are the shell's (never changed in place). */
export function runBuiltin(line: string, variables: Record<string, string>): BuiltinResult {
  const first = /^\s*([^\s]+)/.exec(line)?.[1] ?? "";
  // `NAME=value` alone is a shell assignment; the terminal keeps it like export.
  const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/.test(first) && !line.trim().includes(" ");
  if (!["export", "echo", "unset", "clear", "history", "env"].includes(first) && !assignment) return { kind: "not-builtin" };
  const split = splitCommandLine(line, variables);
  if (!split.ok) return { kind: "done", stdout: "", stderr: `${split.error}\n`, exitCode: 2, variables };
  const [command, ...args] = assignment ? ["export", ...split.words] : split.words;
  const next = { ...variables };
  switch (command) {
    case "clear":
      return { kind: "clear" };
    case "history":
      if (args.length === 0) return { kind: "history" };
      if (args.length === 1 && args[0] === "-c") return { kind: "history-clear" };
      return { kind: "done", stdout: "", stderr: "history: usage: history [-c] (history lists your commands; history -c clears them)\n", exitCode: 2, variables };
    case "echo": {
      const newline = args[0] !== "-n";
      return { kind: "done", stdout: (newline ? args : args.slice(1)).join(" ") + (newline ? "\n" : ""), stderr: "", exitCode: 0, variables };
    }
    case "env":
      return { kind: "done", stdout: Object.entries(variables).filter(([k]) => !MANAGED.has(k)).map(([k, v]) => `${k}=${v}\n`).join(""), stderr: "", exitCode: 0, variables };
    case "unset":
      for (const name of args) if (!MANAGED.has(name)) delete next[name];
      return { kind: "done", stdout: "", stderr: "", exitCode: 0, variables: next };
    case "export": {
      let stderr = "";
      for (const arg of args) {
        const eq = arg.indexOf("=");
        const name = eq < 0 ? arg : arg.slice(0, eq);
        if (!NAME.test(name)) {
          stderr += `export: \`${arg}': not a valid identifier\n`;
          continue;
        }
        if (MANAGED.has(name)) {
          stderr += `export: ${name} is set by this site for your sandbox and cannot be changed here\n`;
          continue;
        }
        if (eq >= 0) next[name] = arg.slice(eq + 1);
      }
      return { kind: "done", stdout: "", stderr, exitCode: stderr ? 1 : 0, variables: next };
    }
  }
  return { kind: "not-builtin" };
}
