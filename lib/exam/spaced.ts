/**
 * Spaced repetition of missed questions with FSRS (ts-fsrs, the reference TypeScript implementation of the FSRS
 * scheduler). A card is made for a learner and a question the first time the learner answers it wrong; every later
 * answer rates it: wrong is Again, right is Good. The learner never rates by hand: on an exam question the answer
 * itself says whether it was recalled, and Hard/Easy would ask for a judgement the exam does not. No I/O: the store
 * (review-store.ts) keeps the cards.
 */
import { createEmptyCard, fsrs, Rating, type Card } from "ts-fsrs";

/** No fuzz: the same answers at the same times give the same due dates (tests and support can reason about them). */
const scheduler = fsrs({ enable_fuzz: false });

/** A card as stored, in the database's field names. */
export interface ReviewCard {
  questionId: string;
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
}

function toFsrs(card: ReviewCard): Card {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    // Deprecated in ts-fsrs 5 (computed from last_review); kept for the type.
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReview ?? undefined,
  };
}

function fromFsrs(questionId: string, card: Card): ReviewCard {
  return {
    questionId,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** The rating an answer gives: Again when wrong, Good when right. */
export function ratingFor(correct: boolean): Rating.Again | Rating.Good {
  return correct ? Rating.Good : Rating.Again;
}

/**
 * The card after an answer at `now`. A wrong answer to a question without a card makes one (rated Again); a right
 * answer to a question without a card makes none (there is nothing to repeat); any answer to a carded question rates it.
 */
export function rateAnswer(card: ReviewCard | null, questionId: string, correct: boolean, now: Date): ReviewCard | null {
  if (!card && correct) return null;
  const base = card ? toFsrs(card) : createEmptyCard(now);
  return fromFsrs(questionId, scheduler.next(base, now, ratingFor(correct)).card);
}

/** The cards due at `now`, most overdue first (then by question id, so the order is stable). */
export function dueCards<T extends Pick<ReviewCard, "questionId" | "due">>(cards: readonly T[], now: Date): T[] {
  return cards
    .filter((c) => c.due.getTime() <= now.getTime())
    .sort((a, b) => a.due.getTime() - b.due.getTime() || (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0));
}

/** When the next card falls due after `now` (null when none is waiting): "next review in 10 minutes". */
export function nextDue(cards: readonly Pick<ReviewCard, "due">[], now: Date): Date | null {
  const later = cards.map((c) => c.due.getTime()).filter((t) => t > now.getTime());
  return later.length === 0 ? null : new Date(Math.min(...later));
}
