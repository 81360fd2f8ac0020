/** Task state (curriculum R02, R13): running tasks, stopped-task signatures, task definition revisions; clusters. */
import { DescribeClustersCommand, DescribeTaskDefinitionCommand, ECSServiceException, type Task } from "@aws-sdk/client-ecs";
import { z } from "zod";
import { catalog, defineCheck, fail, pass } from "../define";
import { fieldSchema, mismatch, shown, valueAt } from "../paths";
import { ensureCluster, notFound, sandboxText, shortId, tasksOf, withSandbox } from "./sandbox-access";

const en = {
  clusterInstances: (cluster: string, want: number, seen: number) =>
    `Expected: ${cluster} with at least ${want} registered container instance${want === 1 ? "" : "s"}. Seen: ${seen}.`,
  running: (what: string, want: number, seen: number) => `Expected: at least ${want} RUNNING ${what}. Seen: ${seen}.`,
  runningWithHealth: (what: string, want: number, health: string, seen: number, statuses: string) =>
    `Expected: at least ${want} RUNNING ${what} with healthStatus ${health}. Seen: ${seen}${statuses ? ` (healthStatus of the RUNNING ones: ${statuses})` : ""}.`,
  standalone: "standalone task(s)",
  serviceTasks: "service task(s)",
  anyTasks: "task(s)",
  ofFamily: (family: string) => ` of ${family}`,
  noStopped: (cluster: string, want: string, seen: string) =>
    `Expected: a STOPPED task in ${cluster} with ${want}. Seen: ${seen || "no stopped tasks (stopped tasks stay visible for about an hour of simulated time)"}.`,
  noRevision: (ref: string) => `Expected: the task definition ${ref}. Seen: it is not registered in your sandbox.`,
  revisionField: (ref: string, path: string, expected: string, seen: string) => `Expected: ${ref} ${path} ${expected}. Seen: ${seen}.`,
};
const ja: typeof en = {
  clusterInstances: (cluster: string, want: number, seen: number) =>
    `期待: ${cluster} に登録済みのコンテナインスタンスが ${want} 台以上あること。実際: ${seen} 台。`,
  running: (what: string, want: number, seen: number) => `期待: RUNNING の${what}が ${want} 個以上。実際: ${seen} 個。`,
  runningWithHealth: (what: string, want: number, health: string, seen: number, statuses: string) =>
    `期待: healthStatus が ${health} で RUNNING の${what}が ${want} 個以上。実際: ${seen} 個${statuses ? ` (RUNNING のタスクの healthStatus: ${statuses})` : ""}。`,
  standalone: "スタンドアロンタスク",
  serviceTasks: "サービスのタスク",
  anyTasks: "タスク",
  ofFamily: (family: string) => ` (${family})`,
  noStopped: (cluster: string, want: string, seen: string) =>
    `期待: ${cluster} に ${want} の STOPPED のタスクがあること。実際: ${seen || "停止したタスクがありません (停止したタスクはシミュレーション時間で約 1 時間表示されます)"}。`,
  noRevision: (ref: string) => `期待: タスク定義 ${ref}。実際: サンドボックスに登録されていません。`,
  revisionField: (ref: string, path: string, expected: string, seen: string) => `期待: ${ref} の ${path} ${expected}。実際: ${seen}。`,
};
const text = catalog(en, ja);

export const cluster = defineCheck({
  kind: "cluster",
  reads: "sandbox",
  schema: z.object({ cluster: z.string().min(1), minInstances: z.number().int().min(0).default(0) }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const out = await sandbox.ecs.send(new DescribeClustersCommand({ clusters: [check.cluster] }));
      const found = out.clusters?.find((c) => c.clusterName === check.cluster && c.status === "ACTIVE");
      if (!found) notFound(sandboxText(ctx.lang).noCluster(check.cluster));
      const instances = found.registeredContainerInstancesCount ?? 0;
      return instances >= check.minInstances ? pass() : fail(text(ctx.lang).clusterInstances(check.cluster, check.minInstances, instances));
    });
  },
});

const isStandalone = (task: Task) => !task.group?.startsWith("service:");

