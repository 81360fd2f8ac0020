/** The Region learners' sandboxes live in unless DOJO_SANDBOX_REGION says otherwise (the lessons' prose uses it). */
export const DEFAULT_SANDBOX_REGION = "ap-northeast-1";

export function sandboxRegion(env: Record<string, string | undefined>): string {
  return env.DOJO_SANDBOX_REGION || DEFAULT_SANDBOX_REGION;
}
