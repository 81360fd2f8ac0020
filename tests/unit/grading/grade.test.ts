import { describe, expect, it } from "vitest";
import { getLesson } from "@/lib/content/lessons";
import { grade } from "@/lib/grading/grade";
import { hintsUnlocked, solutionOffered } from "@/lib/grading/policy";
import { smallestFargateSize, taskSize } from "@/lib/grading/task-size";

const lesson = (await getLesson("L302"))!;
const withSize = (cpu: string, memory: string) =>
  lesson.solution.replace('"cpu": "512"', `"cpu": "${cpu}"`).replace('"memory": "1024"', `"memory": "${memory}"`);

describe("grading L302", () => {
  it("fails the starter on every check it is broken for, each with an expected/seen message", () => {
    const result = grade(lesson.starter, lesson.checks, "en");
    expect(result.passed).toBe(false);
    const failed = result.checks.filter((c) => !c.passed).map((c) => c.id);
    expect(failed).toEqual(["accepted-by-aws", "awsvpc", "size-as-strings", "valid-fargate-size", "right-sized"]);
    for (const check of result.checks) expect(check.detail).toMatch(/^Expected: .+Seen: /);
  });

  it("passes the solution", () => {
    const result = grade(lesson.solution, lesson.checks, "en");
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it("accepts the vCPU/GB spellings of the right size", () => {
    expect(grade(withSize("0.5 vCPU", "1 GB"), lesson.checks, "en").passed).toBe(true);
  });

  it("rejects a valid size that is too small and one that is larger than needed, saying which", () => {
    const small = grade(withSize("256", "1024"), lesson.checks, "en").checks.find((c) => c.id === "right-sized")!;
    expect(small.passed).toBe(false);
    expect(small.detail).toContain("too small");
    const big = grade(withSize("1024", "2048"), lesson.checks, "en").checks.find((c) => c.id === "right-sized")!;
    expect(big.passed).toBe(false);
    expect(big.detail).toContain("smaller valid pair");
  });

  it("speaks Japanese to Japanese learners", () => {
    const result = grade(lesson.starter, lesson.checks, "ja");
    expect(result.checks[0].title).toBe("AWS がタスク定義を受け付ける");
    expect(result.checks[0].detail).toMatch(/^期待: /);
  });

  it("grades text that is not JSON without throwing", () => {
    const result = grade('{"family": ', lesson.checks, "en");
    expect(result.passed).toBe(false);
    expect(result.checks.find((c) => c.id === "right-sized")!.passed).toBe(false);
  });
});

describe("task size helpers", () => {
  it.each([
    [369, 840, { cpu: 512, memory: 1024 }],
    [1536 * 1.2, 3584 * 1.2, { cpu: 2048, memory: 5120 }],
    [6 * 1024 * 1.2, 40 * 1024 * 1.2, { cpu: 8192, memory: 49152 }],
    [1, 1, { cpu: 256, memory: 512 }],
  ])("smallest Fargate size for %d units / %d MiB", (cpu, memory, expected) => {
    expect(smallestFargateSize(cpu, memory)).toEqual(expected);
  });

  it("refuses a demand no Fargate size meets", () => {
    expect(() => smallestFargateSize(16384, 200_000)).toThrow(/No Fargate size/);
  });

  it("reads only string task sizes", () => {
    expect(taskSize('{"cpu": "1 vCPU", "memory": "3GB"}')).toEqual({ cpu: 1024, memory: 3072 });
    expect(taskSize('{"cpu": 256, "memory": "512"}')).toBeUndefined();
    expect(taskSize("not json")).toBeUndefined();
  });
});

describe("hint and solution policy", () => {
  it("opens one hint per failed check, all when completed, and the solution after three failures", () => {
    expect(hintsUnlocked({ failedChecks: 0, completed: false })).toBe(0);
    expect(hintsUnlocked({ failedChecks: 2, completed: false })).toBe(2);
    expect(hintsUnlocked({ failedChecks: 9, completed: false })).toBe(3);
    expect(hintsUnlocked({ failedChecks: 0, completed: true })).toBe(3);
    expect(solutionOffered({ failedChecks: 2, completed: false })).toBe(false);
    expect(solutionOffered({ failedChecks: 3, completed: false })).toBe(true);
    expect(solutionOffered({ failedChecks: 0, completed: true })).toBe(true);
  });
});
