/**
 * The service scheduler's numeric rules in one place, so a choice made on thin evidence is easy to change.
 */

/**
 * Deployment circuit breaker threshold: ceil(0.5 × desiredCount) clamped to [3, 200] ([AWS-doc], API reference
 * ServiceDeploymentCircuitBreaker; the minimum was 10 before January 2024).
 */
export const CIRCUIT_BREAKER = { share: 0.5, min: 3, max: 200 } as const;

export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(CIRCUIT_BREAKER.max, Math.max(CIRCUIT_BREAKER.min, Math.ceil(CIRCUIT_BREAKER.share * desiredCount)));
}

/**
 * Start throttling after tasks fail to reach RUNNING: AWS says the delay "grows incrementally up to 15 minutes"
 * without publishing the curve. [inferred]: the first retry is immediate, then 10 s doubling per consecutive
 * failed start, capped at 15 minutes; reset by a task reaching RUNNING or a new deployment.
 */
export const START_BACKOFF = { firstDelayMs: 10_000, maxDelayMs: 900_000 } as const;

export function startBackoffMs(consecutiveFailedStarts: number): number {
  if (consecutiveFailedStarts <= 1) return 0;
  return Math.min(START_BACKOFF.maxDelayMs, START_BACKOFF.firstDelayMs * 2 ** (consecutiveFailedStarts - 2));
}

/**
 * [inferred] How often a service that could not launch a task (a role ECS cannot assume) tries again. Another service's
 * change (IAM's) writes nothing to ECS's state, so the scheduler only sees the fix when it looks again.
 */
export const LAUNCH_RETRY_MS = 60_000;

/** [inferred] After this many failed starts in a row the service reports "is unable to consistently start tasks successfully." */
export const START_IMPAIRED_AFTER = 3;

/** Deployment configuration defaults ([AWS-doc]). */
export const DEPLOYMENT_DEFAULTS = {
  REPLICA: { minimumHealthyPercent: 100, maximumPercent: 200 },
  DAEMON: { minimumHealthyPercent: 0, maximumPercent: 100 },
} as const;

/** ListServices returns 10 per page by default, unlike the other List operations (100). */
export const LIST_SERVICES_PAGE_SIZE = 10;

/** A service that stays steady reports it again this often ([observed]: consecutive events ~21,600 s apart). */
export const STEADY_STATE_REPEAT_MS = 6 * 3_600_000;
