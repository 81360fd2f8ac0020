import { z } from "zod";

const localized = z.object({ en: z.string().min(1), ja: z.string().min(1) });

/** A lesson check. Kinds are few and generic so that lessons stay data; lib/grading gives each kind its meaning. */
export const checkSchema = z.discriminatedUnion("kind", [
  /** AWS would accept the text: no validator diagnostic of level `error`. */
  z.object({ id: z.string(), kind: z.literal("no-errors"), title: localized }),
  /** None of these validator rules fires. */
  z.object({ id: z.string(), kind: z.literal("rules-clear"), title: localized, rules: z.array(z.string()).min(1) }),
  /** Fargate task size with headroom: at least these units/MiB, and the smallest valid pair that fits. */
  z.object({
    id: z.string(),
    kind: z.literal("fargate-size"),
    title: localized,
    minCpuUnits: z.number().int().positive(),
    minMemoryMiB: z.number().int().positive(),
  }),
]);
export type LessonCheck = z.infer<typeof checkSchema>;

export const lessonSchema = z.object({
  id: z.string().regex(/^L\d{3}$/),
  module: z.string(),
  order: z.number().int(),
  /** The file the learner edits, from `_files/`; the solution has the same name in `_solution/`. */
  file: z.string().regex(/^[\w.-]+\.json$/),
  checks: z.array(checkSchema).min(1),
  sandbox: z.object({ cluster: z.string(), launchType: z.literal("FARGATE") }),
  /** The least severe validator level the editor shows; a lesson may keep best-practice warnings for later ones. */
  editorMinLevel: z.enum(["error", "runtime", "warning"]).default("warning"),
});

export const hintsSchema = z.object({
  en: z.array(z.string().min(1)).length(3),
  ja: z.array(z.string().min(1)).length(3),
});

export const frontmatterSchema = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  minutes: z.number().positive(),
  exam: z.array(z.string()).default([]),
});
export type LessonFrontmatter = z.infer<typeof frontmatterSchema>;
