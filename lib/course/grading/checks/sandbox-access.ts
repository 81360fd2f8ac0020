/** The front half of every sandbox check: a sandbox to read, and AWS errors turned into what the learner can act on. */
import {
  DescribeTasksCommand,
  ECSServiceException,
  ListTasksCommand,
  type DesiredStatus,
  type ECSClient,
  type Task,
} from "@aws-sdk/client-ecs";
import { commonText } from "../common-messages";
import type { CheckContext, Outcome, SandboxAccess } from "../context";
import { catalog, fail } from "../define";

const en = {
  noCluster: (cluster: string) => `Expected: the cluster ${cluster} in your sandbox. Seen: no such cluster — create it, or set up the exercise again.`,
  noService: (service: string, cluster: string) => `Expected: the service ${service} in the cluster ${cluster}. Seen: no such service.`,
};
const ja: typeof en = {
  noCluster: (cluster: string) => `期待: サンドボックスにクラスター ${cluster} があること。実際: ありません。作成するか、演習を準備し直してください。`,
  noService: (service: string, cluster: string) => `期待: クラスター ${cluster} にサービス ${service} があること。実際: ありません。`,
};
export const sandboxText = catalog(en, ja);

/** Thrown inside a check to fail it with a message for the learner. */
class CheckFailure extends Error {}

export function notFound(message: string): never {
  throw new CheckFailure(message);
}

export async function withSandbox(ctx: CheckContext, read: (sandbox: SandboxAccess) => Promise<Outcome>): Promise<Outcome> {
  const t = commonText(ctx.lang);
  if (!ctx.sandbox) return fail(t.sandboxUnavailable);
  try {
    return await read(ctx.sandbox);
  } catch (error) {
    if (error instanceof CheckFailure) return fail(error.message);
    if (error instanceof ECSServiceException) return fail(t.sandboxError(`${error.name}: ${error.message}`));
    if (isUnreachable(error)) return fail(t.sandboxUnavailable);
    // Anything else is a defect in the check: the grader reports it as such (grade.ts).
    throw error;
  }
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EPIPE"]);

function isUnreachable(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: string; name?: string };
  return NETWORK_CODES.has(code ?? "") || name === "TimeoutError";
}

const TASKS_PER_DESCRIBE = 100;

/** Tasks of a cluster by desired status (optionally of one service or family), described. */
export async function tasksOf(
  ecs: ECSClient,
  cluster: string,
  desiredStatus: DesiredStatus,
  filter: { serviceName?: string; family?: string } = {},
): Promise<Task[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(new ListTasksCommand({ cluster, desiredStatus, ...filter, nextToken }));
    arns.push(...(page.taskArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken && arns.length < 1_000);
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += TASKS_PER_DESCRIBE) {
    const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + TASKS_PER_DESCRIBE) }));
    tasks.push(...(out.tasks ?? []));
  }
  return tasks;
}

/** ListTasks answers ClusterNotFoundException for a missing cluster; every sandbox check says the same. */
export async function ensureCluster<T>(ctx: CheckContext, cluster: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ECSServiceException && error.name === "ClusterNotFoundException") notFound(sandboxText(ctx.lang).noCluster(cluster));
    throw error;
  }
}

export const shortId = (arn: string | undefined) => (arn ?? "").split("/").pop() ?? "";
