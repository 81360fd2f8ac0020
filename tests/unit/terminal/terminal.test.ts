/**
 * The browser terminal's pure parts: the line editor (keys → line, cursor, history, redraw), the shell built-ins
 * (export/echo), and the Japanese explanation under an AWS error.
 */
import { describe, expect, test } from "vitest";
import { runBuiltin } from "@/lib/terminal/builtins";
import { explainServiceErrorJa } from "@/lib/terminal/explain-ja";
import { columnsOf, commonPrefix, LineEditor } from "@/lib/terminal/line-editor";

const LEFT = "\x1b[D";
const UP = "\x1b[A";
const DOWN = "\x1b[B";

function typeKeys(editor: LineEditor, ...keys: string[]) {
  return keys.map((k) => editor.input(k));
}

describe("line editor", () => {
  test("inserts at the cursor, deletes before it, and submits the whole line", () => {
    const editor = new LineEditor();
    typeKeys(editor, "aws ec", LEFT, LEFT, "X", "\x7f", "\x1b[F", "s");
    expect(editor.line).toBe("aws ecs");
    const [enter] = typeKeys(editor, "\r");
    expect(enter.action).toEqual({ kind: "submit", line: "aws ecs" });
    expect(editor.line).toBe("");
  });

  test("↑ and ↓ walk the history and come back to the line being typed", () => {
    const editor = new LineEditor(["aws ecs list-clusters", "echo $CLUSTER"]);
    editor.input("aws s");
    editor.input(UP);
    expect(editor.line).toBe("echo $CLUSTER");
    editor.input(UP);
    expect(editor.line).toBe("aws ecs list-clusters");
    expect(editor.input(UP).output).toBe("\x07");
    editor.input(DOWN);
    editor.input(DOWN);
    expect(editor.line).toBe("aws s");
  });

  test("remembers a line once, not blanks nor an immediate repeat", () => {
    const editor = new LineEditor();
    for (const line of ["aws ecs list-clusters", "aws ecs list-clusters", "  ", "clear"]) editor.remember(line);
    expect(editor.entries).toEqual(["aws ecs list-clusters", "clear"]);
  });

  test("Ctrl-C drops the line; Tab asks for completion at the cursor; Ctrl-L clears", () => {
    const editor = new LineEditor();
    editor.input("aws ecs create-serv");
    expect(editor.input("\t").action).toEqual({ kind: "complete", line: "aws ecs create-serv", cursor: 19 });
    expect(editor.input("\x03")).toMatchObject({ output: expect.stringContaining("^C"), action: { kind: "interrupt" } });
    expect(editor.line).toBe("");
    expect(editor.input("\x0c").action).toEqual({ kind: "clear" });
  });

  test("a line ending in a backslash continues on the next, as in bash", () => {
    const editor = new LineEditor();
    expect(editor.input("aws ecs create-service \\\r").action.kind).toBe("none");
    const step = editor.input("--service-name web\r");
    expect(step.action).toEqual({ kind: "submit", line: "aws ecs create-service \\\n--service-name web" });
  });

  test("pasted lines submit the first; the rest is handed back", () => {
    const editor = new LineEditor();
    const paste = "export CLUSTER=dojo\necho $CLUSTER\n";
    expect(editor.input(paste).action).toEqual({ kind: "submit", line: "export CLUSTER=dojo" });
    expect(LineEditor.remainder(paste)).toBe("echo $CLUSTER\n");
  });

  test("redraws a line that wraps: back up to the prompt's row, then down to the cursor", () => {
    const editor = new LineEditor([], 10);
    editor.input("abcdefghijkl"); // prompt (2) + 12 = 14 columns: two rows
    const step = editor.input("\x01"); // Ctrl-A: to the start
    expect(step.output.startsWith("\x1b[1A\r")).toBe(true);
    expect(editor.cursor).toBe(0);
  });

  test("completion helpers", () => {
    expect(commonPrefix(["create-service", "create-cluster", "create-capacity-provider"])).toBe("create-");
    expect(columnsOf(["a", "bb", "ccc"], 10).split("\r\n")).toEqual(["a    bb", "ccc"]);
  });
});

describe("built-ins", () => {
  test("export and echo share the variables; quoting and ${NAME} as in bash", () => {
    const exported = runBuiltin('export CLUSTER=dojo SERVICE="web app"', {});
    expect(exported).toMatchObject({ kind: "done", exitCode: 0, variables: { CLUSTER: "dojo", SERVICE: "web app" } });
    const vars = exported.kind === "done" ? exported.variables : {};
    expect(runBuiltin("echo $CLUSTER/${SERVICE}", vars)).toMatchObject({ stdout: "dojo/web app\n" });
    expect(runBuiltin("NAME=x", vars)).toMatchObject({ variables: { NAME: "x" } });
  });

  test("the site's keys cannot be overwritten; a bad name says why", () => {
    const result = runBuiltin("export AWS_SECRET_ACCESS_KEY=x 1A=b", {});
    expect(result).toMatchObject({ kind: "done", exitCode: 1, variables: {} });
    expect(result.kind === "done" && result.stderr).toContain("set by this site");
    expect(result.kind === "done" && result.stderr).toContain("`1A=b': not a valid identifier");
  });

  test("clear and history are the terminal's; anything else is not a built-in", () => {
    expect(runBuiltin("clear", {}).kind).toBe("clear");
    expect(runBuiltin("history", {}).kind).toBe("history");
    expect(runBuiltin("history -c", {}).kind).toBe("history-clear");
    expect(runBuiltin("history -x", {})).toMatchObject({ kind: "done", exitCode: 2 });
    expect(runBuiltin("docker ps", {}).kind).toBe("not-builtin");
    expect(runBuiltin("aws ecs list-clusters", {}).kind).toBe("not-builtin");
  });
});

describe("Japanese explanation under an AWS error", () => {
  test("the validator's Japanese message when AWS's words match one of its diagnostics", () => {
    const body = JSON.stringify({
      family: "web",
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "256",
      memory: "4096",
      containerDefinitions: [{ name: "web", image: "nginx", essential: true }],
    });
    const message = "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.";
    const line = explainServiceErrorJa({ code: "ClientException", operation: "RegisterTaskDefinition", message }, body);
    expect(line).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(line).not.toContain("No Fargate configuration");
    expect(line).not.toBe(explainServiceErrorJa({ code: "ClientException", operation: "RegisterTaskDefinition", message }));
  });

  test("a line for a known code, else a generic one naming it", () => {
    expect(explainServiceErrorJa({ code: "ClusterNotFoundException", operation: "CreateService", message: "Cluster not found." })).toContain("クラスターが見つかりません");
    expect(explainServiceErrorJa({ code: "OddException", operation: "ListThings", message: "odd" })).toContain("OddException");
  });
});
