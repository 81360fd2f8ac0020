/**
 * Prepares the submitted files once per grading: parses them by kind and runs the validator on the kinds it knows.
 * A validator that throws is recorded as such (`validatorFailed`), so "no errors" can never pass on a crash.
 */
import { lintDockerfile } from "@/lib/docker/lint";
import { summarize } from "@/lib/docker/dockerfile";
import { validateOrThrow, type InputKind, type Lang } from "@/lib/validator";
import type { FileKind } from "../schema";
import type { SubmittedFile } from "./context";

const VALIDATED: Partial<Record<FileKind, InputKind>> = {
  "task-definition": "RegisterTaskDefinition",
  service: "CreateService",
  "update-service": "UpdateService",
};

const JSON_KINDS: ReadonlySet<FileKind> = new Set(["task-definition", "service", "update-service", "json"]);

const UNREADABLE = {
  json: { en: (why: string) => `it is not valid JSON (${why})`, ja: (why: string) => `正しい JSON ではありません (${why})` },
  ini: { en: (why: string) => `it is not a valid config file (${why})`, ja: (why: string) => `設定ファイルとして読み取れません (${why})` },
};

export function prepareFiles(
  declared: readonly { name: string; kind: FileKind }[],
  texts: Readonly<Record<string, string>>,
  lang: Lang,
): Map<string, SubmittedFile> {
  const files = new Map<string, SubmittedFile>();
  for (const { name, kind } of declared) {
    const text = texts[name];
    if (typeof text !== "string") continue;
    files.set(name, readFile(name, kind, text, lang));
  }
  // Services are cross-checked against the lesson's task definitions (section L of the validator).
  const taskDefinitions = [...files.values()].filter((f) => f.kind === "task-definition" && f.value !== undefined).map((f) => f.value);
  for (const file of files.values()) {
    const operation = VALIDATED[file.kind];
    if (!operation) continue;
    try {
      file.diagnostics = validateOrThrow(file.text, { lang, kind: operation, taskDefinitions });
    } catch (error) {
      file.validatorFailed = error instanceof Error ? error.message : String(error);
    }
  }
  return files;
}

function readFile(name: string, kind: FileKind, text: string, lang: Lang): SubmittedFile {
  const file: SubmittedFile = { name, kind, text };
  if (JSON_KINDS.has(kind)) {
    try {
      file.value = JSON.parse(text);
    } catch (error) {
      file.unreadable = UNREADABLE.json[lang](firstLine(error));
    }
  } else if (kind === "ini") {
    try {
      file.value = readIni(text);
    } catch (error) {
      file.unreadable = UNREADABLE.ini[lang](firstLine(error));
    }
  } else if (kind === "dockerfile") {
    // A Dockerfile that does not build still has a meaning to grade (its FROM, USER…); DF-PARSE says why it fails.
    const { parsed, diagnostics } = lintDockerfile(text, lang);
    file.value = summarize(parsed);
    file.diagnostics = diagnostics;
  }
  return file;
}

/**
 * An AWS config file as { "profile dojo": { region: "…" } }, read the way the AWS CLI reads it (Python's configparser:
 * values as written, quotes included, comments only on their own line). Written by hand because the `ini` package
 * strips quotes and inline comments, which would grade `endpoint_url = "http://…"` as a URL the CLI rejects.
 */
function readIni(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    const pair = /^([^=\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (section) current = sections[section[1].trim()] ??= {};
    else if (pair && current) current[pair[1]] = pair[2];
    else throw new Error(`line ${index + 1}: "${line.slice(0, 60)}"${pair ? " comes before any [section]" : ""}`);
  }
  return sections;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 200);
}
