/** The front half of every file check: the file is there, readable, and (when asked) validated. */
import type { Diagnostic } from "@/lib/validator/types";
import { commonText } from "../common-messages";
import type { CheckContext, Outcome, SubmittedFile } from "../context";
import { fail } from "../define";

export function readableFile(name: string, ctx: CheckContext): SubmittedFile | Outcome {
  const t = commonText(ctx.lang);
  const file = ctx.files.get(name);
  if (!file) return fail(t.fileMissing(name));
  if (file.unreadable) return fail(t.fileUnreadable(name, file.unreadable));
  return file;
}

export function diagnosticsOf(name: string, ctx: CheckContext): { file: SubmittedFile; diagnostics: Diagnostic[] } | Outcome {
  const t = commonText(ctx.lang);
  const file = ctx.files.get(name);
  if (!file) return fail(t.fileMissing(name));
  // A text that does not parse has no findings but its syntax error: "rule X clears" must not pass on it.
  if (file.unreadable) return fail(t.fileUnreadable(name, file.unreadable));
  if (file.validatorFailed !== undefined || file.diagnostics === undefined) return fail(t.validatorFailed(name));
  return { file, diagnostics: file.diagnostics };
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === "object" && value !== null && "passed" in value;
}

export function where(d: Diagnostic): string {
  return `${d.range.line}:${d.range.column} ${d.message.split("\n")[0]}`;
}
