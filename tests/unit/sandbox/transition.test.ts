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

// States are frozen throughout (transition.ts), so code that changes one in place fails at once.
describe("what a transition returns is frozen", () => {
  test("a state built by hand is frozen whole, even when nothing changed", () => {
    const state = createSandboxState("123456789012", "ap-northeast-1");
    state.tasks = { a: { taskArn: "a", containers: [{ name: "web" }] } };
    const { state: next } = transition(state, () => undefined);
    expect(Object.isFrozen(next)).toBe(true);
    expect(Object.isFrozen(next.tasks.a.containers![0])).toBe(true);
  });

  test("members added or changed are frozen down to their leaves, and writing to them fails", () => {
    const stored = withTasks();
    const { state: next } = transition(stored, (draft) => {
      draft.tasks.a.containers = [{ name: "web", networkBindings: [{ hostPort: 80 }] }];
      draft.tasks.c = { taskArn: "c", attachments: [{ details: [{ name: "subnetId", value: "s" }] }] };
      draft.timers.push({ atMs: 1, id: "c", step: "stopped" });
    });
    for (const value of [next, next.tasks, next.tasks.a, next.tasks.a.containers![0].networkBindings![0], next.tasks.c.attachments![0].details![0], next.timers, next.timers[0]]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(() => {
      next.tasks.c.lastStatus = "RUNNING";
    }).toThrow(TypeError);
    expect(next.tasks.b).toBe(stored.tasks.b);
  });
});
