/**
 * `aws <service> wait <waiter>`: botocore's Waiter — poll the operation every `delay` seconds up to `maxAttempts`
 * times, match each answer (or service error) against the model's acceptors in order, and stop at success or
 * failure with botocore's explanation. Cancellable: the injected sleep ends when the signal aborts.
 */
import * as jmespath from "./jmespath";
import { InterruptedError, type CallOutcome } from "./call";
import type { Acceptor, Waiter } from "./model";
import { plain, pyStr } from "./python-values";

export class WaiterFailure extends Error {}

function explanation(acceptor: Acceptor): string {
  const expected = pyStr(acceptor.expected);
  switch (acceptor.matcher) {
    case "path":
      return `For expression "${acceptor.argument}" we matched expected path: "${expected}"`;
    case "pathAll":
      return `For expression "${acceptor.argument}" all members matched excepted path: "${expected}"`;
    case "pathAny":
      return `For expression "${acceptor.argument}" we matched expected path: "${expected}" at least once`;
    case "status":
      return `Matched expected HTTP status code: ${expected}`;
    case "error":
      return `Matched expected service error code: ${expected}`;
    default:
      return `No explanation for unknown waiter type: "${String((acceptor as Acceptor).matcher)}"`;
  }
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function matches(acceptor: Acceptor, outcome: CallOutcome): boolean {
  if (acceptor.matcher === "error") return !outcome.ok && outcome.error.code === acceptor.expected;
  if (acceptor.matcher === "status") return (outcome.ok ? 200 : outcome.error.status) === acceptor.expected;
  if (!outcome.ok) return false;
  let result: unknown;
  try {
    result = jmespath.search(plain(outcome.output), acceptor.argument!);
  } catch (error) {
    // An answer the acceptor's expression cannot read (a function given the wrong type): botocore raises, exit 255.
    throw new WaiterFailure((error as Error).message);
  }
  if (acceptor.matcher === "path") return equal(result, acceptor.expected);
  if (!Array.isArray(result) || result.length === 0) return false;
  if (acceptor.matcher === "pathAll") return result.every((element) => equal(element, acceptor.expected));
  return result.some((element) => equal(element, acceptor.expected));
}

export async function runWaiter(name: string, waiter: Waiter, poll: () => Promise<CallOutcome>, sleep: (ms: number, signal?: AbortSignal) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let state: Acceptor["state"] | "waiting" = "waiting";
  let lastMatched: Acceptor | undefined;
  let acceptor: Acceptor | undefined;
  for (let attempts = 1; ; attempts++) {
    if (signal?.aborted) throw new InterruptedError();
    const outcome = await poll();
    let matched = false;
    for (acceptor of waiter.acceptors) {
      if (matches(acceptor, outcome)) {
        lastMatched = acceptor;
        state = acceptor.state;
        matched = true;
        break;
      }
    }
    if (!matched && !outcome.ok) {
      throw new WaiterFailure(`Waiter ${name} failed: An error occurred (${outcome.error.code || "Unknown"}): ${outcome.error.message || "Unknown"}`);
    }
    if (state === "success") return;
    // botocore names the acceptor its loop stopped at (the last one when none matched), as here.
    if (state === "failure") throw new WaiterFailure(`Waiter ${name} failed: Waiter encountered a terminal failure state: ${explanation(acceptor!)}`);
    if (attempts >= waiter.maxAttempts) {
      const reason = lastMatched === undefined ? "Max attempts exceeded" : `Max attempts exceeded. Previously accepted state: ${explanation(acceptor!)}`;
      throw new WaiterFailure(`Waiter ${name} failed: ${reason}`);
    }
    await sleep(waiter.delay * 1000, signal);
  }
}
