/**
 * The rules of what the terminal keeps per learner on the server (lib/terminal/file-area.ts, lib/terminal/history.ts):
 * which file names and texts the file area takes, which file:// paths mean one of its files, and which history lines
 * are never stored because they carry a secret. The line editor's part: remember answers whether a line was added,
 * forget empties the history.
 */
import { describe, expect, test } from "vitest";
import { areaName, fileAreaText, MAX_FILE_BYTES, MAX_FILES, nameError, textError } from "@/lib/terminal/file-area";
import { carriesSecret, isStorable, MAX_HISTORY_LINE } from "@/lib/terminal/history";
import { LineEditor } from "@/lib/terminal/line-editor";

describe("file area", () => {
  test("takes plain file names only: no folders, no leading dot, no spaces, at most 64 characters", () => {
    for (const good of ["task-def.json", "svc_1.yaml", "a", "Web.Task.JSON", "x".repeat(64)]) expect(nameError(good)).toBeNull();
    for (const bad of ["", ".hidden", "../etc/passwd", "dir/file.json", "a b.json", "x".repeat(65), "タスク.json", "a\\b", 42, null]) expect(nameError(bad)).toBe("bad-name");
  });

  test("takes text up to the size limit counted in UTF-8 bytes, and refuses binary", () => {
    expect(textError("x".repeat(MAX_FILE_BYTES))).toBeNull();
    expect(textError("x".repeat(MAX_FILE_BYTES + 1))).toBe("too-large");
    expect(textError("é".repeat(MAX_FILE_BYTES / 2))).toBeNull();
    expect(textError("é".repeat(MAX_FILE_BYTES / 2 + 1))).toBe("too-large");
    expect(textError("PK\u0003\u0004\u0000")).toBe("not-text");
    expect(textError(undefined)).toBe("not-text");
  });

  test("file://NAME and file://./NAME mean the file NAME; a path with folders means none", () => {
    expect(areaName("task-def.json")).toBe("task-def.json");
    expect(areaName("./task-def.json")).toBe("task-def.json");
    expect(areaName("/etc/passwd")).toBeNull();
    expect(areaName("../task-def.json")).toBeNull();
  });

  test("the limits are stated with their numbers in both languages", () => {
    expect(fileAreaText("en").limits).toContain(`${MAX_FILES} files of 64 KiB`);
    expect(fileAreaText("ja").limits).toContain(`${MAX_FILES} 個まで`);
    expect(fileAreaText("ja")["too-many"]).toContain("削除");
  });
});

describe("history: lines never stored", () => {
  const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  test("an assignment of a secret-named variable, exported or not, in any case", () => {
    for (const line of [
      `export AWS_SECRET_ACCESS_KEY=${SECRET}`,
      "export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLE",
      "AWS_SECRET_ACCESS_KEY=abc aws sts get-caller-identity",
      "export DB_PASSWORD=hunter2",
      "export github_token=ghp_x",
      "export A=1 MY_SECRET='x y'",
      "aws configure set aws_secret_access_key abc",
    ]) {
      expect(carriesSecret(line), line).toBe(true);
    }
  });

  test("a secret's value given on the command line, the learner's own key anywhere, a key-shaped run of 40 characters", () => {
    expect(carriesSecret('aws secretsmanager create-secret --name db --secret-string {"password":"x"}')).toBe(true);
    expect(carriesSecret("aws secretsmanager put-secret-value --secret-id db --secret-binary fileb://k")).toBe(true);
    expect(carriesSecret("aws ecs list-clusters # sEcReTkEy0123", ["sEcReTkEy0123"])).toBe(true);
    expect(carriesSecret(`echo ${SECRET}`)).toBe(true);
  });

  test("ordinary commands are kept, secret words in values included", () => {
    for (const line of [
      "aws ecs list-clusters",
      "export CLUSTER=fargate-cluster",
      "echo $AWS_SECRET_ACCESS_KEY",
      "unset AWS_SESSION_TOKEN",
      "aws secretsmanager get-secret-value --secret-id db --query Name",
      'aws ecs register-task-definition --family web --container-definitions "name=web,image=nginx,secrets=[{name=DB_PASSWORD,valueFrom=arn:aws:ssm:ap-northeast-1:123456789012:parameter/db}]"',
      "aws ecs describe-tasks --cluster c --tasks arn:aws:ecs:ap-northeast-1:123456789012:task/c/0123456789abcdef0123456789abcdef",
      "aws ecs create-cluster --cluster-name abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
    ]) {
      expect(carriesSecret(line), line).toBe(false);
    }
  });

  test("blank and very long lines are not history either", () => {
    expect(isStorable("   ")).toBe(false);
    expect(isStorable(`aws ecs list-clusters --query '${"x".repeat(MAX_HISTORY_LINE)}'`)).toBe(false);
    expect(isStorable("aws ecs list-clusters")).toBe(true);
  });
});

describe("line editor history", () => {
  test("remember answers whether the line was added (not blank, not the last again); forget empties it", () => {
    const editor = new LineEditor(["aws ecs list-clusters"]);
    expect(editor.remember("aws ecs list-clusters")).toBe(false);
    expect(editor.remember("  ")).toBe(false);
    expect(editor.remember("echo hi")).toBe(true);
    expect(editor.entries).toEqual(["aws ecs list-clusters", "echo hi"]);
    editor.forget();
    expect(editor.entries).toEqual([]);
    editor.input("\x1b[A");
    expect(editor.line).toBe("");
  });
});
