/**
 * `--output text` as AWS CLI v2 writes it: scalars of a mapping on one tab-separated line (keys sorted), nested
 * mappings and lists on following lines prefixed by their key in capitals, a list of scalars on one line.
 */
import { isDict, pyStr, pyTypeName } from "../python-values";

/** An answer the CLI's formatter cannot print (it fails with a Python exception, exit code 255). */
export class FormatError extends Error {}

const isCollection = (value: unknown) => Array.isArray(value) || isDict(value);

function sorted(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function formatItem(item: unknown, out: string[], identifier?: string, scalarKeys?: string[]): void {
  if (isDict(item)) formatDict(item, out, identifier, scalarKeys);
  else if (Array.isArray(item)) formatList(item, out, identifier);
  else out.push(`${pyStr(item)}\n`);
}

function formatList(item: unknown[], out: string[], identifier?: string): void {
  if (item.length === 0) return;
  if (item.some(isDict)) {
    const keys = new Set<string>();
    for (const element of item) {
      // Python calls .items() on every element: a list mixing mappings and other values makes the CLI fail.
      if (!isDict(element)) throw new FormatError(`'${pyTypeName(element).slice(8, -2)}' object has no attribute 'items'`);
      for (const [key, value] of Object.entries(element)) if (!isCollection(value)) keys.add(key);
    }
    const allKeys = sorted(keys);
    for (const element of item) formatItem(element, out, identifier, allKeys);
  } else if (item.some(Array.isArray)) {
    const scalars = item.filter((e) => !isCollection(e));
    const nonScalars = item.filter(isCollection);
    if (scalars.length > 0) formatScalarList(scalars, out, identifier);
    for (const nonScalar of nonScalars) formatItem(nonScalar, out, identifier);
  } else {
    formatScalarList(item, out, identifier);
  }
}

function formatScalarList(elements: unknown[], out: string[], identifier?: string): void {
  if (identifier !== undefined) {
    for (const element of elements) out.push(`${identifier.toUpperCase()}\t${pyStr(element)}\n`);
  } else {
    out.push(`${elements.map(pyStr).join("\t")}\n`);
  }
}

function formatDict(item: Record<string, unknown>, out: string[], identifier?: string, scalarKeys?: string[]): void {
  const scalars: string[] = [];
  const nonScalars: [string, unknown][] = [];
  if (scalarKeys === undefined) {
    for (const key of sorted(Object.keys(item))) {
      if (isCollection(item[key])) nonScalars.push([key, item[key]]);
      else scalars.push(pyStr(item[key]));
    }
  } else {
    for (const key of scalarKeys) scalars.push(pyStr(Object.hasOwn(item, key) ? item[key] : ""));
    for (const key of sorted(Object.keys(item).filter((k) => !scalarKeys.includes(k)))) nonScalars.push([key, item[key]]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join("\t")}\n`);
  }
  for (const [key, value] of nonScalars) formatItem(value, out, key);
}

/** The text `--output text` prints for one value. */
export function formatText(value: unknown): string {
  const out: string[] = [];
  formatItem(value, out);
  return out.join("");
}
