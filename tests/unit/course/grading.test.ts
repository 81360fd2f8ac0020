import { describe, expect, it } from "vitest";
import { readCourse, type Lesson } from "@/lib/course/load";
import { gradeLesson, type Submission } from "@/lib/course/grading/grade";
import { hintsUnlocked, solutionOffered } from "@/lib/course/grading/policy";
import { smallestFargateSize, taskSize } from "@/lib/course/grading/checks/fargate-size";
import { sectionsOf } from "@/lib/course/grading/checks/answer-sheet";

const course = readCourse();
const l302 = course.lessons.get("L302")!;
const solutionOf = (lesson: Lesson) => Object.fromEntries(lesson.files.map((f) => [f.name, f.solution]));
const starterOf = (lesson: Lesson) => Object.fromEntries(lesson.files.map((f) => [f.name, f.starter]));
const grade = (lesson: Lesson, submission: Submission, lang: "en" | "ja" = "en") => gradeLesson(lesson, submission, { lang });
const withSize = (cpu: string, memory: string, file = "orders-api.json") => {
  const solution = solutionOf(l302);
  const size = JSON.parse(solution[file]) as { cpu: string; memory: string };
  return { ...solution, [file]: solution[file].replace(`"cpu": "${size.cpu}"`, `"cpu": "${cpu}"`).replace(`"memory": "${size.memory}"`, `"memory": "${memory}"`) };
};

// L302's last check (task-running) reads the sandbox; lessons verify proves it. These tests grade the files alone.
const fileChecks = (result: Awaited<ReturnType<typeof grade>>) => result.checks.filter((c) => c.id !== "task-running");
const filesPass = (result: Awaited<ReturnType<typeof grade>>) => fileChecks(result).every((c) => c.passed);

