/**
 * How a check kind is written: its own schema (the fields lesson.json gives it), its run function and its messages
 * in both languages (a `ja` catalog typed as the `en` one, so a message without a translation fails to compile).
 * The registry (checks/index.ts) lists the kinds; the lesson schema and the grader take them from there.
 */
import type { z } from "zod";
import type { Lang } from "@/lib/validator/types";
import type { Localized } from "../schema";
import type { CheckContext, Outcome } from "./context";

export interface CommonCheckFields {
  id: string;
  kind: string;
  title: Localized;
  hint?: Localized;
}

export interface CheckKind<S extends z.ZodObject = z.ZodObject> {
  kind: string;
  schema: S;
  /** What the check reads, so the loader and `lessons verify` know a lesson needs a sandbox. */
  reads: Reads | ((check: z.infer<S>) => Reads);
  run(check: z.infer<S> & CommonCheckFields, ctx: CheckContext): Promise<Outcome> | Outcome;
}

export type Reads = "files" | "quiz" | "sandbox" | "calls";


export function defineCheck<S extends z.ZodObject>(kind: CheckKind<S>): CheckKind<S> {
  return kind;
}

export const pass = (detail?: string): Outcome => ({ passed: true, detail });
export const fail = (detail: string): Outcome => ({ passed: false, detail });

/** A kind's messages in the learner's language. Declare `const ja: typeof en` so a missing translation fails to compile. */
export function catalog<T>(en: T, ja: T): (lang: Lang) => T {
  return (lang) => (lang === "ja" ? ja : en);
}
