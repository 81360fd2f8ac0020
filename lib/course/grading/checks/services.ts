/** Service state (curriculum R01, R03, R04, R05, R15): steady, stable for a window, events, deployments, fields. */
import { DescribeServicesCommand, type Service } from "@aws-sdk/client-ecs";
import { z } from "zod";
import type { CheckContext, SandboxAccess } from "../context";
import { catalog, defineCheck, fail, pass } from "../define";
import { fieldSchema, mismatch, shown, valueAt } from "../paths";
import { ensureCluster, notFound, sandboxText, tasksOf, withSandbox } from "./sandbox-access";

const en = {
  notSteady: (service: string, desired: number, running: number, pending: number, want: number) =>
    `Expected: ${service} steady with ${want} running task${want === 1 ? "" : "s"}. Seen: desired ${desired}, running ${running}, pending ${pending}.`,
  deploying: (service: string, count: number, state: string) =>
    `Expected: ${service} with one finished deployment. Seen: ${count} deployment${count === 1 ? "" : "s"}, the newest ${state} — wait for it to finish (or fast-forward).`,
  notStableYet: (service: string, seconds: number, window: number) =>
    `Expected: ${service}'s tasks running without replacement for ${window} simulated seconds. Seen: the youngest task has run ${seconds} s so far — wait, or fast-forward, and check again.`,
  field: (service: string, path: string, expected: string, seen: string) => `Expected: ${service} ${path} ${expected}. Seen: ${seen}.`,
  eventSeen: (service: string, message: string) => `Expected: no such event for ${service}. Seen: “${message}”`,
  eventMissing: (service: string, pattern: string, newest: string) =>
    `Expected: an event of ${service} matching /${pattern}/. Seen: ${newest ? `newest event “${newest}”` : "no events"}.`,
  deployment: (service: string, want: string, seen: string) => `Expected: ${service}'s newest deployment ${want}. Seen: ${seen}.`,
};
const ja: typeof en = {
  notSteady: (service: string, desired: number, running: number, pending: number, want: number) =>
    `期待: ${service} が実行中タスク ${want} 個で定常状態であること。実際: 必要数 ${desired}、実行中 ${running}、保留中 ${pending}。`,
  deploying: (service: string, count: number, state: string) =>
    `期待: ${service} のデプロイが 1 つだけで完了していること。実際: デプロイが ${count} 個あり、最新のものは ${state} です。完了を待ってください (早送りもできます)。`,
  notStableYet: (service: string, seconds: number, window: number) =>
    `期待: ${service} のタスクが置き換えられずに ${window} 秒 (シミュレーション時間) 動き続けること。実際: いちばん新しいタスクはまだ ${seconds} 秒です。待つか早送りしてから、もう一度チェックしてください。`,
  field: (service: string, path: string, expected: string, seen: string) => `期待: ${service} の ${path} ${expected}。実際: ${seen}。`,
  eventSeen: (service: string, message: string) => `期待: ${service} にこのイベントがないこと。実際: 「${message}」`,
  eventMissing: (service: string, pattern: string, newest: string) =>
    `期待: ${service} に /${pattern}/ に一致するイベントがあること。実際: ${newest ? `最新のイベントは「${newest}」` : "イベントがありません"}。`,
  deployment: (service: string, want: string, seen: string) => `期待: ${service} の最新のデプロイが ${want}。実際: ${seen}。`,
};
const text = catalog(en, ja);

const target = { cluster: z.string().min(1), service: z.string().min(1) };

async function describeService(ctx: CheckContext, sandbox: SandboxAccess, cluster: string, name: string): Promise<Service> {
  const out = await ensureCluster(ctx, cluster, () => sandbox.ecs.send(new DescribeServicesCommand({ cluster, services: [name] })));
  const service = out.services?.[0];
  if (!service || service.status === "INACTIVE") notFound(sandboxText(ctx.lang).noService(name, cluster));
  return service;
}

const primaryOf = (service: Service) => service.deployments?.find((d) => d.status === "PRIMARY");

