/**
 * What the containers wrote (curriculum R09): a log event matching a pattern is (or is not) in a CloudWatch Logs group,
 * optionally only in streams with a prefix (awslogs names them `<prefix>/<container>/<task id>`). Read with
 * FilterLogEvents as the grader, so the reads never enter the learner's call history.
 */
import { z } from "zod";
import { commonText } from "../common-messages";
import type { CheckContext } from "../context";
import { catalog, defineCheck, fail, pass } from "../define";

/** A group a lesson reads holds a few hundred events at most; stop paging long before a runaway loop could matter. */
const MAX_PAGES = 20;

const en = {
  where: (group: string, prefix?: string) => `the log group ${group}${prefix ? ` (streams starting ${prefix})` : ""}`,
  noGroup: (group: string) => `Expected: the log group ${group} in your sandbox. Seen: no such log group.`,
  missing: (pattern: string, where: string, count: number, latest?: string) =>
    `Expected: a log event matching /${pattern}/ in ${where}. Seen: ${count === 0 ? "no log events there" : `${count} event${count === 1 ? "" : "s"}, none matching; the latest: “${latest}”`}.`,
  unwanted: (pattern: string, where: string, message: string, stream: string) =>
    `Expected: no log event matching /${pattern}/ in ${where}. Seen: “${message}” in the stream ${stream}.`,
};
const ja: typeof en = {
  where: (group: string, prefix?: string) => `ロググループ ${group}${prefix ? ` (${prefix} で始まるストリーム)` : ""}`,
  noGroup: (group: string) => `期待: サンドボックスにロググループ ${group} があること。実際: ありません。`,
  missing: (pattern: string, where: string, count: number, latest?: string) =>
    `期待: ${where}に /${pattern}/ に一致するログイベントがあること。実際: ${count === 0 ? "ログイベントがありません" : `${count} 件のイベントのうち一致するものはありません (最新: 「${latest}」)`}。`,
  unwanted: (pattern: string, where: string, message: string, stream: string) =>
    `期待: ${where}に /${pattern}/ に一致するログイベントがないこと。実際: ストリーム ${stream} に「${message}」があります。`,
};
const text = catalog(en, ja);

interface Event {
  message: string;
  logStreamName: string;
  timestamp: number;
}

/** Every event of the group (in the streams with the prefix), or the failure to tell the learner. */
async function eventsOf(ctx: CheckContext, group: string, prefix: string | undefined): Promise<Event[] | { failed: string }> {
  const logs = ctx.sandbox?.logs;
  if (!logs) return { failed: commonText(ctx.lang).sandboxUnavailable };
  const events: Event[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await logs("FilterLogEvents", { logGroupName: group, ...(prefix ? { logStreamNamePrefix: prefix } : {}), ...(nextToken ? { nextToken } : {}) });
      for (const event of (out.events ?? []) as Partial<Event>[]) {
        events.push({ message: String(event.message ?? ""), logStreamName: String(event.logStreamName ?? ""), timestamp: Number(event.timestamp ?? 0) });
      }
      nextToken = typeof out.nextToken === "string" ? out.nextToken : undefined;
      if (!nextToken) break;
    }
  } catch (error) {
    const { name, message } = error as Error;
    if (name === "ResourceNotFoundException") return { failed: text(ctx.lang).noGroup(group) };
    if (name === "TypeError" || name === "TimeoutError") return { failed: commonText(ctx.lang).sandboxUnavailable };
    return { failed: commonText(ctx.lang).sandboxError(`${name}: ${message}`) };
  }
  return events;
}

export const logEvents = defineCheck({
  kind: "log-events",
  reads: "sandbox",
  schema: z.object({
    logGroup: z.string().min(1),
    /** Only streams whose name starts with this (e.g. `orders/app/` for the app container's awslogs streams). */
    logStreamPrefix: z.string().min(1).optional(),
    /** A regular expression one event's message must match (or, with present: false, none may). */
    matches: z.string().min(1),
    present: z.boolean().default(true),
  }),
  async run(check, ctx) {
    const got = await eventsOf(ctx, check.logGroup, check.logStreamPrefix);
    if (!Array.isArray(got)) return fail(got.failed);
    const t = text(ctx.lang);
    const pattern = new RegExp(check.matches);
    const where = t.where(check.logGroup, check.logStreamPrefix);
    const hit = got.find((event) => pattern.test(event.message));
    if (check.present) {
      if (hit) return pass();
      const latest = got.reduce<Event | undefined>((a, b) => (!a || b.timestamp >= a.timestamp ? b : a), undefined);
      return fail(t.missing(check.matches, where, got.length, latest?.message));
    }
    return hit ? fail(t.unwanted(check.matches, where, hit.message, hit.logStreamName)) : pass();
  },
});
