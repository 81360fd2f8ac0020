import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand } from "@aws-sdk/client-ecs";
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { AppServer } from "./app-server";
import { SiteClient } from "./site-client";

const L302_SOLUTION = path.resolve(import.meta.dirname, "../../lessons/M3-task-definitions/L302/_solution");
const solutionFiles = Object.fromEntries(
  ["orders-api.json", "invoice-worker.json", "batch-export.json"].map((name) => [name, fs.readFileSync(path.join(L302_SOLUTION, name), "utf8")]),
);
const draft = solutionFiles["orders-api.json"].replace("ecs-dojo/web:1", "ecs-dojo/web:2");

/** Runs the lesson flow, restarts the server, and finds progress and sandbox intact. */
export async function restartKeepsEverything(app: AppServer) {
  const site = new SiteClient(app.url);
  expect((await site.get("/en/lessons/L302")).status).toBe(200);

  // L302 is complete once its three files pass and its task runs: run first, let the task start, then Check.
  expect((await site.post("/api/lessons/L302/draft", { file: "orders-api.json", text: draft })).status).toBe(200);
  const run = await (await site.post("/api/lessons/L302/run", { action: 0, text: draft })).json();
  const taskArn: string = run.task.taskArn;
  expect(taskArn).toMatch(/^arn:aws:ecs:ap-northeast-1:\d{12}:task\/dojo\/[0-9a-f]{32}$/);
  expect((await site.post("/api/sandbox/advance", { seconds: 120 })).status).toBe(200);
  const check = await (await site.post("/api/lessons/L302/check", { files: { ...solutionFiles, "orders-api.json": draft } })).json();
  expect(check.passed).toBe(true);

  await app.restart();

  const page = await (await site.get("/en/lessons/L302")).text();
  expect(page).toContain('data-testid="lesson-completed"');
  expect(page).toContain("ecs-dojo/web:2");
  const ecs = await site.ecs();
  const listed = await ecs.send(new ListTasksCommand({ cluster: "dojo" }));
  expect(listed.taskArns).toEqual([taskArn]);
  const described = await ecs.send(new DescribeTasksCommand({ cluster: "dojo", tasks: [taskArn] }));
  expect(described.tasks?.[0]?.taskDefinitionArn).toMatch(/task-definition\/orders-api:1$/);
}

const L303_SOLUTION = fs.readFileSync(path.resolve(import.meta.dirname, "../../lessons/M3-task-definitions/L303/_solution/orders-api.json"), "utf8");

/** A sandbox exercise interrupted by a restart between two steps: set up and drafted before, checked after. */
export async function restartMidExerciseKeepsEverything(app: AppServer) {
  const site = new SiteClient(app.url);
  expect((await site.get("/en/lessons/L303")).status).toBe(200);
  expect((await site.post("/api/lessons/L303/exercise", {})).status).toBe(200);
  expect((await site.post("/api/lessons/L303/draft", { file: "orders-api.json", text: L303_SOLUTION })).status).toBe(200);
  const before = await (await site.post("/api/lessons/L303/check", {})).json();

  await app.restart();

  const page = await (await site.get("/en/lessons/L303")).text();
  expect(page).toContain('data-started="true"');
  expect(page).toContain("memoryReservation");
  const after = await (await site.post("/api/lessons/L303/check", {})).json();
  // The same work grades the same: the draft, the scenario's crash-looping service and its OOM kills all survived.
  const results = (grade: { checks: { id: string; passed: boolean }[] }) => Object.fromEntries(grade.checks.map((c) => [c.id, c.passed]));
  expect(results(after)).toEqual(results(before));
  expect(results(after)["oom-observed"]).toBe(true);
  expect(results(after)["hard-limit-above-peak"]).toBe(true);
  const ecs = await site.ecs();
  const described = await ecs.send(new DescribeServicesCommand({ cluster: "ec2-lab", services: ["orders"] }));
  expect(described.services?.[0]?.desiredCount).toBe(3);
}

