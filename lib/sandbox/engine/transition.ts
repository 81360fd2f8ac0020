/**
 * States are immutable: a change makes a new state that shares every untouched resource with the old one
 * (Immer). So a read never copies the whole sandbox, and a store finds what a write changed by identity alone.
 */
import { current, isDraft, produce, type Draft } from "immer";
import type { SandboxState } from "./state";

/**
 * Runs `step` on a draft of `state`. The returned state is `state` itself when nothing changed. The output is
 * detached: it shares nothing with the draft, so later changes in the same step cannot show in it.
 */
export function transition<T>(state: SandboxState, step: (draft: SandboxState) => T): { state: SandboxState; output: T } {
  let output!: T;
  const next = produce(state, (draft: Draft<SandboxState>) => {
    output = detach(step(draft as SandboxState));
  }) as SandboxState;
  return { state: next, output };
}

function detach<T>(value: T): T {
  if (isDraft(value)) return structuredClone(current(value as Draft<T>)) as T;
  if (Array.isArray(value)) return value.map(detach) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, detach(v)])) as T;
  }
  return value;
}
