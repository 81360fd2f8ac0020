/**
 * A Markdown answer sheet with fixed headings (curriculum V60): every heading present, each keyword group matched in
 * its section, and an evidence section that quotes a real stopped task of the sandbox — the injected fault as the
 * learner saw it, not text copied from the page.
 */
import { z } from "zod";
import type { Task } from "@aws-sdk/client-ecs";
import type { CheckContext, Outcome } from "../context";
import { catalog, defineCheck, fail, pass } from "../define";
import { isOutcome, readableFile } from "./file-access";
import { ensureCluster, shortId, tasksOf, withSandbox } from "./sandbox-access";

const EVIDENCE_FIELDS = ["containerReasonCode", "exitCode", "stopCode", "taskId"] as const;
type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

const en = {
  heading: (heading: string) => `Expected: a section headed “${heading}”. Seen: no such heading.`,
  tooShort: (heading: string, min: number, seen: number) => `Expected: at least ${min} characters under “${heading}”. Seen: ${seen}.`,
  keyword: (heading: string, missing: number, total: number) =>
    `Expected under “${heading}”: everything this section asks for. Seen: ${missing} of ${total} item${total === 1 ? "" : "s"} still missing or wrong — the check's hint says what the section needs.`,
  noEvidence: (heading: string) =>
    `Expected under “${heading}”: output copied from your sandbox. Seen: no stopped task in your sandbox matches the fault any more (stopped tasks stay visible for about an hour of simulated time) — reset the exercise to see it again.`,
  evidence: (heading: string, fields: string, example: string) =>
    `Expected under “${heading}”: the ${fields} of a stopped task as describe-tasks shows it (one of your tasks has ${example}). Seen: they are not quoted.`,
};
const ja: typeof en = {
  heading: (heading: string) => `期待: 見出し「${heading}」の節。実際: その見出しがありません。`,
  tooShort: (heading: string, min: number, seen: number) => `期待: 「${heading}」の下に ${min} 文字以上。実際: ${seen} 文字。`,
  keyword: (heading: string, missing: number, total: number) =>
    `「${heading}」の下の期待: この節で問われていることをすべて書くこと。実際: ${total} 項目のうち ${missing} 項目がまだないか、誤っています。何が必要かはこのチェックのヒントにあります。`,
  noEvidence: (heading: string) =>
    `「${heading}」の下の期待: サンドボックスから写した出力。実際: 障害に一致する停止したタスクがもうサンドボックスにありません (停止したタスクはシミュレーション時間で約 1 時間表示されます)。演習をリセットすると、もう一度確認できます。`,
  evidence: (heading: string, fields: string, example: string) =>
    `「${heading}」の下の期待: describe-tasks に表示される停止したタスクの ${fields}。あなたのタスクの一例: ${example}。実際: 引用されていません。`,
};
const text = catalog(en, ja);

const section = z
  .object({
    /** The heading, in every language a learner may write it in. */
    heading: z.array(z.string().min(1)).min(1),
    /** Each group must match: one of its alternatives, case-insensitive. */
    keywords: z.array(z.array(z.string().min(1)).min(1)).default([]),
    minChars: z.number().int().min(0).default(0),
  })
  .strict();

const evidence = z
  .object({
    heading: z.array(z.string().min(1)).min(1),
    cluster: z.string().min(1),
    service: z.string().optional(),
    family: z.string().optional(),
    /** Only tasks with this container reason (a regular expression) count as the fault. */
    containerReason: z.string().optional(),
    fields: z.array(z.enum(EVIDENCE_FIELDS)).min(1),
  })
  .strict();

/** Sections of a Markdown text by heading (any level), without HTML comments (the starter's instructions). */
export function sectionsOf(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let body: string[] = [];
  const flush = () => current !== undefined && sections.set(current, body.join("\n").trim());
  for (const line of markdown.replace(/<!--[\s\S]*?-->/g, "").split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      current = normalize(heading[1]);
      body = [];
    } else {
      body.push(line);
    }
  }
  flush();
  return sections;
}

const normalize = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

function findSection(sections: Map<string, string>, names: string[]): string | undefined {
  for (const name of names) {
    const body = sections.get(normalize(name));
    if (body !== undefined) return body;
  }
  return undefined;
}

function valuesOf(task: Task, field: EvidenceField): string[] {
  const containers = task.containers ?? [];
  switch (field) {
    case "taskId":
      return [shortId(task.taskArn)];
    case "stopCode":
      return task.stopCode ? [task.stopCode] : [];
    case "exitCode":
      return containers.flatMap((c) => (c.exitCode === undefined ? [] : [String(c.exitCode)]));
    case "containerReasonCode":
      return containers.flatMap((c) => (c.reason ? [c.reason.split(":")[0].trim()] : []));
  }
}

function quotes(body: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9])${escaped}([^A-Za-z0-9]|$)`, "i").test(body.normalize("NFKC"));
}

export const answerSheet = defineCheck({
  kind: "answer-sheet",
  reads: (check) => (check.evidence ? "sandbox" : "files"),
  schema: z.object({ file: z.string(), sections: z.array(section).default([]), evidence: evidence.optional() }),
  async run(check, ctx): Promise<Outcome> {
    const file = readableFile(check.file, ctx);
    if (isOutcome(file)) return file;
    const t = text(ctx.lang);
    const sections = sectionsOf(file.text);
    const label = (names: string[]) => names.find((n) => /[^\x00-\x7F]/.test(n) === (ctx.lang === "ja")) ?? names[0];
    for (const spec of check.sections) {
      const body = findSection(sections, spec.heading);
      if (body === undefined) return fail(t.heading(label(spec.heading)));
      const length = [...body.replace(/\s+/g, "")].length;
      if (length < spec.minChars) return fail(t.tooShort(label(spec.heading), spec.minChars, length));
      // The accepted answers are the answer key: a failure counts what is missing and never lists them.
      const folded = normalize(body);
      const missing = spec.keywords.filter((group) => !group.some((word) => folded.includes(normalize(word)))).length;
      if (missing > 0) return fail(t.keyword(label(spec.heading), missing, spec.keywords.length));
    }
    if (!check.evidence) return pass();
    return checkEvidence(check.evidence, sections, ctx, label);
  },
});

function checkEvidence(
  spec: z.infer<typeof evidence>,
  sections: Map<string, string>,
  ctx: CheckContext,
  label: (names: string[]) => string,
): Promise<Outcome> {
  const t = text(ctx.lang);
  const body = findSection(sections, spec.heading);
  if (body === undefined) return Promise.resolve(fail(t.heading(label(spec.heading))));
  return withSandbox(ctx, async (sandbox) => {
    const filter = spec.service ? { serviceName: spec.service } : { family: spec.family };
    const stopped = (await ensureCluster(ctx, spec.cluster, () => tasksOf(sandbox.ecs, spec.cluster, "STOPPED", filter))).filter(
      (task) => task.lastStatus === "STOPPED" && (!spec.containerReason || (task.containers ?? []).some((c) => new RegExp(spec.containerReason!).test(c.reason ?? ""))),
    );
    if (stopped.length === 0) return fail(t.noEvidence(label(spec.heading)));
    const quoted = stopped.some((task) => spec.fields.every((field) => valuesOf(task, field).some((value) => quotes(body, value))));
    if (quoted) return pass();
    const example = spec.fields.map((field) => `${field} ${valuesOf(stopped[0], field)[0] ?? "—"}`).join(", ");
    return fail(t.evidence(label(spec.heading), spec.fields.join(", "), example));
  });
}
