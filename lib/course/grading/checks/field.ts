/** A value in a submitted file: JSON pointer (with [key=value] selectors) or `section.key` in an ini file. */
import { z } from "zod";
import type { Lang } from "@/lib/validator/types";
import { defineCheck, fail, pass } from "../define";
import { matcherFields, mismatch, shown, valueAt } from "../paths";
import { isOutcome, readableFile } from "./file-access";

const en = {
  field: (file: string, path: string, expected: string, seen: string) => `Expected in ${file}: ${path} ${expected}. Seen: ${seen}.`,
};
const ja: typeof en = {
  field: (file: string, path: string, expected: string, seen: string) => `${file} の期待値: ${path} ${expected}。実際: ${seen}。`,
};
const text = (lang: Lang) => (lang === "ja" ? ja : en);

export const field = defineCheck({
  kind: "field",
  reads: "files",
  schema: z.object({ file: z.string(), path: z.string().min(1), ...matcherFields }),
  run(check, ctx) {
    const file = readableFile(check.file, ctx);
    if (isOutcome(file)) return file;
    const value = file.kind === "ini" ? iniValue(file.value, check.path) : valueAt(file.value, check.path);
    const miss = mismatch(value, check);
    return miss ? fail(text(ctx.lang).field(check.file, check.path, miss.expected, shown(value))) : pass();
  },
});

/** `section.key`, the section as written inside the brackets (`profile dojo.region`); the key is after the last dot. */
function iniValue(sections: unknown, path: string): unknown {
  const dot = path.lastIndexOf(".");
  const section = (sections as Record<string, Record<string, string>>)[dot < 0 ? "" : path.slice(0, dot)];
  return section?.[path.slice(dot + 1)]?.trim();
}
