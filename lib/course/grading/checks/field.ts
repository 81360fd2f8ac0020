/** A value in a submitted file: JSON pointer (with [key=value] selectors) or `section.key` in an ini file. */
import { z } from "zod";
import { catalog, defineCheck, fail, pass } from "../define";
import { matcherFields, mismatch, shown, valueAt } from "../paths";
import { isOutcome, readableFile } from "./file-access";

const en = {
  field: (file: string, path: string, expected: string, seen: string) => `Expected in ${file}: ${path} ${expected}. Seen: ${seen}.`,
  answer: (file: string, path: string, seen: string) => `Expected in ${file}: the right value at ${path}. Seen: ${seen}, which is not it yet.`,
};
const ja: typeof en = {
  field: (file: string, path: string, expected: string, seen: string) => `${file} の期待値: ${path} ${expected}。実際: ${seen}。`,
  answer: (file: string, path: string, seen: string) => `${file} の期待: ${path} が正しい値であること。実際: ${seen} で、まだ正しくありません。`,
};
const text = catalog(en, ja);

export const field = defineCheck({
  kind: "field",
  reads: "files",
  schema: z.object({
    file: z.string(),
    path: z.string().min(1),
    ...matcherFields,
    /** The value is the learner's answer to a question (a worksheet, a computed limit): a failure must not print it. */
    answer: z.boolean().default(false),
  }),
  run(check, ctx) {
    const file = readableFile(check.file, ctx);
    if (isOutcome(file)) return file;
    const value = file.kind === "ini" ? iniValue(file.value, check.path) : valueAt(file.value, check.path);
    const miss = mismatch(value, check);
    if (!miss) return pass();
    const t = text(ctx.lang);
    return fail(check.answer ? t.answer(check.file, check.path, shown(value)) : t.field(check.file, check.path, miss.expected, shown(value)));
  },
});

/** `section.key`, the section as written inside the brackets (`profile dojo.region`); the key is after the last dot. */
function iniValue(sections: unknown, path: string): unknown {
  const dot = path.lastIndexOf(".");
  const section = (sections as Record<string, Record<string, string>>)[dot < 0 ? "" : path.slice(0, dot)];
  return section?.[path.slice(dot + 1)]?.trim();
}
