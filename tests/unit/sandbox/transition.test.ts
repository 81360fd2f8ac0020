import { isDraft } from "mutative";
import { describe, expect, test } from "vitest";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine";
import { peek, reader, transition } from "@/lib/sandbox/engine/transition";

/** A state with two tasks, as far as these tests need one. */
function withTasks(): SandboxState {
  const state = createSandboxState("123456789012", "ap-northeast-1");
  state.tasks = { a: { taskArn: "a", lastStatus: "RUNNING" }, b: { taskArn: "b", lastStatus: "PENDING" } };
  return transition(state, () => undefined).state;
}

// reader() reads Mutative's draft bookkeeping directly (transition.ts): these pin what it relies on.
describe("reading a draft without drafting it", () => {
  test("untouched members come back as the stored objects, not drafts", () => {
    const stored = withTasks();
    transition(stored, (draft) => {
      const task = reader(draft.tasks);
      expect(task("a")).toBe(stored.tasks.a);
      expect(isDraft(task("a"))).toBe(false);
    });
  });

  test("changes made in the transition show, including ones made after the reader was created", () => {
    transition(withTasks(), (draft) => {
      const task = reader(draft.tasks);
      draft.tasks.a.lastStatus = "STOPPED";
      expect(task("a")?.lastStatus).toBe("STOPPED");
      draft.tasks.c = { taskArn: "c" };
      delete draft.tasks.b;
      expect(task("c")?.taskArn).toBe("c");
      expect(task("b")).toBeUndefined();
    });
  });

  test("only own members are found, and plain records read as they are", () => {
    const stored = withTasks();
    expect(peek(stored.tasks, "a")).toBe(stored.tasks.a);
    expect(peek(stored.tasks, "constructor")).toBeUndefined();
    transition(stored, (draft) => expect(peek(draft.tasks, "toString")).toBeUndefined());
  });
});
