/** A quiz question: the chosen options are exactly the correct ones; every chosen option's explanation is shown. */
import { z } from "zod";
import { catalog, defineCheck, fail, pass } from "../define";

const en = {
  noQuiz: "Cannot check: this lesson has no quiz file.",
  noQuestion: (id: string) => `Cannot check: the quiz has no question ${id}.`,
  unanswered: "Expected: an answer to this question. Seen: no option chosen.",
  unknownOption: (ids: string) => `Expected: options of this question. Seen: ${ids}, which it does not have.`,
  single: (count: number) => `Expected: one option (this question has one answer). Seen: ${count} chosen.`,
  wrong: (explanations: string) => `Not quite. ${explanations}`,
  missing: (count: number) => `Expected: every correct option. Seen: ${count} more to choose.`,
  right: (explanations: string) => explanations,
};
const ja: typeof en = {
  noQuiz: "チェックできません: このレッスンにはクイズのファイルがありません。",
  noQuestion: (id: string) => `チェックできません: クイズに問題 ${id} がありません。`,
  unanswered: "期待: この問題への解答。実際: 選択肢が選ばれていません。",
  unknownOption: (ids: string) => `期待: この問題の選択肢。実際: ${ids} (この問題にない選択肢) が選ばれています。`,
  single: (count: number) => `期待: 選択肢を 1 つ選ぶこと (この問題の正解は 1 つです)。実際: ${count} 個選ばれています。`,
  wrong: (explanations: string) => `惜しい。${explanations}`,
  missing: (count: number) => `期待: 正しい選択肢をすべて選ぶこと。実際: あと ${count} 個あります。`,
  right: (explanations: string) => explanations,
};
const text = catalog(en, ja);

export const quiz = defineCheck({
  kind: "quiz",
  reads: "quiz",
  schema: z.object({ question: z.string() }),
  run(check, ctx) {
    const t = text(ctx.lang);
    if (!ctx.quiz) return fail(t.noQuiz);
    const question = ctx.quiz.questions.find((q) => q.id === check.question);
    if (!question) return fail(t.noQuestion(check.question));
    const raw = ctx.answers[question.id];
    const chosen = Array.isArray(raw) ? [...new Set(raw.filter((id) => typeof id === "string"))] : [];
    if (chosen.length === 0) return fail(t.unanswered);
    const unknown = chosen.filter((id) => !question.options.some((o) => o.id === id));
    if (unknown.length) return fail(t.unknownOption(unknown.slice(0, 5).join(", ")));
    if (!question.multiple && chosen.length > 1) return fail(t.single(chosen.length));
    const explain = question.options
      .filter((o) => chosen.includes(o.id))
      .map((o) => `${o.text[ctx.lang]} — ${o.explanation[ctx.lang]}`)
      .join(" ");
    const wrong = question.options.filter((o) => chosen.includes(o.id) && !o.correct);
    if (wrong.length) return fail(t.wrong(explain));
    const missing = question.options.filter((o) => o.correct && !chosen.includes(o.id)).length;
    return missing ? fail(`${t.missing(missing)} ${explain}`) : pass(t.right(explain));
  },
});
