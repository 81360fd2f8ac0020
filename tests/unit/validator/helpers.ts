import { validate, type Diagnostic, type Lang, type QuickFix } from "@/lib/validator";

/** A valid Fargate task definition; tests change one thing at a time. */
export function fargateTaskDefinition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: "web",
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: "256",
    memory: "512",
    containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", essential: true }],
    ...overrides,
  };
}

/** A valid EC2 task definition without task-level sizes. */
export function ec2TaskDefinition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: "web",
    containerDefinitions: [{ name: "web", image: "nginx:1.27", memory: 512 }],
    ...overrides,
  };
}

export function text(document: unknown): string {
  return JSON.stringify(document, null, 2);
}

export function diagnostics(document: unknown, lang: Lang = "en"): Diagnostic[] {
  return validate(typeof document === "string" ? document : text(document), { lang });
}

export function only(document: unknown, ruleId: string, lang: Lang = "en"): Diagnostic[] {
  return diagnostics(document, lang).filter((diagnostic) => diagnostic.ruleId === ruleId);
}

/** The rule ids of what AWS rejects or the task fails on: best-practice warnings left out. */
export function ruleIds(document: unknown): string[] {
  return diagnostics(document)
    .filter((diagnostic) => diagnostic.level !== "warning")
    .map((diagnostic) => diagnostic.ruleId);
}

/** validate() without the best-practice warnings, which most fixtures trip on purpose-free. */
export function problems(source: string): Diagnostic[] {
  return validate(source).filter((diagnostic) => diagnostic.level !== "warning");
}

/** The text a range covers. */
export function covered(source: string, diagnostic: Diagnostic): string {
  return source.slice(diagnostic.range.start, diagnostic.range.end);
}

export function applyFix(source: string, fix: QuickFix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  let result = source;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
