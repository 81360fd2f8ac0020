/**
 * Application Auto Scaling's `cron(…)` schedules: reading one, and when it next fires.
 *
 * [AWS-doc] scheduled-scaling-using-cron-expressions: "six fields separated by white spaces: [Minutes] [Hours]
 * [Day_of_Month] [Month] [Day_of_Week] [Year]", in UTC unless the action names a Timezone ("the canonical names of the
 * IANA time zones supported by Joda-Time"). The fields' values and wildcards are those of the cron expressions
 * reference the guide links to (the EventBridge one):
 *
 * | field        | values                 | wildcards     |
 * | ------------ | ---------------------- | ------------- |
 * | Minutes      | 0-59                   | , - * /       |
 * | Hours        | 0-23                   | , - * /       |
 * | Day-of-month | 1-31                   | , - * ? / L W |
 * | Month        | 1-12 or JAN-DEC        | , - * /       |
 * | Day-of-week  | 1-7 or SUN-SAT (1=SUN) | , - * ? L #   |
 * | Year         | 1970-2199              | , - * /       |
 *
 * and "You cannot specify the Day-of-month and Day-of-week fields in the same cron expression. If you specify a value
 * (or a *) in one of the fields, you must use a ? in the other."
 *
 * A bad expression is refused with a ValidationException. [observed] hashicorp/terraform-provider-aws#13995 gives one
 * whole text, for `cron(0 16 * * MON-FRI *)` (both day fields given): "Invalid schedule expression. Details: Invalid
 * CRON expression: error at position 0, details: Invalid Month value: 'MON'". [inferred] The service checks the
 * expression with a Quartz-style parser: the frame and the detail texts below are Quartz's CronExpression wording, the
 * position is the offset inside the field where the parser stopped. The misleading "Month" of the observed text is
 * what such a parser says when it reads those six fields in its own order (seconds first), so it is reproduced for a
 * day-of-week given by name next to a day-of-month; other breaches of the rule get Quartz's own text for it.
 */
import { validation } from "./common";

export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  /** Day-of-month, unless `?`: the days, "L" (last), or a weekday nearest a day ("15W", "LW"). */
  daysOfMonth: { days: Set<number>; last: boolean; nearestWeekday?: number | "L" } | undefined;
  months: Set<number>;
  /** Day-of-week (0 = Sunday), unless `?`: the days, the last of a day in the month ("6L"), or the nth ("2#1"). */
  daysOfWeek: { days: Set<number>; lastOf?: number; nth?: { day: number; n: number } } | undefined;
  years: Set<number>;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/** [AWS-doc] the reference's Year range. */
const YEARS = { min: 1970, max: 2199 } as const;

/** A refused expression, in the frame AWS answers ([observed], see the header). */
export const invalidCron = (position: number, details: string) =>
  validation(`Invalid schedule expression. Details: Invalid CRON expression: error at position ${position}, details: ${details}`);

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Names count from this number (months from 1, days of week from 1 = SUN). */
  namesFrom?: number;
}

const FIELDS: Record<"minutes" | "hours" | "dayOfMonth" | "month" | "dayOfWeek" | "year", FieldSpec> = {
  minutes: { name: "Minute", min: 0, max: 59 },
  hours: { name: "Hour", min: 0, max: 23 },
  dayOfMonth: { name: "Day-of-Month", min: 1, max: 31 },
  month: { name: "Month", min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  dayOfWeek: { name: "Day-of-Week", min: 1, max: 7, names: DAYS, namesFrom: 1 },
  year: { name: "Year", min: YEARS.min, max: YEARS.max },
};

/** A number or a name of the field; the offset in `part` where it stops being one. */
function valueOf(text: string, field: FieldSpec, offset: number): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    // [inferred] Quartz's range texts ("Minute and Second values must be between 0 and 59" and the like).
    if (value < field.min || value > field.max) throw invalidCron(offset, `${field.name} values must be between ${field.min} and ${field.max}`);
    return value;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) {
    if (field.names) throw invalidCron(offset, `Invalid ${field.name} value: '${text.slice(0, 3)}'`);
    throw invalidCron(offset, `Illegal characters for this position: '${text.slice(0, 3)}'`); // [inferred] Quartz
  }
  return index + (field.namesFrom ?? 0);
}

