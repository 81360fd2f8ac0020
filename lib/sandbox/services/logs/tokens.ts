/**
 * Pagination tokens. Each names a place in an order, never an offset, so a page boundary stays put while events
 * and streams come and go between calls (a tail keeps paging a stream that is being written).
 *
 * GetLogEvents' tokens look like AWS's, `f/<56 digits>/s` and `b/<56 digits>/s` ([observed] the tokens the AWS CLI
 * prints): the digits are the stream's number and the (timestamp, seq) place of an event, the same digits as the
 * event's id. The others are opaque base64 of a small text.
 */
import { LOGS_ERRORS } from "./errors";

const TS_DIGITS = 20;
const STREAM_DIGITS = 12;
const SEQ_DIGITS = 24;
/** Places before and after every event of a stream. */
export const BEFORE_ALL = { timestamp: 0, seq: 0 } as const;
export const AFTER_ALL = { timestamp: Number.MAX_SAFE_INTEGER, seq: 0 } as const;

export interface Place {
  timestamp: number;
  seq: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** 56 digits for an event (or a place) of a stream: FilterLogEvents' eventId and the body of GetLogEvents' tokens. */
export const placeDigits = (streamNumber: number, place: Place) =>
  `${pad(place.timestamp, TS_DIGITS)}${pad(streamNumber, STREAM_DIGITS)}${pad(place.seq, SEQ_DIGITS)}`;

export function streamToken(direction: "f" | "b", streamNumber: number, place: Place): string {
  return `${direction}/${placeDigits(streamNumber, place)}/s`;
}

/** A GetLogEvents token of this stream, or InvalidParameterException. */
export function readStreamToken(token: string, streamNumber: number): { direction: "f" | "b"; place: Place } {
  const match = /^([fb])\/(\d{56})(?:\/s)?$/.exec(token);
  if (!match) throw LOGS_ERRORS.badNextToken();
  const digits = match[2];
  const timestamp = Number(digits.slice(0, TS_DIGITS));
  const stream = Number(digits.slice(TS_DIGITS, TS_DIGITS + STREAM_DIGITS));
  const seq = Number(digits.slice(TS_DIGITS + STREAM_DIGITS));
  if (stream !== streamNumber || !Number.isSafeInteger(timestamp) || !Number.isSafeInteger(seq)) throw LOGS_ERRORS.badNextToken();
  return { direction: match[1] as "f" | "b", place: { timestamp, seq } };
}

/** An opaque token for `parts` (strings or numbers) of one kind. */
export function opaqueToken(kind: string, parts: (string | number)[]): string {
  const text = [`dojo-${kind}`, ...parts.map((p) => encodeURIComponent(String(p)))].join(":");
  return btoa(text);
}

/** The parts of an opaque token of `kind`, or InvalidParameterException. */
export function readOpaqueToken(token: string, kind: string, count: number): string[] {
  let text: string;
  try {
    text = atob(token);
  } catch {
    throw LOGS_ERRORS.badNextToken();
  }
  const parts = text.split(":");
  if (parts[0] !== `dojo-${kind}` || parts.length !== count + 1) throw LOGS_ERRORS.badNextToken();
  try {
    return parts.slice(1).map((p) => decodeURIComponent(p));
  } catch {
    throw LOGS_ERRORS.badNextToken();
  }
}

/** A number part of an opaque token, or InvalidParameterException. */
export function tokenNumber(part: string): number {
  const n = Number(part);
  if (part === "" || !Number.isSafeInteger(n)) throw LOGS_ERRORS.badNextToken();
  return n;
}