describe("grading L302 (files only)", () => {
  it("fails the starter on every check it is broken for, each with an expected/seen message", async () => {
    const result = await grade(l302, { files: starterOf(l302) });
    const failed = fileChecks(result).filter((c) => !c.passed);
    expect(failed.map((c) => c.id)).toEqual([
      "accepted-by-aws",
      "awsvpc",
      "size-as-strings",
      "valid-fargate-size",
      "right-sized",
      "invoice-worker-right-sized",
      "batch-export-right-sized",
    ]);
    for (const check of failed) expect(check.detail).toMatch(/Expected.+Seen: /);
  });

  it("passes the solution, and the vCPU/GB spellings of the right size", async () => {
    expect(filesPass(await grade(l302, { files: solutionOf(l302) }))).toBe(true);
    expect(filesPass(await grade(l302, { files: withSize("0.5 vCPU", "1 GB") }))).toBe(true);
  });

  it("rejects a valid size that is too small and one larger than needed, saying which", async () => {
    const small = (await grade(l302, { files: withSize("256", "1024") })).checks.find((c) => c.id === "right-sized")!;
    expect(small.detail).toContain("too small");
    const big = (await grade(l302, { files: withSize("1024", "2048") })).checks.find((c) => c.id === "right-sized")!;
    expect(big.detail).toContain("smaller valid pair");
  });

  it("practises the edge cases: no memory in the CPU row is big enough, and the 8 vCPU row's 4 GB steps", async () => {
    const stayed = (await grade(l302, { files: withSize("1024", "8192", "invoice-worker.json") })).checks.find((c) => c.id === "invoice-worker-right-sized")!;
    expect(stayed.detail).toContain("1024 units / 8192 MiB — too small");
    const oneGbStep = await grade(l302, { files: withSize("8192", "33792", "batch-export.json") });
    expect(oneGbStep.checks.find((c) => c.id === "batch-export-valid-size")!.detail).toContain("No Fargate configuration exists for given values: 8192 CPU, 33792 memory");
    expect(oneGbStep.checks.find((c) => c.id === "batch-export-right-sized")!.detail).toContain("33792 MiB is not in the 8192 row");
    expect(filesPass(await grade(l302, { files: withSize("8 vCPU", "36 GB", "batch-export.json") }))).toBe(true);
  });

  it("never prints the targets the learner computes (answer: true): it says which target is missed, and when a row cannot cover the memory", async () => {
    const sized = ["right-sized", "invoice-worker-right-sized", "batch-export-right-sized"];
    const targets = /\b(369|840|861|8602|6144|33178)\b/;
    for (const lang of ["en", "ja"] as const) {
      const starter = (await grade(l302, { files: starterOf(l302) }, lang)).checks.filter((c) => sized.includes(c.id));
      expect(starter).toHaveLength(3);
      for (const check of starter) expect(`${check.detail} ${check.hint}`).not.toMatch(targets);
    }
    const detail = async (cpu: string, memory: string, file: string, id: string, lang: "en" | "ja" = "en") =>
      (await grade(l302, { files: withSize(cpu, memory, file) }, lang)).checks.find((c) => c.id === id)!.detail;
    // The starter's 256/512 misses both targets; no row note, since the CPU is short as well.
    expect(await detail("256", "512", "invoice-worker.json", "invoice-worker-right-sized")).toBe(
      "Expected: a size covering the CPU and memory targets you computed. Seen: 256 units / 512 MiB — too small: below both targets.",
    );
    expect(await detail("256", "512", "invoice-worker.json", "invoice-worker-right-sized", "ja")).toBe(
      "期待: 計算した CPU とメモリの目標値をまかなえるサイズ。実際: 256 ユニット / 512 MiB — 小さすぎます。どちらの目標値にも届きません。",
    );
    expect(await detail("256", "1024", "orders-api.json", "right-sized")).toContain("too small: below the CPU target.");
    expect(await detail("8192", "28672", "batch-export.json", "batch-export-right-sized")).toMatch(/too small: below the memory target\.$/);
    // The 1024 row covers the CPU target but ends below the memory target: only then is the row named.
    expect(await detail("1024", "8192", "invoice-worker.json", "invoice-worker-right-sized")).toBe(
      "Expected: a size covering the CPU and memory targets you computed. Seen: 1024 units / 8192 MiB — too small: below the memory target. No memory value of the 1024 row covers your memory target: move to the next row.",
    );
    expect(await detail("1024", "8192", "invoice-worker.json", "invoice-worker-right-sized", "ja")).toBe(
      "期待: 計算した CPU とメモリの目標値をまかなえるサイズ。実際: 1024 ユニット / 8192 MiB — 小さすぎます。メモリの目標値に届きません。1024 の行には、メモリの目標値をまかなえる値がありません。次の行に移ってください。",
    );
    expect(await detail("1024", "2048", "orders-api.json", "right-sized")).toBe(
      "Expected: the smallest valid Fargate size covering your targets. Seen: 1024 units / 2048 MiB — it fits, but a smaller valid pair also covers your targets, and you pay for what you reserve.",
    );
    expect(await detail("1024", "2048", "orders-api.json", "right-sized", "ja")).not.toMatch(targets);
  });

  it("prints the minimum it expects when the targets are not the learner's answer (answer: false)", async () => {
    const plain = { ...l302, checks: l302.checks.map((c) => (c.kind === "fargate-size" ? { ...c, answer: false } : c)) };
    const check = async (cpu: string, memory: string, file: string, id: string) =>
      (await grade(plain, { files: withSize(cpu, memory, file) })).checks.find((c) => c.id === id)!.detail;
    expect(await check("256", "1024", "orders-api.json", "right-sized")).toBe(
      "Expected: at least 369 CPU units and 840 MiB. Seen: 256 units / 1024 MiB — too small, the task would be throttled or killed for memory.",
    );
    expect(await check("1024", "8192", "invoice-worker.json", "invoice-worker-right-sized")).toContain(
      "— too small, the task would be throttled or killed for memory. No memory value of the 1024 row covers your memory target: move to the next row.",
    );
    expect(await check("1024", "2048", "orders-api.json", "right-sized")).toContain("with at least 369 units and 840 MiB");
  });

  it("calls a pair Fargate does not offer neither too small nor larger than needed", async () => {
    const offRow = (await grade(l302, { files: withSize("512", "1500") })).checks.find((c) => c.id === "right-sized")!;
    expect(offRow.detail).toBe("Expected: a cpu/memory pair from the Fargate table. Seen: 512 units / 1500 MiB — not a Fargate size: 1500 MiB is not in the 512 row.");
    const noRow = (await grade(l302, { files: withSize("768", "2048") }, "ja")).checks.find((c) => c.id === "right-sized")!;
    expect(noRow.detail).toContain("768 はどの CPU の行にも当たりません");
  });

  it("speaks Japanese to Japanese learners", async () => {
    const result = await grade(l302, { files: starterOf(l302) }, "ja");
    expect(result.checks[0].title).toBe(l302.checks[0].title.ja);
    expect(result.checks[0].title).toMatch(/[ぁ-んァ-ン]/);
    expect(result.checks[0].detail).toMatch(/^期待: /);
  });

  it("cannot run on a file that does not parse, and then nothing passes (deleting the starter's last } used to turn three checks green)", async () => {
    for (const text of [starterOf(l302)["orders-api.json"].replace(/}\s*$/, ""), solutionOf(l302)["orders-api.json"].replace(/}\s*$/, "")]) {
      const result = await grade(l302, { files: { "orders-api.json": text } });
      expect(result.checks.filter((c) => c.passed)).toEqual([]);
    }
  });

  it("fails every check of a missing file with a message saying it was not submitted", async () => {
    const result = await grade(l302, { files: {} });
    expect(fileChecks(result).every((c) => !c.passed && /not submitted/.test(c.detail!))).toBe(true);
  });
});

