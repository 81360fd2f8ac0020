/**
 * Where a check looks inside a document, and what it expects there. A path is a JSON pointer whose segments may
 * also be `[key=value]`, picking the array element whose `key` is `value` (so a learner may reorder containers).
 * For an ini file the path is `section.key`.
 */
import { z } from "zod";

export const matcherFields = {
  equals: z.unknown().optional(),
  matches: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  oneOf: z.array(z.unknown()).optional(),
  exists: z.boolean().optional(),
  /** A regular expression that at least one element of an array (or the string itself) matches. */
  contains: z.string().optional(),
};
export const matcherSchema = z.object(matcherFields);
export type Matcher = z.infer<typeof matcherSchema>;

export const fieldSchema = z.object({ path: z.string(), ...matcherFields }).strict();
export type FieldExpectation = z.infer<typeof fieldSchema>;

const SELECTOR = /^\[([^=\]]+)=([^\]]*)\]$/;

/** The value at `path`, or undefined when any step is missing. */
export function valueAt(root: unknown, path: string): unknown {
  if (path === "" || path === "/") return root;
  let node = root;
  for (const raw of path.replace(/^\//, "").split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const selector = SELECTOR.exec(segment);
    if (selector && Array.isArray(node)) {
      node = node.find((item) => isObject(item) && String(item[selector[1]]) === selector[2]);
    } else if (Array.isArray(node) && /^\d+$/.test(segment)) {
      node = node[Number(segment)];
    } else if (isObject(node) && Object.hasOwn(node, segment)) {
      node = node[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first way `value` misses the matcher, as the expectation in words (en), or undefined when it matches. */
export function mismatch(value: unknown, m: Matcher): { expected: string } | undefined {
  if (m.exists === false) return value === undefined ? undefined : { expected: "absent" };
  if (value === undefined) return m.exists || Object.keys(m).length > 0 ? { expected: describe(m) } : undefined;
  if (m.equals !== undefined && !sameValue(value, m.equals)) return { expected: describe(m) };
  if (m.oneOf !== undefined && !m.oneOf.some((option) => sameValue(value, option))) return { expected: describe(m) };
  if (m.matches !== undefined && !(typeof value === "string" || typeof value === "number") ) return { expected: describe(m) };
  if (m.matches !== undefined && !new RegExp(m.matches).test(String(value))) return { expected: describe(m) };
  if (m.contains !== undefined) {
    const pattern = new RegExp(m.contains);
    const items = Array.isArray(value) ? value : [value];
    if (!items.some((item) => (typeof item === "string" || typeof item === "number") && pattern.test(String(item)))) return { expected: describe(m) };
  }
  if (m.min !== undefined || m.max !== undefined) {
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    if (!Number.isFinite(n) || (m.min !== undefined && n < m.min) || (m.max !== undefined && n > m.max)) return { expected: describe(m) };
  }
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The matcher in words, language-neutral (symbols and values). */
export function describe(m: Matcher): string {
  const parts: string[] = [];
  if (m.equals !== undefined) parts.push(`= ${JSON.stringify(m.equals)}`);
  if (m.oneOf !== undefined) parts.push(`∈ {${m.oneOf.map((v) => JSON.stringify(v)).join(", ")}}`);
  if (m.matches !== undefined) parts.push(`~ /${m.matches}/`);
  if (m.contains !== undefined) parts.push(`∋ /${m.contains}/`);
  if (m.min !== undefined) parts.push(`≥ ${m.min}`);
  if (m.max !== undefined) parts.push(`≤ ${m.max}`);
  if (m.exists === true && parts.length === 0) parts.push("present");
  if (m.exists === false) parts.push("absent");
  return parts.join(", ");
}

/** A value as the learner would recognise it in their file or the CLI output. */
export function shown(value: unknown): string {
  if (value === undefined) return "—";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
