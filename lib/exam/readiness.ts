/**
 * Readiness for one exam without I/O: per domain, how many of its questions the learner has seen, how many of those
 * they got right the last time (accuracy), and how many of the lessons that teach the domain's questions they have
 * done — weakest domain first, so the page can say where to spend the next hour.
 */
import type { QuestionBank } from "./load";
import { examDomains } from "./domain-titles";
import { domainWeight } from "./exam-guides";
import { domainIn, percent, questionsFor } from "./practice";
import type { ExamId } from "./schema";

export interface DomainReadiness {
  domain: string;
  /** Percent of the exam (exam guide). */
  weight: number;
  /** Questions of this domain in the bank. */
  questions: number;
  /** Of those, answered at least once. */
  seen: number;
  /** Of those seen, right at the latest answer. */
  correct: number;
  /** correct / seen in whole percent; null before any answer (unknown, not zero). */
  accuracy: number | null;
  /** Lessons the domain's questions link to, and how many the learner has completed. */
  lessons: number;
  lessonsDone: number;
}

/**
 * Weakest first: a domain never practised comes first (nothing shows the learner can do it), heavier domains before
 * lighter ones; then by accuracy, lowest first; at equal accuracy the one with fewer questions seen (less evidence),
 * then the heavier one.
 */
function weakerFirst(a: DomainReadiness, b: DomainReadiness): number {
  if ((a.accuracy === null) !== (b.accuracy === null)) return a.accuracy === null ? -1 : 1;
  return (a.accuracy ?? 0) - (b.accuracy ?? 0) || a.seen - b.seen || b.weight - a.weight || Number(a.domain) - Number(b.domain);
}

export function readiness(bank: QuestionBank, exam: ExamId, latest: ReadonlyMap<string, boolean>, completedLessons: ReadonlySet<string>): DomainReadiness[] {
  const pool = questionsFor(bank, exam);
  return examDomains(exam)
    .map((domain) => {
      const questions = pool.filter((q) => domainIn(q, exam) === domain);
      const seen = questions.filter((q) => latest.has(q.id));
      const correct = seen.filter((q) => latest.get(q.id) === true).length;
      const lessons = new Set(questions.flatMap((q) => q.sections.map((s) => s.lesson)));
      return {
        domain,
        weight: domainWeight(exam, domain),
        questions: questions.length,
        seen: seen.length,
        correct,
        accuracy: seen.length === 0 ? null : percent(correct, seen.length),
        lessons: lessons.size,
        lessonsDone: [...lessons].filter((l) => completedLessons.has(l)).length,
      };
    })
    .sort(weakerFirst);
}

export interface ReadinessTotals {
  questions: number;
  seen: number;
  correct: number;
  accuracy: number | null;
  lessons: number;
  lessonsDone: number;
}

/** The whole exam: lessons counted once even when they teach several domains. */
export function readinessTotals(bank: QuestionBank, exam: ExamId, latest: ReadonlyMap<string, boolean>, completedLessons: ReadonlySet<string>): ReadinessTotals {
  const pool = questionsFor(bank, exam);
  const seen = pool.filter((q) => latest.has(q.id));
  const correct = seen.filter((q) => latest.get(q.id) === true).length;
  const lessons = new Set(pool.flatMap((q) => q.sections.map((s) => s.lesson)));
  return {
    questions: pool.length,
    seen: seen.length,
    correct,
    accuracy: seen.length === 0 ? null : percent(correct, seen.length),
    lessons: lessons.size,
    lessonsDone: [...lessons].filter((l) => completedLessons.has(l)).length,
  };
}
