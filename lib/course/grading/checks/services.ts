/** Service state (curriculum R01, R03, R04, R05, R15): steady, stable for a window, events, deployments, fields. */
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSServiceException,
  ListServiceDeploymentsCommand,
  type Service,
  type ServiceDeployment,
} from "@aws-sdk/client-ecs";
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
  deploymentRevision: (service: string, want: string, seen: string) => `Expected: ${service}'s newest deployment on ${want}. Seen: ${seen}.`,
  newestRevision: (ref: string) => `${ref}, the newest revision`,
  noNewestRevision: (family: string) => `the newest revision of ${family}, which is not registered`,
  deploymentField: (service: string, path: string, expected: string, seen: string) =>
    `Expected: ${service}'s newest deployment (describe-service-deployments) ${path} ${expected}. Seen: ${seen}.`,
  deploymentAnswer: (service: string, path: string, seen: string) =>
    `Expected: ${service}'s newest deployment (describe-service-deployments) with the right value at ${path}. Seen: ${seen}, which is not it yet.`,
  noServiceDeployment: (service: string) => `Expected: a deployment of ${service} in list-service-deployments. Seen: none.`,
  noDeployment: (service: string) => `Expected: a PRIMARY deployment of ${service}. Seen: none.`,
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
  deploymentRevision: (service: string, want: string, seen: string) => `期待: ${service} の最新のデプロイのタスク定義が ${want}。実際: ${seen}。`,
  newestRevision: (ref: string) => `最新のリビジョン ${ref}`,
  noNewestRevision: (family: string) => `${family} の最新のリビジョン。ただし ${family} は登録されていません`,
  deploymentField: (service: string, path: string, expected: string, seen: string) =>
    `期待: ${service} の最新のデプロイ (describe-service-deployments) の ${path} ${expected}。実際: ${seen}。`,
  deploymentAnswer: (service: string, path: string, seen: string) =>
    `期待: ${service} の最新のデプロイ (describe-service-deployments) の ${path} が正しい値であること。実際: ${seen} で、まだ正しくありません。`,
  noServiceDeployment: (service: string) => `期待: list-service-deployments に ${service} のデプロイがあること。実際: ありません。`,
  noDeployment: (service: string) => `期待: ${service} に PRIMARY のデプロイがあること。実際: ありません。`,
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

/**
 * `family:latest` as the `family:revision` it means now (the family's newest ACTIVE revision, as update-service
 * reads a bare family name), or undefined when the family has no ACTIVE revision.
 */
async function newestRevision(sandbox: SandboxAccess, family: string): Promise<string | undefined> {
  try {
    const out = await sandbox.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: family }));
    const definition = out.taskDefinition;
    return definition ? `${definition.family}:${definition.revision}` : undefined;
  } catch (error) {
    if (error instanceof ECSServiceException && error.name === "ClientException") return undefined;
    throw error;
  }
}

/** The service's newest service deployment as DescribeServiceDeployments shows it (with the configuration it started with). */
async function newestServiceDeployment(sandbox: SandboxAccess, cluster: string, service: string): Promise<ServiceDeployment | undefined> {
  const briefs = (await sandbox.ecs.send(new ListServiceDeploymentsCommand({ cluster, service }))).serviceDeployments ?? [];
  const newest = [...briefs].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
  if (!newest?.serviceDeploymentArn) return undefined;
  const out = await sandbox.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [newest.serviceDeploymentArn] }));
  return out.serviceDeployments?.[0];
}

export const deployment = defineCheck({
  kind: "deployment",
  reads: "sandbox",
  schema: z.object({
    ...target,
    /** Without it, any state of the newest deployment will do (for checks that only read its fields). */
    rolloutState: z.enum(["COMPLETED", "FAILED", "IN_PROGRESS"]).optional(),
    /** `family:latest`: the family's newest revision at the time of the check. */
    taskDefinition: z
      .string()
      .regex(/^[\w-]+(:(\d+|latest))?$/, "family, family:revision or family:latest")
      .optional(),
    /** Values of the newest service deployment (DescribeServiceDeployments), e.g. the deploymentConfiguration it started with. */
    fields: z.array(fieldSchema).default([]),
    /** The fields' values are the learner's answer (a percentage they work out): a failure must not print them. */
    answer: z.boolean().default(false),
  }),
  run(check, ctx) {
    return withSandbox(ctx, async (sandbox) => {
      const t = text(ctx.lang);
      const service = await describeService(ctx, sandbox, check.cluster, check.service);
      const primary = primaryOf(service);
      const revision = primary?.taskDefinition?.split("/").pop() ?? "—";
      const state = primary?.rolloutState ?? "—";
      let wantRevision = check.taskDefinition;
      let wantText = wantRevision;
      if (wantRevision?.endsWith(":latest")) {
        const family = wantRevision.slice(0, -":latest".length);
        const newest = await newestRevision(sandbox, family);
        wantRevision = newest ?? wantRevision;
        wantText = newest ? t.newestRevision(newest) : t.noNewestRevision(family);
      }
      const stateOk = check.rolloutState ? state === check.rolloutState : primary !== undefined;
      const revisionOk = !wantRevision || (wantRevision.includes(":") ? revision === wantRevision : revision.startsWith(`${wantRevision}:`));
      if (!stateOk || !revisionOk) {
        const seen = `${state} (${revision})`;
        if (!check.rolloutState) return fail(wantText ? t.deploymentRevision(check.service, wantText, seen) : t.noDeployment(check.service));
        return fail(t.deployment(check.service, `${check.rolloutState}${wantText ? ` (${wantText})` : ""}`, seen));
      }
      if (check.fields.length > 0) {
        const newest = await newestServiceDeployment(sandbox, check.cluster, check.service);
        if (!newest) return fail(t.noServiceDeployment(check.service));
        for (const field of check.fields) {
          const value = valueAt(newest, field.path);
          const miss = mismatch(value, field);
          if (!miss) continue;
          return fail(check.answer ? t.deploymentAnswer(check.service, field.path, shown(value)) : t.deploymentField(check.service, field.path, miss.expected, shown(value)));
        }
      }
      return pass();
    });
  },
});
