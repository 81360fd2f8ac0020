/** `ecs-dojo lint`: the validator over files, for terminals, editors and CI. */
import { validate, type Diagnostic, type Lang, type Level } from "../validator";
import { parseArgs } from "./args";
import { EXIT, UsageError, type Command } from "./io";

const LEVELS: readonly Level[] = ["error", "runtime", "warning"];

const KINDS = ["RegisterTaskDefinition", "CreateService", "UpdateService"] as const;

const OPTIONS = {
  format: { values: ["text", "json"] },
  kind: { values: KINDS },
  "task-definition": { value: "TDFILE", repeated: true },
  lang: { values: ["en", "ja"] },
  "min-level": { values: LEVELS },
  help: { flag: true, alias: "h" },
} as const;

const HELP = `Usage: ecs-dojo lint [options] FILE...

Checks ECS task definitions (the JSON for aws ecs register-task-definition --cli-input-json)
and services (create-service / update-service input) and explains every mistake. Use - as FILE
to read standard input.

Options:
  --kind RegisterTaskDefinition|CreateService|UpdateService
                                     what FILE is (default: detected from its keys)
  --task-definition TDFILE           a task definition a service FILE names, for the
                                     service/task-definition cross-checks (repeatable)
  --format text|json                 text (default): FILE:LINE:COLUMN: level RULE-ID message
                                     json: [{"file", "diagnostics": [...]}, ...]
  --lang en|ja                       message language (default: from LANG, else en)
  --min-level error|runtime|warning  hide less severe findings (default: warning, i.e. show all)
  -h, --help                         show this help

Levels: error = AWS rejects it; runtime = AWS accepts it but the task fails; warning = best practice.
Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable file.
`;

export interface FileReport {
  file: string;
  diagnostics: Array<{
    ruleId: string;
    level: Level;
    message: string;
    pointer: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
  }>;
}

export const lintCommand: Command = {
  summary: "check task definition JSON files and explain each mistake",
  async run(args, io) {
    const { options, positionals } = parseArgs(args, OPTIONS);
    if (options.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (positionals.length === 0) throw new UsageError("no FILE given (see ecs-dojo lint --help)");
    const lang: Lang = (options.lang as Lang | undefined) ?? langFromEnv(io.env);
    const shown = LEVELS.slice(0, LEVELS.indexOf((options["min-level"] as Level | undefined) ?? "warning") + 1);

    const taskDefinitions: unknown[] = [];
    for (const file of options["task-definition"] ?? []) {
      try {
        taskDefinitions.push(JSON.parse(await io.readFile(file)));
      } catch (error) {
        throw new UsageError(`cannot read task definition ${file}: ${error instanceof SyntaxError ? "not valid JSON" : reasonOf(error)}`);
      }
    }
    const kind = options.kind as (typeof KINDS)[number] | undefined;

    const reports: FileReport[] = [];
    let unreadable = false;
    for (const file of positionals) {
      let text: string;
      try {
        text = file === "-" ? await io.readStdin() : await io.readFile(file);
      } catch (error) {
        io.stderr(`ecs-dojo lint: cannot read ${file}: ${reasonOf(error)}\n`);
        unreadable = true;
        continue;
      }
      const diagnostics = validate(text, { lang, kind, taskDefinitions }).filter((diagnostic) => shown.includes(diagnostic.level));
      reports.push({ file, diagnostics: diagnostics.map(toReportEntry) });
    }

    io.stdout(options.format === "json" ? JSON.stringify(reports, null, 2) + "\n" : reports.map(formatText).join(""));
    if (unreadable) return EXIT.usage;
    return reports.some((report) => report.diagnostics.some((d) => d.level === "error")) ? EXIT.findings : EXIT.ok;
  },
};

export function langFromEnv(env: Record<string, string | undefined>): Lang {
  return env.LANG?.toLowerCase().startsWith("ja") ? "ja" : "en";
}

function toReportEntry(diagnostic: Diagnostic): FileReport["diagnostics"][number] {
  const { range } = diagnostic;
  return {
    ruleId: diagnostic.ruleId,
    level: diagnostic.level,
    message: diagnostic.message,
    pointer: diagnostic.pointer,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
  };
}

function formatText(report: FileReport): string {
  return report.diagnostics
    .map((d) => `${report.file}:${d.line}:${d.column}: ${d.level} ${d.ruleId} ${d.message.replace(/\s*\n\s*/g, " ")}\n`)
    .join("");
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