export const serviceSteady = defineCheck({
  kind: "service-steady",
  reads: "sandbox",
  schema: z.object({ ...target, runningCount: z.number().int().min(0), stableForSeconds: z.number().int().min(0).default(0) }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const t = text(ctx.lang);
      const service = await describeService(ctx, sandbox, check.cluster, check.service);
      const desired = service.desiredCount ?? 0;
      const running = service.runningCount ?? 0;
      const pending = service.pendingCount ?? 0;
      if (desired !== check.runningCount || running !== check.runningCount || pending !== 0) {
        return fail(t.notSteady(check.service, desired, running, pending, check.runningCount));
      }
      const deployments = service.deployments ?? [];
      const primary = primaryOf(service);
      if (deployments.length !== 1 || (primary?.rolloutState && primary.rolloutState !== "COMPLETED")) {
        return fail(t.deploying(check.service, deployments.length, primary?.rolloutState ?? "IN_PROGRESS"));
      }
      if (check.stableForSeconds > 0) {
        const tasks = await tasksOf(sandbox.ecs, check.cluster, "RUNNING", { serviceName: check.service });
        const now = await sandbox.now();
        const youngest = Math.max(...tasks.map((task) => task.startedAt?.getTime() ?? now));
        const age = Math.floor((now - youngest) / 1000);
        if (tasks.length === 0 || age < check.stableForSeconds) return fail(t.notStableYet(check.service, Math.max(0, age), check.stableForSeconds));
      }
      return pass();
    });
  },
});

export const serviceFields = defineCheck({
  kind: "service",
  reads: "sandbox",
  schema: z.object({ ...target, fields: z.array(fieldSchema).min(1) }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const service = await describeService(ctx, sandbox, check.cluster, check.service);
      for (const field of check.fields) {
        const value = valueAt(service, field.path);
        const miss = mismatch(value, field);
        if (miss) return fail(text(ctx.lang).field(check.service, field.path, miss.expected, shown(value)));
      }
      return pass();
    });
  },
});

export const serviceEvents = defineCheck({
  kind: "service-events",
  reads: "sandbox",
  schema: z.object({ ...target, matches: z.string().min(1), present: z.boolean(), since: z.enum(["deployment"]).optional() }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const service = await describeService(ctx, sandbox, check.cluster, check.service);
      const from = check.since === "deployment" ? (primaryOf(service)?.createdAt?.getTime() ?? 0) : 0;
      const events = (service.events ?? []).filter((e) => (e.createdAt?.getTime() ?? 0) >= from);
      const pattern = new RegExp(check.matches);
      const hit = events.find((e) => pattern.test(e.message ?? ""));
      const t = text(ctx.lang);
      if (check.present) return hit ? pass() : fail(t.eventMissing(check.service, check.matches, events[0]?.message ?? ""));
      return hit ? fail(t.eventSeen(check.service, hit.message ?? "")) : pass();
    });
  },
});

export const deployment = defineCheck({
  kind: "deployment",
  reads: "sandbox",
  schema: z.object({
    ...target,
    rolloutState: z.enum(["COMPLETED", "FAILED", "IN_PROGRESS"]),
    taskDefinition: z.string().regex(/^[\w-]+(:\d+)?$/, "family or family:revision").optional(),
  }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const service = await describeService(ctx, sandbox, check.cluster, check.service);
      const primary = primaryOf(service);
      const revision = primary?.taskDefinition?.split("/").pop() ?? "—";
      const state = primary?.rolloutState ?? "—";
      const wantRevision = check.taskDefinition;
      const revisionOk = !wantRevision || (wantRevision.includes(":") ? revision === wantRevision : revision.startsWith(`${wantRevision}:`));
      if (state === check.rolloutState && revisionOk) return pass();
      return fail(text(ctx.lang).deployment(check.service, `${check.rolloutState}${wantRevision ? ` (${wantRevision})` : ""}`, `${state} (${revision})`));
    });
  },
});
