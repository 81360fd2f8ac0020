/**
 * "Review missed and flagged" without I/O: from every answer the learner gave (practice, and sets once they are over),
 * each question's latest result; the questions of an exam whose latest answer was wrong, and those flagged.
 */
import type { BankQuestion, QuestionBank } from "./load";
import { domainIn, isCorrect, questionsFor } from "./practice";
import type { ExamId } from "./schema";

/** One answer, wherever it was given. */
export interface PastAnswer {
  questionId: string;
  choice: string[];
  answeredAt: Date;
}

/**
 * Per question, whether the latest answer was right. Marked again from the bank (as scoreSet does), so a question
 * whose key was corrected since reads as it now stands; answers to questions no longer in the bank are left out.
 */
export function latestResults(bank: QuestionBank, answers: readonly PastAnswer[]): Map<string, boolean> {
  const latest = new Map<string, PastAnswer>();
  for (const a of answers) {
    const seen = latest.get(a.questionId);
    if (!seen || seen.answeredAt.getTime() <= a.answeredAt.getTime()) latest.set(a.questionId, a);
  }
  const out = new Map<string, boolean>();
  for (const [id, a] of latest) {
    const q = bank.byId.get(id);
    if (q) out.set(id, isCorrect(q, a.choice));
  }
  return out;
}

export interface ReviewItem {
  question: BankQuestion;
  domain: string;
  missed: boolean;
  flagged: boolean;
}

/** The exam's questions last answered wrong or flagged, in domain order (bank order within a domain). */
export function missedAndFlagged(bank: QuestionBank, exam: ExamId, latest: ReadonlyMap<string, boolean>, flagged: ReadonlySet<string>): ReviewItem[] {
  return questionsFor(bank, exam)
    .map((question) => ({ question, domain: domainIn(question, exam), missed: latest.get(question.id) === false, flagged: flagged.has(question.id) }))
    .filter((item) => item.missed || item.flagged)
    .sort((a, b) => Number(a.domain) - Number(b.domain));
}