export const taskRunning = defineCheck({
  kind: "task-running",
  reads: "sandbox",
  schema: z.object({
    cluster: z.string().min(1),
    family: z.string().optional(),
    standalone: z.boolean().optional(),
    minCount: z.number().int().min(1).default(1),
    /** Only tasks whose task-level healthStatus (DescribeTasks) is this one count. */
    healthStatus: z.enum(["HEALTHY", "UNHEALTHY", "UNKNOWN"]).optional(),
  }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const tasks = await ensureCluster(ctx, check.cluster, () => tasksOf(sandbox.ecs, check.cluster, "RUNNING", { family: check.family }));
      const running = tasks.filter((task) => task.lastStatus === "RUNNING" && (check.standalone === undefined || isStandalone(task) === check.standalone));
      const matching = check.healthStatus ? running.filter((task) => (task.healthStatus ?? "UNKNOWN") === check.healthStatus) : running;
      if (matching.length >= check.minCount) return pass();
      const t = text(ctx.lang);
      const what = (check.standalone === undefined ? t.anyTasks : check.standalone ? t.standalone : t.serviceTasks) + (check.family ? t.ofFamily(check.family) : "");
      if (check.healthStatus) {
        const statuses = running.map((task) => task.healthStatus ?? "UNKNOWN").join(", ");
        return fail(t.runningWithHealth(what, check.minCount, check.healthStatus, matching.length, statuses));
      }
      return fail(t.running(what, check.minCount, matching.length));
    });
  },
});

export const taskStopped = defineCheck({
  kind: "task-stopped",
  reads: "sandbox",
  schema: z.object({
    cluster: z.string().min(1),
    service: z.string().optional(),
    family: z.string().optional(),
    stopCode: z.string().optional(),
    stoppedReason: z.string().optional(),
    containerReason: z.string().optional(),
    exitCode: z.number().int().optional(),
  }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const filter = check.service ? { serviceName: check.service } : { family: check.family };
      const tasks = await ensureCluster(ctx, check.cluster, () => tasksOf(sandbox.ecs, check.cluster, "STOPPED", filter));
      const found = tasks.find((task) => matchesSignature(task, check));
      if (found) return pass();
      const want = [
        check.stopCode && `stopCode ${check.stopCode}`,
        check.stoppedReason && `stoppedReason ~ /${check.stoppedReason}/`,
        check.containerReason && `container reason ~ /${check.containerReason}/`,
        check.exitCode !== undefined && `exit code ${check.exitCode}`,
      ].filter(Boolean).join(", ");
      const newest = tasks.filter((task) => task.lastStatus === "STOPPED").sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))[0];
      const seen = newest
        ? `${shortId(newest.taskArn)}: ${newest.stopCode ?? "—"}, “${newest.stoppedReason ?? ""}”, exit ${newest.containers?.map((c) => c.exitCode ?? "—").join("/")}`
        : "";
      return fail(text(ctx.lang).noStopped(check.cluster, want, seen));
    });
  },
});

export function matchesSignature(
  task: Task,
  want: { stopCode?: string; stoppedReason?: string; containerReason?: string; exitCode?: number },
): boolean {
  if (task.lastStatus !== "STOPPED") return false;
  if (want.stopCode && task.stopCode !== want.stopCode) return false;
  if (want.stoppedReason && !new RegExp(want.stoppedReason).test(task.stoppedReason ?? "")) return false;
  const containers = task.containers ?? [];
  if (want.containerReason && !containers.some((c) => new RegExp(want.containerReason!).test(c.reason ?? ""))) return false;
  if (want.exitCode !== undefined && !containers.some((c) => c.exitCode === want.exitCode)) return false;
  return true;
}

export const taskDefinition = defineCheck({
  kind: "task-definition",
  reads: "sandbox",
  schema: z.object({
    family: z.string().min(1),
    revision: z.union([z.number().int().positive(), z.literal("latest")]).default("latest"),
    status: z.enum(["ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"]).optional(),
    fields: z.array(fieldSchema).default([]),
  }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const ref = check.revision === "latest" ? check.family : `${check.family}:${check.revision}`;
      const t = text(ctx.lang);
      let definition;
      try {
        definition = (await sandbox.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: ref }))).taskDefinition;
      } catch (error) {
        if (error instanceof ECSServiceException && error.name === "ClientException") return fail(t.noRevision(ref));
        throw error;
      }
      if (!definition) return fail(t.noRevision(ref));
      const shownRef = `${definition.family}:${definition.revision}`;
      const expectations = [...(check.status ? [{ path: "/status", equals: check.status }] : []), ...check.fields];
      for (const field of expectations) {
        const value = valueAt(definition, field.path);
        const miss = mismatch(value, field);
        if (miss) return fail(t.revisionField(shownRef, field.path, miss.expected, shown(value)));
      }
      return pass();
    });
  },
});