/** One comma-separated item: `*`, `v`, `a-b`, `*`/`a` or `a-b` stepped by `/n`. */
function addItem(values: Set<number>, item: string, field: FieldSpec, offset: number): void {
  const [range, stepText, ...rest] = item.split("/");
  if (rest.length > 0 || stepText === "") throw invalidCron(offset + item.length, `'/' must be followed by an integer.`); // [inferred]
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step <= 0) throw invalidCron(offset + range.length + 1, `'/' must be followed by an integer.`); // [inferred]
  let from: number;
  let to: number;
  if (range === "*") [from, to] = [field.min, field.max];
  else {
    const [a, b, ...more] = range.split("-");
    if (more.length > 0 || a === "" || b === "") throw invalidCron(offset, `Illegal characters for this position: '${range.slice(0, 3)}'`); // [inferred]
    from = valueOf(a, field, offset);
    // "a/n" runs from a to the field's end, as in Quartz and EventBridge.
    to = b !== undefined ? valueOf(b, field, offset + a.length + 1) : stepText !== undefined ? field.max : from;
  }
  if (from <= to) for (let v = from; v <= to; v += step) values.add(v);
  else {
    // A range that wraps (FRI-MON, NOV-FEB), as Quartz reads it.
    const span = field.max - field.min + 1;
    for (let k = 0; k <= to - from + span; k += step) values.add(((from - field.min + k) % span) + field.min);
  }
}

function listOf(text: string, field: FieldSpec): Set<number> {
  const values = new Set<number>();
  let offset = 0;
  for (const item of text.split(",")) {
    if (item === "") throw invalidCron(offset, `Unexpected end of expression.`); // [inferred]
    addItem(values, item, field, offset);
    offset += item.length + 1;
  }
  return values;
}

function readDaysOfMonth(text: string): CronSchedule["daysOfMonth"] {
  if (text === "?") return undefined;
  if (text === "L") return { days: new Set(), last: true };
  if (text === "LW") return { days: new Set(), last: false, nearestWeekday: "L" };
  const weekday = /^(\d{1,2})W$/.exec(text);
  if (weekday) return { days: new Set(), last: false, nearestWeekday: valueOf(weekday[1], FIELDS.dayOfMonth, 0) };
  return { days: listOf(text, FIELDS.dayOfMonth), last: false };
}

function readDaysOfWeek(text: string): CronSchedule["daysOfWeek"] {
  if (text === "?") return undefined;
  const toZeroBased = (day: number) => day - 1;
  const last = /^([A-Za-z]{3}|\d)L$/.exec(text);
  if (last) return { days: new Set(), lastOf: toZeroBased(valueOf(last[1], FIELDS.dayOfWeek, 0)) };
  const nth = /^([A-Za-z]{3}|\d)#(\d)$/.exec(text);
  if (nth) {
    const n = Number(nth[2]);
    // [inferred] Quartz: "A numeric value between 1 and 5 must follow the '#' option".
    if (n < 1 || n > 5) throw invalidCron(nth[1].length + 1, "A numeric value between 1 and 5 must follow the '#' option");
    return { days: new Set(), nth: { day: toZeroBased(valueOf(nth[1], FIELDS.dayOfWeek, 0)), n } };
  }
  return { days: new Set([...listOf(text, FIELDS.dayOfWeek)].map(toZeroBased)) };
}

