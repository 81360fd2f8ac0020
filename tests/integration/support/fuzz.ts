/**
 * What the endpoint fuzzes share (sandbox-robustness for ECS, services-robustness for the other services): a seeded
 * generator, so every run sends the same requests and a failure names one that can be sent again; signed headers as
 * fetch sends them; and a pool of workers that sends every request and collects what was answered wrongly.
 */
import { signRequest, type SignInput } from "../../unit/sandbox/support/sign";

/** Mulberry32: a small seeded generator. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    text: (length: number) => Array.from({ length }, () => String.fromCharCode(32 + Math.floor(next() * 95))).join(""),
  };
}

export type Random = ReturnType<typeof seeded>;

/** A request signed with SigV4, its headers as fetch takes them (fetch sets Host itself, to the value signed). */
export async function signedHeaders(input: SignInput): Promise<Record<string, string>> {
  const request = await signRequest(input);
  return Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "host"));
}

export interface FuzzRequest {
  kind: string;
  headers: Record<string, string>;
  body: string;
  /** A query string for the request target (signed with it), as a GET-style query API call carries its parameters. */
  query?: string;
}

export interface FuzzAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** No answer within this long is a hang: the fuzz reports it rather than waiting for the test's timeout. */
const ANSWER_WITHIN_MS = 20_000;

/**
 * Sends requests 0…count-1 (built by `make`, on demand, so only the ones in flight are held) from `concurrency`
 * workers, and hands each answer to `judge`, which says what is wrong with it, if anything. Returns those findings,
 * each prefixed with the request's number and kind, and how many requests of each kind were sent.
 */
export async function sendAll<R extends FuzzRequest>(options: {
  url: string;
  count: number;
  concurrency: number;
  make: (n: number) => Promise<R> | R;
  judge: (request: R, answer: FuzzAnswer) => string | undefined;
}): Promise<{ wrong: string[]; kinds: Map<string, number> }> {
  const wrong: string[] = [];
  const kinds = new Map<string, number>();
  let next = 0;
  async function worker() {
    while (next < options.count) {
      const n = next++;
      const request = await options.make(n);
      kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
      let answer: FuzzAnswer;
      try {
        const response = await fetch(request.query === undefined ? options.url : `${options.url}?${request.query}`, {
          method: "POST",
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
        });
        answer = { status: response.status, headers: response.headers, text: await response.text() };
      } catch (error) {
        wrong.push(`#${n} (${request.kind}): no answer (${String((error as Error).cause ?? error)})`);
        continue;
      }
      const finding = options.judge(request, answer);
      if (finding !== undefined) wrong.push(`#${n} (${request.kind}): ${finding}`);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { wrong, kinds };
}
