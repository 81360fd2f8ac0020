/**
 * What each cell of the instructor's grid says about one participant in one lesson. Defined here only; the grid page
 * explains it in the same words (lib/i18n/workshop-ui.ts `stuckExplained`).
 *
 * - not started: no draft saved and no Check pressed;
 * - working: a draft saved or a Check pressed, not yet passed;
 * - stuck: working, and either STUCK_FAILED_CHECKS Checks of the lesson failed without a pass (the point where the lesson
 *   itself gives up on hints and offers the solution, lib/course/grading/policy.ts), or nothing was saved or checked
 *   for STUCK_IDLE_MINUTES while the participant was working on it;
 * - done: every check passed once (the lesson is completed).
 */
export const STUCK_FAILED_CHECKS = 3;
export const STUCK_IDLE_MINUTES = 10;

export type CellStatus = "not-started" | "working" | "stuck" | "done";

export interface CellFacts {
  completed: boolean;
  /** Failed Checks since the lesson was started (LessonProgress.failedChecks: it only grows until the lesson passes). */
  failedChecks: number;
  /** The last save or Check of the lesson, if any. */
  lastActivity: Date | null;
}

export function cellStatus(facts: CellFacts, now: Date): CellStatus {
  if (facts.completed) return "done";
  if (!facts.lastActivity && facts.failedChecks === 0) return "not-started";
  if (facts.failedChecks >= STUCK_FAILED_CHECKS) return "stuck";
  if (facts.lastActivity && now.getTime() - facts.lastActivity.getTime() >= STUCK_IDLE_MINUTES * 60_000) return "stuck";
  return "working";
}
