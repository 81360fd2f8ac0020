/** Which backend answers ECS calls, from the environment (README: "Sandbox backends"). */
import type { SandboxBackend } from "./backend";
import { forwardBackend } from "./forward";

/** Where LocalStack listens when started from docker-compose.yml. */
export const DEFAULT_LOCALSTACK_ENDPOINT = "http://localhost:4566";

/**
 * DOJO_SANDBOX_BACKEND=embedded (the default) or localstack (with DOJO_LOCALSTACK_ENDPOINT). Answers undefined
 * for embedded: the gateway builds that one over its own store. A misspelt name fails at start-up rather than
 * silently running another backend.
 */
export function configuredBackend(env: Record<string, string | undefined>): SandboxBackend | undefined {
  const name = env.DOJO_SANDBOX_BACKEND || "embedded";
  if (name === "embedded") return undefined;
  if (name === "localstack") {
    const endpoint = env.DOJO_LOCALSTACK_ENDPOINT || DEFAULT_LOCALSTACK_ENDPOINT;
    if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
      throw new Error(`DOJO_LOCALSTACK_ENDPOINT must be an http(s) URL, not "${endpoint}"`);
    }
    return forwardBackend({ endpoint });
  }
  throw new Error(`DOJO_SANDBOX_BACKEND must be "embedded" or "localstack", not "${name}"`);
}
