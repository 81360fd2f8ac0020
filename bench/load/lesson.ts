// What the simulated learners work on: a lesson's first file (its starting text and its solution) and its cluster,
// read from the course so the bench follows the lesson if it changes.
import fs from "node:fs";
import path from "node:path";

const LESSONS = path.resolve(import.meta.dirname, "..", "..", "lessons");

export interface LoadLesson {
  id: string;
  /** The first file's name, e.g. orders-api.json. */
  file: string;
  /** The file as the lesson starts it, parsed. */
  start: Record<string, unknown>;
  /** The file's solution, parsed: a task definition the sandbox registers. */
  solution: Record<string, unknown>;
  /** The cluster the lesson's console shows. */
  cluster: string | null;
}

export function loadLesson(id: string): LoadLesson {
  for (const group of fs.readdirSync(LESSONS, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    const dirs = fs.readdirSync(path.join(LESSONS, group.name)).filter((d) => d === id || d.startsWith(`${id}-`));
    for (const d of dirs) {
      const dir = path.join(LESSONS, group.name, d);
      const lesson = JSON.parse(fs.readFileSync(path.join(dir, "lesson.json"), "utf8")) as { files?: Array<{ name: string }>; cluster?: string };
      const file = lesson.files?.[0]?.name;
      if (!file) throw new Error(`lesson ${id} has no files for the load bench to edit`);
      const read = (sub: string) => JSON.parse(fs.readFileSync(path.join(dir, sub, file), "utf8")) as Record<string, unknown>;
      return { id, file, start: read("_files"), solution: read("_solution"), cluster: lesson.cluster ?? null };
    }
  }
  throw new Error(`no lesson ${id} under ${LESSONS}`);
}

/**
 * The n-th edit of the file: valid JSON, a little different each time, as a learner's typing makes it. Every few
 * edits it switches between the starting text and the solution's network mode and size, so checks see both.
 */
export function draftText(lesson: LoadLesson, n: number): string {
  const base = Math.floor(n / 4) % 2 === 0 ? lesson.start : lesson.solution;
  const containers = (base.containerDefinitions as Array<Record<string, unknown>> | undefined) ?? [];
  const edited = {
    ...base,
    containerDefinitions: containers.map((c, i) => (i === 0 ? { ...c, environment: [{ name: "EDIT", value: String(n) }] } : c)),
  };
  return JSON.stringify(edited, null, 2);
}
