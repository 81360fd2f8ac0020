const TABBABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * Moves keyboard focus to the first control after `element` in the page's Tab order, as Tab would from its last
 * control. The editor uses it for Esc: inside Monaco, Tab indents, so Esc is the way out.
 */
export function focusNextAfter(element: HTMLElement): void {
  const next = [...document.querySelectorAll<HTMLElement>(TABBABLE)].find(
    (candidate) =>
      !element.contains(candidate) &&
      element.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING &&
      candidate.tabIndex >= 0 &&
      !candidate.matches(":disabled") &&
      candidate.getClientRects().length > 0,
  );
  if (next) {
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: "nearest" });
  } else (document.activeElement as HTMLElement | null)?.blur();
}

/** Scrolls a result the learner just asked for (check results, a run's outcome) into view, clear of the action bar. */
export function revealResult(element: Element | null | undefined, block: ScrollLogicalPosition = "start"): void {
  element?.scrollIntoView({ block, inline: "nearest" });
}
