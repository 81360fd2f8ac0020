/**
 * The sandbox's AWS endpoint for integration tests: the real app (server.ts as `npm start` runs it, its database),
 * with learners created the way a browser creates them (a visit gives a session, the lesson page shows the keys).
 */
import { startApp } from "../../support/app-server";
import { SiteClient } from "../../support/site-client";
import { signRequest } from "../../unit/sandbox/support/sign";

export interface LearnerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SandboxEndpoint {
  url: string;
  /** The keys of one of the learners named in `startEndpoint`'s options. */
  credentials(learner?: string): LearnerCredentials;
  /** Moves that learner's simulated clock forward, running every task lifecycle up to then. */
  advanceClock(seconds: number, learner?: string): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_LEARNER = "learner";

export interface EndpointOptions {
  /** Learners to create up front (each gets its own account). */
  learners?: string[];
}

// Simulated time barely moves with the wall clock, so tests move it explicitly with advanceClock.
const NEARLY_FROZEN_SPEED = "0.001";

export async function startEndpoint(options: EndpointOptions = {}): Promise<SandboxEndpoint> {
  const app = await startApp({ env: { DOJO_SANDBOX_SPEED: NEARLY_FROZEN_SPEED } });
  const names = options.learners ?? [DEFAULT_LEARNER, "second-learner"];
  const keys = new Map<string, LearnerCredentials>();
  for (const name of names) keys.set(name, await new SiteClient(app.url).credentials());
  const url = `${app.url}/aws`;

  function credentials(learner = DEFAULT_LEARNER): LearnerCredentials {
    const found = keys.get(learner);
    if (!found) throw new Error(`no learner "${learner}": name it in startEndpoint({ learners })`);
    return found;
  }

  async function advanceClock(seconds: number, learner = DEFAULT_LEARNER): Promise<void> {
    const request = await signRequest({
      host: new URL(url).host,
      path: "/aws",
      target: "DojoSandbox.AdvanceClock",
      body: JSON.stringify({ seconds }),
      ...credentials(learner),
    });
    // fetch sets Host itself (to the same value the signature covers).
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "host"));
    const response = await fetch(url, { method: "POST", headers, body: request.body });
    if (response.status !== 200) throw new Error(`AdvanceClock failed with HTTP ${response.status}: ${await response.text()}`);
  }

  return { url, credentials, advanceClock, stop: () => app.stop() };
}