describe("checks that read the sandbox or the call history cannot pass without them", () => {
  const sandboxLessons = [...course.lessons.values()].filter((l) => l.checks.some((c) => ["service-steady", "calls", "cluster", "task-definition"].includes(c.kind)));
  it.each(sandboxLessons.map((l) => [l.id, l] as const))("%s with its solution files but no sandbox", async (_id, lesson) => {
    const result = await grade(lesson, { files: solutionOf(lesson) });
    const sandboxChecks = result.checks.filter((c, i) => ["service-steady", "calls", "cluster", "task-definition", "service", "deployment", "task-running", "task-stopped", "service-events"].includes(lesson.checks[i].kind));
    expect(sandboxChecks.length).toBeGreaterThan(0);
    for (const check of sandboxChecks) {
      expect(check.passed).toBe(false);
      expect(check.detail).toMatch(/^Cannot check/);
    }
  });
});

describe("quiz checks", () => {
  const quizLessons = [...course.lessons.values()].filter((l) => l.quiz);
  it.each(quizLessons.map((l) => [l.id, l] as const))("%s: right answers pass with an explanation; wrong, partial, unknown and empty answers fail", async (_id, lesson) => {
    const quiz = lesson.quiz!;
    const right = Object.fromEntries(quiz.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
    const quizResults = async (answers: Record<string, string[]>) =>
      (await grade(lesson, { files: solutionOf(lesson), answers })).checks.filter((c) => c.question);
    for (const r of await quizResults(right)) expect(r).toMatchObject({ passed: true, detail: expect.stringMatching(/\S/) });
    const wrong = Object.fromEntries(quiz.questions.map((q) => [q.id, [q.options.find((o) => !o.correct)!.id]]));
    for (const r of await quizResults(wrong)) expect(r.passed).toBe(false);
    for (const r of await quizResults({})) expect(r.detail).toMatch(/no option chosen/);
    const unknown = Object.fromEntries(quiz.questions.map((q) => [q.id, ["zz-not-an-option"]]));
    for (const r of await quizResults(unknown)) expect(r.detail).toMatch(/does not have/);
  });
});

describe("answer sheets", () => {
  it("reads sections by heading, without the starter's HTML comments", () => {
    const sections = sectionsOf("# Title\n<!-- write here -->\n## Root cause\nOOM killed\n## 根本原因\nメモリ\n");
    expect(sections.get("root cause")).toBe("OOM killed");
    expect(sections.get("根本原因")).toBe("メモリ");
  });
});

describe("fuzz: malformed submissions get clear failures, never a crash or a pass", () => {
  const lessons = [...course.lessons.values()];
  const junk = ["", "{", "null", "[]", '"\\ud800"', "{\"a\":".repeat(5000), "# only a heading", "\u0000\u0001", "[profile x\nregion", "🙂".repeat(1000)];
  it.each(lessons.map((l) => [l.id, l] as const))("%s", async (_id, lesson) => {
    for (const text of junk) {
      const files = Object.fromEntries(lesson.files.map((f) => [f.name, text]));
      const answers = { q1: [text], [text.slice(0, 10)]: ["a"] };
      const result = await grade(lesson, { files, answers });
      expect(result.passed).toBe(false);
      for (const check of result.checks) if (!check.passed) expect(check.detail).toMatch(/\S/);
    }
  });
});

describe("task size helpers", () => {
  it.each([
    [369, 840, { cpu: 512, memory: 1024 }],
    [1536 * 1.2, 3584 * 1.2, { cpu: 2048, memory: 5120 }],
    [6 * 1024 * 1.2, 40 * 1024 * 1.2, { cpu: 8192, memory: 49152 }],
  ])("smallest Fargate size for %d units / %d MiB", (cpu, memory, expected) => {
    expect(smallestFargateSize(cpu, memory)).toEqual(expected);
  });

  it("reads only string task sizes", () => {
    expect(taskSize({ cpu: "1 vCPU", memory: "3GB" })).toEqual({ cpu: 1024, memory: 3072 });
    expect(taskSize({ cpu: 256, memory: "512" })).toBeUndefined();
  });
});

describe("hint and solution policy", () => {
  it("opens one hint per failed check, all when completed, and the solution after three failures", () => {
    expect(hintsUnlocked({ failedChecks: 2, completed: false })).toBe(2);
    expect(hintsUnlocked({ failedChecks: 9, completed: false })).toBe(3);
    expect(solutionOffered({ failedChecks: 3, completed: false })).toBe(true);
    expect(solutionOffered({ failedChecks: 0, completed: true })).toBe(true);
  });
});
