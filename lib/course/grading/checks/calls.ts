/** The learner's call history (curriculum R10): these calls happened, in this order, with these parameters. */
import { z } from "zod";
import { commonText } from "../common-messages";
import type { CallRecord } from "../context";
import { catalog, defineCheck, fail, pass } from "../define";
import { fieldSchema, mismatch, shown, valueAt } from "../paths";

const step = z
  .object({
    /** `CreateService` (ECS) or `service:Operation`, e.g. `dojo:AdvanceClock`. */
    operation: z.string().regex(/^([a-z0-9-]+:)?[A-Z][A-Za-z0-9]+$/, "an API operation such as CreateService"),
    params: z.array(fieldSchema).default([]),
    outcome: z.enum(["success", "error"]).default("success"),
    errorCode: z.string().optional(),
  })
  .strict();
type Step = z.infer<typeof step>;

/** Who refused a call: AWS, or — for the sandbox's own `dojo:` operations — the sandbox's Docker, curl or the sandbox. */
function answerer(op: string): { en: string; ja: string } {
  if (op.startsWith("dojo:Docker")) return { en: "Docker", ja: "Docker" };
  if (op === "dojo:LocalRequest") return { en: "curl", ja: "curl" };
  return op.startsWith("dojo:") ? { en: "the sandbox", ja: "サンドボックス" } : { en: "AWS", ja: "AWS" };
}

const en = {
  never: (op: string, after: string) => `Expected: a call to ${op}${after}. Seen: none since the exercise started.`,
  after: (op: string) => ` after ${op}`,
  failed: (op: string, code: string, message: string) =>
    `Expected: a successful ${op} call. Seen: your ${op} failed — ${answerer(op).en} answered ${code}: ${message}`,
  params: (op: string, path: string, expected: string, seen: string) =>
    `Expected: ${op} with ${path} ${expected}. Seen: your latest ${op} sent ${shown(seen)}.`,
  succeeded: (op: string) => `Expected: ${op} to be refused. Seen: it succeeded.`,
  otherError: (op: string, expected: string, code: string, message: string) =>
    `Expected: ${op} to be refused with ${expected}. Seen: ${answerer(op).en} answered ${code}: ${message}`,
  outOfOrder: (op: string, previous: string) => `Expected: ${op} after ${previous}. Seen: ${op} only before it.`,
};
const ja: typeof en = {
  never: (op: string, after: string) => `期待: ${after}${op} の呼び出し。実際: 演習の開始以降、呼び出されていません。`,
  after: (op: string) => `${op} の後の `,
  failed: (op: string, code: string, message: string) => `期待: ${op} の呼び出しが成功すること。実際: ${op} は失敗しています。${answerer(op).ja} の応答は ${code}: ${message}`,
  params: (op: string, path: string, expected: string, seen: string) =>
    `期待: ${path} ${expected} の ${op}。実際: 最後の ${op} で送られた値は ${shown(seen)} です。`,
  succeeded: (op: string) => `期待: ${op} が拒否されること。実際: 成功しています。`,
  otherError: (op: string, expected: string, code: string, message: string) =>
    `期待: ${op} が ${expected} で拒否されること。実際: ${answerer(op).ja} の応答は ${code}: ${message}`,
  outOfOrder: (op: string, previous: string) => `期待: ${previous} の後に ${op}。実際: ${op} はその前にしか呼ばれていません。`,
};
const text = catalog(en, ja);

function sameOperation(s: Step, call: CallRecord): boolean {
  const [service, operation] = s.operation.includes(":") ? s.operation.split(":") : ["ecs", s.operation];
  return call.service === service && call.operation === operation;
}

type Miss = { kind: "outcome" } | { kind: "param"; path: string; expected: string; seen: unknown };

/** The first parameter of `s` the call misses. */
function paramMissOf(s: Step, call: CallRecord): Miss | undefined {
  for (const param of s.params) {
    const value = valueAt(call.input, param.path);
    const miss = mismatch(value, param);
    if (miss) return { kind: "param", path: param.path, expected: miss.expected, seen: value };
  }
  return undefined;
}

/** The first expectation of `s` the call misses, or undefined when it is the call `s` asks for. */
function missOf(s: Step, call: CallRecord): Miss | undefined {
  const failed = call.error !== undefined;
  if ((s.outcome === "error") !== failed) return { kind: "outcome" };
  if (s.errorCode && call.error?.code !== s.errorCode) return { kind: "outcome" };
  return paramMissOf(s, call);
}

export const calls = defineCheck({
  kind: "calls",
  reads: "calls",
  // Calls are always read from the start of the exercise (set up or reset); `since` may say so explicitly.
  schema: z.object({ steps: z.array(step).min(1), ordered: z.boolean().default(true), since: z.literal("exercise").optional() }),
  async run(check, ctx) {
    let history: CallRecord[];
    try {
      history = await ctx.calls();
    } catch {
      return fail(commonText(ctx.lang).historyUnavailable);
    }
    const t = text(ctx.lang);
    let from = 0;
    for (const [index, s] of check.steps.entries()) {
      const window = check.ordered ? history.slice(from) : history;
      const match = window.findIndex((call) => sameOperation(s, call) && !missOf(s, call));
      if (match >= 0) {
        if (check.ordered) from += match + 1;
        continue;
      }
      // Explain with the latest attempt at this step: the AWS error the learner saw, or the parameter that differs.
      // An attempt that sent the parameters the step asks for explains best (its outcome is what misses), so when two
      // steps share an operation (a PutImage to be refused, another to succeed) each is explained by its own call.
      // "After the previous step" means something only when the order is graded.
      const previous = check.ordered && index > 0 ? check.steps[index - 1].operation : undefined;
      const attempts = window.filter((call) => sameOperation(s, call));
      const aimed = attempts.filter((call) => !paramMissOf(s, call));
      const latest = aimed[aimed.length - 1] ?? attempts[attempts.length - 1];
      if (!latest) {
        const earlier = history.slice(0, from).some((call) => sameOperation(s, call) && !missOf(s, call));
        if (earlier && previous) return fail(t.outOfOrder(s.operation, previous));
        return fail(t.never(s.operation, previous ? t.after(previous) : ""));
      }
      const miss = missOf(s, latest)!;
      if (miss.kind === "param") return fail(t.params(s.operation, miss.path, miss.expected, miss.seen as string));
      // Refused, as the step expects, but with another error than the one it names.
      if (latest.error && s.outcome === "error" && s.errorCode) return fail(t.otherError(s.operation, s.errorCode, latest.error.code, latest.error.message));
      if (latest.error) return fail(t.failed(s.operation, latest.error.code, latest.error.message));
      return fail(t.succeeded(s.operation));
    }
    return pass();
  },
});
