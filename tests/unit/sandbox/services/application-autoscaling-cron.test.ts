/**
 * Application Auto Scaling's cron(…) schedules (services/application-autoscaling/cron.ts): AWS's six fields and their
 * wildcards, the next time an action fires in UTC or in its Timezone, the bounds StartTime and EndTime set, the
 * ValidationException a bad expression gets — and a cron action changing an ECS service's desired count on the
 * simulated clock.
 */
import { describe, expect, test } from "vitest";
import { handleOperation, NEW_ACCOUNT } from "@/lib/sandbox/engine";
import { EcsError } from "@/lib/sandbox/engine/errors";
import { advanceTo, runOperation } from "@/lib/sandbox/engine/simulation";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine/state";
import { applicationAutoScalingProvider } from "@/lib/sandbox/services/application-autoscaling";
import { nextCronRun, parseCron } from "@/lib/sandbox/services/application-autoscaling/cron";
import { nextRunAt } from "@/lib/sandbox/services/application-autoscaling/scheduled";

/** Monday 2026-12-07, 06:00 UTC (15:00 in Tokyo). */
const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
const utc = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace(".000Z", "Z"));
/** The next `count` runs of `expression` after `from`, as ISO strings. */
function runs(expression: string, from: number, count: number, zone?: string): (string | undefined)[] {
  const schedule = parseCron(expression);
  const out: (string | undefined)[] = [];
  let after = from;
  for (let i = 0; i < count; i++) {
    const next = nextCronRun(schedule, after, zone);
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

/** The error text parseCron throws for `expression`. */
function refusal(expression: string): string {
  try {
    parseCron(expression);
  } catch (error) {
    expect(error).toBeInstanceOf(EcsError);
    return `${(error as EcsError).type}: ${(error as EcsError).message}`;
  }
  throw new Error(`cron(${expression}) was accepted`);
}

describe("next runs", () => {
  test("the guide's example, 30 6 ? * MON *: every Monday at 06:30 UTC", () => {
    expect(runs("30 6 ? * MON *", T0, 3)).toEqual(["2026-12-07T06:30:00Z", "2026-12-14T06:30:00Z", "2026-12-21T06:30:00Z"]);
    // Exactly at a run, the next one is a week later.
    expect(runs("30 6 ? * MON *", utc("2026-12-07T06:30:00"), 1)).toEqual(["2026-12-14T06:30:00Z"]);
  });

  test("lists, ranges, steps and names", () => {
    expect(runs("0/20 9-10 ? * MON-FRI *", T0, 7)).toEqual([
      "2026-12-07T09:00:00Z",
      "2026-12-07T09:20:00Z",
      "2026-12-07T09:40:00Z",
      "2026-12-07T10:00:00Z",
      "2026-12-07T10:20:00Z",
      "2026-12-07T10:40:00Z",
      "2026-12-08T09:00:00Z",
    ]);
    expect(runs("15 0,12 1 JAN,JUL ? *", T0, 3)).toEqual(["2027-01-01T00:15:00Z", "2027-01-01T12:15:00Z", "2027-07-01T00:15:00Z"]);
    // A day-of-week range that wraps past Saturday: Friday to Monday. 2026-12-11 is a Friday.
    expect(runs("0 8 ? * FRI-MON *", utc("2026-12-08T00:00:00"), 4)).toEqual(["2026-12-11T08:00:00Z", "2026-12-12T08:00:00Z", "2026-12-13T08:00:00Z", "2026-12-14T08:00:00Z"]);
    // Numbers for days of the week count from 1 = Sunday.
    expect(runs("0 8 ? * 1 *", T0, 1)).toEqual(["2026-12-13T08:00:00Z"]);
  });

  test("L, W and #: last day, nearest weekday, nth weekday of the month", () => {
    expect(runs("0 0 L * ? *", T0, 3)).toEqual(["2026-12-31T00:00:00Z", "2027-01-31T00:00:00Z", "2027-02-28T00:00:00Z"]);
    // 2027-05-15 is a Saturday: its nearest weekday is Friday the 14th; 2027-08-01 is a Sunday: Monday the 2nd.
    expect(runs("0 9 15W 5 ? *", T0, 1)).toEqual(["2027-05-14T09:00:00Z"]);
    expect(runs("0 9 1W 8 ? *", T0, 1)).toEqual(["2027-08-02T09:00:00Z"]);
    // The last Friday (6L) and the first Monday (MON#1: today, 2026-12-07, is December's) of the month.
    expect(runs("0 18 ? * 6L *", T0, 2)).toEqual(["2026-12-25T18:00:00Z", "2027-01-29T18:00:00Z"]);
    expect(runs("0 7 ? * MON#1 *", T0, 2)).toEqual(["2026-12-07T07:00:00Z", "2027-01-04T07:00:00Z"]);
    expect(runs("0 7 ? * 2#2 *", T0, 1)).toEqual(["2026-12-14T07:00:00Z"]);
  });

  test("the Year field bounds the schedule; a date that never comes never runs", () => {
    expect(runs("0 0 1 1 ? 2027-2028", T0, 3)).toEqual(["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", undefined]);
    expect(runs("0 0 1 1 ? 2025", T0, 1)).toEqual([undefined]);
    expect(runs("0 0 30 2 ? *", T0, 1)).toEqual([undefined]);
  });

  test("in the action's Timezone: 08:45 on weekdays in Asia/Tokyo is 23:45 UTC the day before", () => {
    expect(runs("45 8 ? * MON-FRI *", T0, 3, "Asia/Tokyo")).toEqual(["2026-12-07T23:45:00Z", "2026-12-08T23:45:00Z", "2026-12-09T23:45:00Z"]);
    // Friday's 08:45 in Tokyo is Thursday 23:45 UTC; the next is Monday's.
    expect(runs("45 8 ? * MON-FRI *", utc("2026-12-10T23:45:00"), 1, "Asia/Tokyo")).toEqual(["2026-12-13T23:45:00Z"]);
    // A zone with daylight saving time: 09:00 in New York is 14:00 UTC in winter, 13:00 UTC in summer.
    expect(runs("0 9 1 * ? *", utc("2027-02-15T00:00:00"), 3, "America/New_York")).toEqual(["2027-03-01T14:00:00Z", "2027-04-01T13:00:00Z", "2027-05-01T13:00:00Z"]);
  });

  test("StartTime and EndTime bound a cron schedule; an at() schedule follows the Timezone too", () => {
    const base = { arn: "a", name: "n", resourceId: "service/shop/web", createdAtMs: T0, schedule: "cron(0 12 * * ? *)" };
    expect(iso(nextRunAt(base, T0))).toBe("2026-12-07T12:00:00Z");
    expect(iso(nextRunAt({ ...base, startMs: utc("2026-12-10T00:00:00") }, T0))).toBe("2026-12-10T12:00:00Z");
    expect(iso(nextRunAt({ ...base, endMs: utc("2026-12-08T00:00:00") }, utc("2026-12-07T12:00:00")))).toBeUndefined();
    expect(iso(nextRunAt({ ...base, schedule: "at(2026-12-08T09:00:00)", timezone: "Asia/Tokyo" }, T0))).toBe("2026-12-08T00:00:00Z");
  });
});

describe("refused expressions", () => {
  test("both day fields given: AWS's text for cron(0 16 * * MON-FRI *) (hashicorp/terraform-provider-aws#13995)", () => {
    expect(refusal("0 16 * * MON-FRI *")).toBe(
      "ValidationException: Invalid schedule expression. Details: Invalid CRON expression: error at position 0, details: Invalid Month value: 'MON'",
    );
    expect(refusal("0 16 * * 2-6 *")).toBe(
      "ValidationException: Invalid schedule expression. Details: Invalid CRON expression: error at position 0, details: Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.",
    );
    expect(refusal("0 16 ? * ? *")).toContain("Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.");
  });

  test("five fields (Unix cron), a value out of range, a bad name", () => {
    expect(refusal("0 22 * * ?")).toBe("ValidationException: Invalid schedule expression. Details: Invalid CRON expression: error at position 10, details: Unexpected end of expression.");
    expect(refusal("0 24 * * ? *")).toBe("ValidationException: Invalid schedule expression. Details: Invalid CRON expression: error at position 0, details: Hour values must be between 0 and 23");
    expect(refusal("0 8 ? FOO * *")).toBe("ValidationException: Invalid schedule expression. Details: Invalid CRON expression: error at position 0, details: Invalid Month value: 'FOO'");
    expect(refusal("0 8 ? * MON#6 *")).toContain("A numeric value between 1 and 5 must follow the '#' option");
  });
});

describe("a cron scheduled action on the simulated clock", () => {
  function sandbox() {
    let state: SandboxState = createSandboxState("123456789012", "ap-northeast-1");
    let now = T0;
    state.clock = { simMs: now, wallMs: now };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ecs = (operation: string, input: object): any => {
      const result = handleOperation(state, operation, input, now, NEW_ACCOUNT);
      state = result.state;
      return result.output;
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const aas = (operation: string, input: object): any => {
      const op = applicationAutoScalingProvider.operations[operation];
      const result = runOperation(state, op, input, now, NEW_ACCOUNT);
      if (!op.readOnly) state = result.state;
      return result.output;
    };
    const advanceTo_ = (ms: number) => {
      now = ms;
      state = advanceTo(state, now, NEW_ACCOUNT);
    };
    return { ecs, aas, advanceTo: advanceTo_, desired: () => state.services["shop/web"].service.desiredCount };
  }
  const KEYS = { ServiceNamespace: "ecs", ResourceId: "service/shop/web", ScalableDimension: "ecs:service:DesiredCount" };

  test("the morning rush: at 08:45 Tokyo time on a weekday the minimum becomes 6, and the service scales to it", () => {
    const s = sandbox();
    s.ecs("CreateCluster", { clusterName: "shop" });
    s.ecs("RegisterTaskDefinition", { family: "web", containerDefinitions: [{ name: "web", image: "sbx/web:1.0", memory: 128, essential: true }] });
    s.ecs("CreateService", { cluster: "shop", serviceName: "web", taskDefinition: "web", desiredCount: 2 });
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 2, MaxCapacity: 10 });
    s.aas("PutScheduledAction", { ...KEYS, ScheduledActionName: "morning-rush", Schedule: "cron(45 8 ? * MON-FRI *)", Timezone: "Asia/Tokyo", ScalableTargetAction: { MinCapacity: 6 } });
    expect(s.aas("DescribeScheduledActions", { ServiceNamespace: "ecs" }).ScheduledActions[0]).toMatchObject({ Schedule: "cron(45 8 ? * MON-FRI *)", Timezone: "Asia/Tokyo" });
    s.advanceTo(utc("2026-12-07T23:44:00"));
    expect(s.desired()).toBe(2);
    s.advanceTo(utc("2026-12-07T23:45:00"));
    expect(s.desired()).toBe(6);
    expect(s.aas("DescribeScalableTargets", { ServiceNamespace: "ecs" }).ScalableTargets[0]).toMatchObject({ MinCapacity: 6, MaxCapacity: 10 });
    expect(s.aas("DescribeScalingActivities", { ServiceNamespace: "ecs" }).ScalingActivities[0].Cause).toBe("scheduled action name morning-rush was triggered");
  });

  test("PutScheduledAction refuses a bad cron expression and an unknown Timezone, storing nothing", () => {
    const s = sandbox();
    s.ecs("CreateCluster", { clusterName: "shop" });
    s.ecs("RegisterTaskDefinition", { family: "web", containerDefinitions: [{ name: "web", image: "sbx/web:1.0", memory: 128, essential: true }] });
    s.ecs("CreateService", { cluster: "shop", serviceName: "web", taskDefinition: "web", desiredCount: 1 });
    s.aas("RegisterScalableTarget", { ...KEYS, MinCapacity: 1, MaxCapacity: 4 });
    const put = (schedule: string, timezone?: string) => {
      try {
        s.aas("PutScheduledAction", { ...KEYS, ScheduledActionName: "bad", Schedule: schedule, ...(timezone ? { Timezone: timezone } : {}), ScalableTargetAction: { MinCapacity: 2 } });
      } catch (error) {
        return `${(error as EcsError).type}: ${(error as EcsError).message}`;
      }
      return "accepted";
    };
    expect(put("cron(0 16 * * MON-FRI *)")).toBe(
      "ValidationException: Invalid schedule expression. Details: Invalid CRON expression: error at position 0, details: Invalid Month value: 'MON'",
    );
    expect(put("cron(0 16 ? * MON-FRI *)", "Asia/Tokio")).toBe(
      "ValidationException: Invalid Timezone 'Asia/Tokio': give the canonical name of an IANA time zone, such as Asia/Tokyo or Etc/UTC.",
    );
    expect(s.aas("DescribeScheduledActions", { ServiceNamespace: "ecs" }).ScheduledActions).toEqual([]);
  });
});
