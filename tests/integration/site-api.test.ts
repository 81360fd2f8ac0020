import { ListTasksCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { SiteClient } from "../support/site-client";

describe("the site's own API on bad input", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => app?.stop());

  it.each([
    ["malformed JSON", '{"text": ', 400, /must be JSON/],
    ["a JSON array", "[1,2]", 400, /must be JSON/],
    ["a body over 256 KiB", JSON.stringify({ text: "x".repeat(300 * 1024) }), 413, /64 KiB/],
  ])("answers %s with a clear 4xx, never a 500", async (_name, body, status, message) => {
    const site = new SiteClient(app.url);
    for (const route of ["draft", "check", "run"]) {
      const res = await site.post(`/api/lessons/L302/${route}`, body, true);
      expect(res.status).toBe(status);
      expect((await res.json()).error.message).toMatch(message);
    }
  });

  it.each([
    ["draft", { file: "orders-api.json", text: 42 }, /"text" as text/],
    ["draft", { file: "../../etc/passwd", text: "x" }, /"file" must be one of this lesson's files: orders-api.json/],
    ["draft", { answers: { q1: "a" } }, /"answers" must map question ids/],
    ["check", { files: { "orders-api.json": 42 } }, /"files" must map this lesson's file names/],
    ["check", { files: { "other.json": "{}" } }, /"files" must map this lesson's file names/],
    ["run", { action: 7, text: "{}" }, /no such sandbox action/],
    ["run", { action: 0, text: 42 }, /"text" as text/],
  ])("answers a %s request with wrong fields with a clear 400", async (route, body, message) => {
    const res = await new SiteClient(app.url).post(`/api/lessons/L302/${route}`, body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
  });

  it("answers in Japanese to a Japanese page", async () => {
    const res = await new SiteClient(app.url, "ja").post("/api/lessons/L302/check", "nope", true);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("リクエスト本文は JSON にしてください。");
  });

  it("answers 404 for an unknown lesson", async () => {
    const res = await new SiteClient(app.url).post("/api/lessons/L999/check", { files: {} });
    expect(res.status).toBe(404);
  });

  it("stores hostile text as text and never renders it as markup", async () => {
    const site = new SiteClient(app.url);
    const hostile = '{"family": "</script><script>window.pwned=1</script><img src=x onerror=alert(1)>"}';
    expect((await site.post("/api/lessons/L302/draft", { file: "orders-api.json", text: hostile })).status).toBe(200);
    const check = await (await site.post("/api/lessons/L302/check", { files: { "orders-api.json": hostile } })).json();
    expect(check.passed).toBe(false);
    const html = await (await site.get("/en/lessons/L302")).text();
    expect(html).not.toContain("<script>window.pwned=1</script>");
    expect(html).not.toContain("<img src=x onerror");
  });

  it("explains a register failure in AWS's words when the learner runs a broken task definition", async () => {
    const site = new SiteClient(app.url);
    const starter = '{"family":"orders-api","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":"256","memory":"4096","containerDefinitions":[{"name":"api","image":"ecs-dojo/web:1"}]}';
    const res = await site.post("/api/lessons/L302/run", { text: starter });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe(
      "An error occurred (ClientException) when calling the RegisterTaskDefinition operation: No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
    );
  });

  it("counts the console's Stop task button as the learner's StopTask call (L102's check sees it)", async () => {
    const site = new SiteClient(app.url);
    expect((await site.post("/api/lessons/L102/exercise", {})).status).toBe(200);
    const ecs = await site.ecs(app.url);
    const [taskArn] = (await ecs.send(new ListTasksCommand({ cluster: "heal-lab", serviceName: "hello" }))).taskArns ?? [];
    expect(taskArn).toBeDefined();
    const before = await (await site.post("/api/lessons/L102/check", { files: {} })).json();
    expect(before.checks.find((c: { id: string }) => c.id === "stopped-a-task").passed).toBe(false);
    expect((await site.post("/api/sandbox/stop", { cluster: "heal-lab", task: taskArn })).status).toBe(200);
    const after = await (await site.post("/api/lessons/L102/check", { files: {} })).json();
    expect(after.checks.find((c: { id: string }) => c.id === "stopped-a-task").passed).toBe(true);
  });

  it("keeps one learner's sandbox invisible to another", async () => {
    const alice = new SiteClient(app.url);
    const bob = new SiteClient(app.url);
    const solution = '{"family":"orders-api","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":"512","memory":"1024","containerDefinitions":[{"name":"api","image":"ecs-dojo/web:1"}]}';
    const run = await (await alice.post("/api/lessons/L302/run", { text: solution })).json();
    const query = new URLSearchParams({ cluster: "dojo", task: run.task.taskArn });
    const peek = await bob.get(`/api/sandbox/task?${query}`);
    expect(peek.status).toBe(404);
    expect((await peek.json()).error.message).toBe("No such task in your sandbox.");
  });
});
