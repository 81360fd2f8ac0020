import { describe, expect, it } from "vitest";
import { readCourse, type Lesson } from "@/lib/course/load";
import { gradeLesson } from "@/lib/course/grading/grade";
import type { CallRecord } from "@/lib/course/grading/context";

// The `calls` check kind on a learner's call history, with L202's shape: the setting first, then one PutImage that ECR
// must refuse with ImageTagAlreadyExistsException and one that must succeed.
const base = readCourse().lessons.get("L302")!;
const setting = { operation: "ecr:PutImageTagMutability", params: [{ path: "/repositoryName", equals: "storefront" }], outcome: "success" };
const lesson: Lesson = {
  ...base,
  files: [],
  checks: [
    {
      id: "locked",
      kind: "calls",
      ordered: true,
      steps: [
        setting,
        {
          operation: "ecr:PutImage",
          params: [{ path: "/imageTag", equals: "release-25" }],
          outcome: "error",
          errorCode: "ImageTagAlreadyExistsException",
        },
      ],
      title: { en: "locked", ja: "locked" },
    },
    {
      id: "moves",
      kind: "calls",
      ordered: true,
      steps: [setting, { operation: "ecr:PutImage", params: [{ path: "/imageTag", matches: "^dev-" }], outcome: "success" }],
      title: { en: "moves", ja: "moves" },
    },
  ] as unknown as Lesson["checks"],
};

let clock = 0;
const call = (operation: string, input: object, error?: { code: string; message: string }): CallRecord => ({
  service: "ecr",
  operation,
  input,
  ...(error && { error }),
  at: new Date(++clock * 1000),
});
const set = call("PutImageTagMutability", { repositoryName: "storefront", imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" });
const tagLocked = { code: "ImageTagAlreadyExistsException", message: "The image tag 'release-25' already exists in the 'storefront' repository and cannot be overwritten because the repository is immutable." };
const sameImage = { code: "ImageAlreadyExistsException", message: "Image with digest 'sha256:ab' and tag 'release-25' already exists in the repository with name 'storefront' in registry with id '123456789012'" };

async function details(history: CallRecord[], lang: "en" | "ja" = "en") {
  const grade = await gradeLesson(lesson, { files: {} }, { lang, calls: async () => history });
  return Object.fromEntries(grade.checks.map((c) => [c.id, c.passed ? "passed" : c.detail]));
}

describe("calls checks: a step that expects an error", () => {
  it("passes the refusal it names and the success after the setting", async () => {
    const history = [set, call("PutImage", { imageTag: "release-25" }, tagLocked), call("PutImage", { imageTag: "dev-latest" })];
    expect(await details(history)).toEqual({ locked: "passed", moves: "passed" });
  });

  it("says which refusal it expected when AWS refused with another error code (it used to ask for a successful call)", async () => {
    const history = [set, call("PutImage", { imageTag: "release-25" }, sameImage), call("PutImage", { imageTag: "dev-latest" })];
    const en = await details(history);
    expect(en.locked).toBe(`Expected: ecr:PutImage to be refused with ImageTagAlreadyExistsException. Seen: AWS answered ImageAlreadyExistsException: ${sameImage.message}`);
    expect(en.locked).not.toMatch(/successful/);
    expect((await details(history, "ja")).locked).toBe(
      `期待: ecr:PutImage が ImageTagAlreadyExistsException で拒否されること。実際: AWS の応答は ImageAlreadyExistsException: ${sameImage.message}`,
    );
  });

  it("explains each step with the call that sent its parameters, not with the latest call of the operation", async () => {
    // The refused release-25 must not explain the missing dev- retag, nor the dev- retag the refusal.
    const refusedDev = call("PutImage", { imageTag: "dev-latest" }, { ...tagLocked, message: tagLocked.message.replace("release-25", "dev-latest") });
    const history = [set, refusedDev, call("PutImage", { imageTag: "release-25" }, sameImage)];
    const seen = await details(history);
    expect(seen.moves).toMatch(/^Expected: a successful ecr:PutImage call\. Seen: your ecr:PutImage failed — AWS answered ImageTagAlreadyExistsException: The image tag 'dev-latest'/);
    const late = [set, call("PutImage", { imageTag: "release-25" }, sameImage), call("PutImage", { imageTag: "dev-latest" })];
    expect((await details(late)).locked).toMatch(/refused with ImageTagAlreadyExistsException\. Seen: AWS answered ImageAlreadyExistsException/);
  });

  it("keeps the other messages: a success where a refusal was expected, a refusal where a success was, a parameter, an absent call", async () => {
    const succeeded = await details([set, call("PutImage", { imageTag: "release-25" })]);
    expect(succeeded.locked).toBe("Expected: ecr:PutImage to be refused. Seen: it succeeded.");
    expect(succeeded.moves).toBe('Expected: ecr:PutImage with /imageTag ~ /^dev-/. Seen: your latest ecr:PutImage sent "release-25".');
    expect((await details([set])).locked).toBe("Expected: a call to ecr:PutImage after ecr:PutImageTagMutability. Seen: none since the exercise started.");
    const before = await details([call("PutImage", { imageTag: "dev-latest" }), set]);
    expect(before.moves).toBe("Expected: ecr:PutImage after ecr:PutImageTagMutability. Seen: ecr:PutImage only before it.");
  });
});
