import type { NextResponse } from "next/server";
import { EXAM_IDS } from "@/lib/course/schema";
import { loadQuestionBank } from "@/lib/exam/bank";
import type { BankQuestion } from "@/lib/exam/load";
import { readChoice } from "@/lib/exam/practice";
import type { ExamId } from "@/lib/exam/schema";
import type { Locale } from "@/lib/i18n/locales";
import type { LearnerRef } from "@/lib/progress/learners";
import { actingLearner, localeOf, problem, readJsonObject } from "./http";

const TEXT = {
  en: {
    noExam: `The request needs "exam": one of ${EXAM_IDS.join(", ")}.`,
    noQuestion: "There is no such question (it may have been renamed). Reload the page.",
    notLetters: 'The request needs "choice": the letters of the options you chose, such as ["b"].',
    notAnOption: "The choice names a letter that is not one of this question's options.",
    wrongCount: (n: number) => (n === 1 ? "Choose exactly one option." : `Choose exactly ${n} options.`),
    noSet: "There is no such timed set for you. Start a new one from the exam's page.",
    notInSet: "That question is not part of this set. Reload the page.",
    over: "This set is over: its time ran out or you finished it. Reload the page to see your result.",
    notFlag: 'The request needs "flagged": true to flag the question, false to remove the flag.',
  },
  ja: {
    noExam: `リクエストには "exam" (${EXAM_IDS.join("、")} のいずれか) が必要です。`,
    noQuestion: "その問題は見つかりません (名前が変わった可能性があります)。ページを再読み込みしてください。",
    notLetters: 'リクエストには "choice" (["b"] のような、選んだ選択肢の記号) が必要です。',
    notAnOption: "この問題の選択肢にない記号が含まれています。",
    wrongCount: (n: number) => `選択肢をちょうど ${n} つ選んでください。`,
    noSet: "該当する時間制限付きセットがありません。試験のページから新しいセットを始めてください。",
    notInSet: "その問題はこのセットに含まれていません。ページを再読み込みしてください。",
    over: "このセットは終了しています (時間切れ、または終了済み)。ページを再読み込みすると結果が表示されます。",
    notFlag: 'リクエストには "flagged" (マークを付けるときは true、外すときは false) が必要です。',
  },
};

export const examText = (locale: Locale) => TEXT[locale];

export function examOf(value: unknown): ExamId | undefined {
  return (EXAM_IDS as readonly unknown[]).includes(value) ? (value as ExamId) : undefined;
}

export interface AnswerRequest {
  locale: Locale;
  learner: LearnerRef;
  body: Record<string, unknown>;
  question: BankQuestion;
  choice: string[];
}

/** The common front half of the answer routes: locale, body, the question and a well-formed choice, the learner. */
export async function answerRequest(request: Request): Promise<{ ok: AnswerRequest } | { response: NextResponse }> {
  const locale = localeOf(request);
  const t = TEXT[locale];
  const parsed = await readJsonObject(request, locale);
  if ("response" in parsed) return parsed;
  const question = typeof parsed.body.questionId === "string" ? loadQuestionBank().byId.get(parsed.body.questionId) : undefined;
  if (!question) return { response: problem(404, t.noQuestion) };
  const reading = readChoice(question, parsed.body.choice);
  if ("error" in reading) {
    const message = reading.error === "wrong-count" ? t.wrongCount(question.choose ?? 1) : reading.error === "not-an-option" ? t.notAnOption : t.notLetters;
    return { response: problem(400, message) };
  }
  const acting = await actingLearner(locale);
  if ("response" in acting) return acting;
  return { ok: { locale, learner: acting.learner, body: parsed.body, question, choice: reading.choice } };
}