/** Reads the inside of `cron(…)`; throws AWS's ValidationException for a bad one. */
export function parseCron(fieldsText: string): CronSchedule {
  const fields = fieldsText.trim().split(/\s+/);
  // [inferred] Quartz's texts for too few and too many fields.
  if (fields.length < 6) throw invalidCron(fieldsText.length, "Unexpected end of expression.");
  if (fields.length > 6) throw invalidCron(fieldsText.length, "Expression has too many fields.");
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    // [observed] (header): a day-of-week by name next to a day-of-month is reported as a bad Month.
    const named = /^[A-Za-z]{3}/.exec(dayOfWeek);
    if (dayOfMonth !== "?" && named) throw invalidCron(0, `Invalid Month value: '${named[0]}'`);
    // A refusal, not a missing feature: AWS's cron requires `?` in exactly one of day-of-month and day-of-week, and
    // answers with the Quartz library's own wording for it ([inferred] that AWS passes it through unchanged).
    throw invalidCron(0, "Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.");
  }
  return {
    minutes: listOf(minutes, FIELDS.minutes),
    hours: listOf(hours, FIELDS.hours),
    daysOfMonth: readDaysOfMonth(dayOfMonth),
    months: listOf(month, FIELDS.month),
    daysOfWeek: readDaysOfWeek(dayOfWeek),
    years: listOf(year, FIELDS.year),
  };
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** Whether the schedule runs on this local date (month 1-12). */
function runsOn(schedule: CronSchedule, year: number, month: number, day: number): boolean {
  const length = daysInMonth(year, month);
  const dom = schedule.daysOfMonth;
  if (dom) {
    if (dom.last) return day === length;
    if (dom.nearestWeekday !== undefined) {
      // The weekday nearest the given day, never leaving the month.
      const target = dom.nearestWeekday === "L" ? length : Math.min(dom.nearestWeekday, length);
      const weekday = weekdayOf(year, month, target);
      let nearest = target;
      if (weekday === 6) nearest = target === 1 ? 3 : target - 1;
      else if (weekday === 0) nearest = target === length ? target - 2 : target + 1;
      return day === nearest;
    }
    return dom.days.has(day);
  }
  const dow = schedule.daysOfWeek!;
  const weekday = weekdayOf(year, month, day);
  if (dow.lastOf !== undefined) return weekday === dow.lastOf && day + 7 > length;
  if (dow.nth) return weekday === dow.nth.day && Math.ceil(day / 7) === dow.nth.n;
  return dow.days.has(weekday);
}

/** The wall clock of `zone` at `utcMs`, as if it were UTC (so that its difference from `utcMs` is the offset). */
function wallClockMs(zone: string, utcMs: number): number {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/**
 * The UTC instant of a local wall-clock time in `zone` (the offset in force a moment later). [inferred] Around a
 * daylight-saving change, a wall time that does not exist or exists twice runs at one of its two readings; AWS does not
 * document which.
 */
export function zonedToUtc(localMs: number, zone: string | undefined): number {
  if (!zone || zone === "UTC" || zone === "Etc/UTC") return localMs;
  const firstGuess = localMs - (wallClockMs(zone, localMs) - localMs);
  const offset = wallClockMs(zone, firstGuess) - firstGuess;
  return localMs - offset;
}

/** Whether `zone` names a time zone the sandbox (Node's ICU data) knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** One formatter per zone: making one costs far more than using it. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    FORMATTERS.set(zone, formatter);
  }
  return formatter;
}

/** No zone is further than this from UTC (Pacific/Kiritimati, +14 h). */
const MAX_OFFSET_MS = 14 * 3_600_000;

/** The first time after `afterMs` (exclusive, UTC ms) the schedule fires in `zone`; undefined when it never does. */
export function nextCronRun(schedule: CronSchedule, afterMs: number, zone?: string): number | undefined {
  // Start a day early in local terms: a zone's offset is at most ±14 h.
  const start = new Date(afterMs - 86_400_000);
  /** A local time this early is before `afterMs` in every zone: no need to convert it. */
  const tooEarly = (localMs: number) => localMs + MAX_OFFSET_MS <= afterMs;
  const hours = [...schedule.hours].sort((a, b) => a - b);
  const minutes = [...schedule.minutes].sort((a, b) => a - b);
  const months = [...schedule.months].sort((a, b) => a - b);
  for (const year of [...schedule.years].sort((a, b) => a - b)) {
    if (year < start.getUTCFullYear()) continue;
    for (const month of months) {
      if (year === start.getUTCFullYear() && month < start.getUTCMonth() + 1) continue;
      for (let day = 1; day <= daysInMonth(year, month); day++) {
        if (tooEarly(Date.UTC(year, month - 1, day + 1)) || !runsOn(schedule, year, month, day)) continue;
        for (const hour of hours) {
          for (const minute of minutes) {
            const local = Date.UTC(year, month - 1, day, hour, minute);
            if (tooEarly(local)) continue;
            const at = zonedToUtc(local, zone);
            if (at > afterMs) return at;
          }
        }
      }
    }
  }
  return undefined;
}
