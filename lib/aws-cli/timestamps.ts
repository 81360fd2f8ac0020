/**
 * Timestamps as AWS CLI v2 prints them (cli_timestamp_format iso8601): Python's datetime.isoformat() of the parsed
 * value — an epoch number (AWS JSON) in the local time zone, an ISO string (query/XML) in its own offset; microseconds
 * only when not zero.
 */

/** Minutes east of UTC at a moment; injected so a browser terminal uses the learner's zone and tests a fixed one. */
export type TimeZoneOffset = (epochMs: number) => number;

export const localTimeZoneOffset: TimeZoneOffset = (epochMs) => -new Date(epochMs).getTimezoneOffset();

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Python's round(): halves to even. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function isoFromParts(wholeSeconds: number, micros: number, offsetMinutes: number | undefined): string {
  const shifted = new Date((wholeSeconds + (offsetMinutes ?? 0) * 60) * 1000);
  const date = `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  const fraction = micros === 0 ? "" : `.${pad(micros, 6)}`;
  return `${date}T${time}${fraction}${offsetMinutes === undefined ? "" : offsetText(offsetMinutes)}`;
}

/** datetime.fromtimestamp(seconds, tzlocal()).isoformat() */
export function isoFromEpoch(seconds: number, zone: TimeZoneOffset): string {
  let whole = Math.floor(seconds);
  let micros = roundHalfEven((seconds - whole) * 1e6);
  if (micros >= 1_000_000) {
    whole += 1;
    micros -= 1_000_000;
  }
  return isoFromParts(whole, micros, zone(whole * 1000));
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;

/** dateutil's parse(text).isoformat() for the ISO 8601 forms AWS answers with; undefined for anything else. */
export function isoFromText(text: string): string | undefined {
  const match = ISO.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = match;
  const whole = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  if (Number.isNaN(whole)) return undefined;
  const micros = Number((frac + "000000").slice(0, 6));
  let offset: number | undefined;
  if (zone === undefined) offset = undefined;
  else if (/^(Z|z|UTC|GMT)$/.test(zone)) offset = 0;
  else {
    const digits = zone.replace(":", "");
    offset = (zone[0] === "-" ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  // The wall-clock parts are already in `offset`: format them as they are.
  return isoFromParts(whole - (offset ?? 0) * 60, micros, offset);
}

/** A timestamp value of an answer, as the CLI prints it. */
export function formatTimestamp(value: unknown, zone: TimeZoneOffset): unknown {
  if (typeof value === "number") return isoFromEpoch(value, zone);
  if (typeof value === "string") {
    if (/^-?\d+(\.\d+)?$/.test(value.trim())) return isoFromEpoch(Number(value), zone);
    return isoFromText(value) ?? value;
  }
  return value;
}

/**
 * A timestamp parameter as botocore reads it (an epoch number, or an ISO 8601 date or date-time; naive means UTC):
 * epoch milliseconds, or undefined when it is not one.
 */
export function parseTimestampInput(value: unknown): number | undefined {
  if (typeof value === "number") return value * 1000;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const match = ISO.exec(text);
  if (!match) return undefined;
  const iso = isoFromText(text);
  if (!iso) return undefined;
  const withZone = /[+-]\d{2}:\d{2}$/.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}
