/** How many failed checks open each hint, and when the solution is offered (after a pass or three failures). */
export const HINT_COUNT = 3;

export function hintsUnlocked(progress: { failedChecks: number; completed: boolean }): number {
  return progress.completed ? HINT_COUNT : Math.min(progress.failedChecks, HINT_COUNT);
}

export function solutionOffered(progress: { failedChecks: number; completed: boolean }): boolean {
  return progress.completed || progress.failedChecks >= HINT_COUNT;
}
