/** Throttled attempts, counted by whoever wants them reported. */
export const throttled = { count: 0 };

/**
 * Sends until the call is admitted, waiting as AWS clients do after ThrottlingException (the sandbox's per-sandbox
 * CPU budget, lib/limits/rate-limits.ts): what a learner's CLI or SDK sees, retries included.
 */
export async function admitted<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if ((error as Error).name !== "ThrottlingException") throw error;
      if (attempt === 50) throw error;
      throttled.count++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
    }
  }
}
