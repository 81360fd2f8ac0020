/** A mistake script as the steps it changes in the solution's commands.sh. */
import { describe, expect, test } from "vitest";
import { mistakeScript, PATCH_HEADER, stepsOf } from "@/lib/course/command-steps";

const SOLUTION = `set -e
ACCOUNT=1
# step: roles
aws iam create-role --role-name a
aws iam put-role-policy --role-name a
# step: register
aws ecs register-task-definition --cli-input-json file://td.json
# step: run
aws ecs run-task --task-definition td`;

describe("mistakeScript", () => {
  test("a script without the header replaces the solution's whole, as before", () => {
    expect(mistakeScript(SOLUTION, "true")).toBe("true");
  });

  test("replace, drop, before and after, in the solution's order; the lines before the first step stay", () => {
    const patch = [PATCH_HEADER, "# why: the policy is attached to the wrong role", "# replace step: roles", "aws iam create-role --role-name b", "# drop step: run", "# after step: register", "echo registered", "# before step: roles", "echo first"].join("\n");
    expect(mistakeScript(SOLUTION, patch).split("\n")).toEqual([
      "set -e",
      "ACCOUNT=1",
      "echo first",
      "aws iam create-role --role-name b",
      "# step: register",
      "aws ecs register-task-definition --cli-input-json file://td.json",
      "echo registered",
    ]);
  });

  test("a step the solution does not name, lines before any directive, a drop with lines: each refused with the reason", () => {
    expect(() => mistakeScript(SOLUTION, `${PATCH_HEADER}\n# replace step: deploy\ntrue`)).toThrow(/step deploy is not one of _solution\/commands.sh's \(roles, register, run\)/);
    expect(() => mistakeScript(SOLUTION, `${PATCH_HEADER}\naws ecs list-tasks`)).toThrow(/comes before any/);
    expect(() => mistakeScript(SOLUTION, `${PATCH_HEADER}\n# drop step: run\ntrue`)).toThrow(/takes no lines/);
    expect(() => mistakeScript(undefined, `${PATCH_HEADER}\n# drop step: run`)).toThrow(/needs a _solution\/commands.sh/);
  });

  test("a step named twice in the solution is an error", () => {
    expect(() => stepsOf("# step: a\n# step: a")).toThrow(/named twice/);
  });
});
