/** Throttled attempts, counted by whoever wants them reported. */
export const throttled = { count: 0 };

/**
 * Sends until the call is admitted, waiting as AWS clients do after ThrottlingException (the sandbox's per-sandbox
 * CPU budget, lib/limits/rate-limits.ts): what a learner's CLI or SDK sees, retries included. A kept-alive connection
 * the server closed as the call went out ("socket hang up": on a busy machine a target can sit idle past Node's 5 s
 * keep-alive while the others take their turn) is retried too, as the SDK's own retries would.
 */
export async function admitted<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const { name, code } = error as Error & { code?: string };
      if (name !== "ThrottlingException" && code !== "ECONNRESET") throw error;
      if (attempt === 50) throw error;
      if (name === "ThrottlingException") throttled.count++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
    }
  }
}
