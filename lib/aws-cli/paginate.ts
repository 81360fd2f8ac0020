/**
 * The CLI's automatic pagination (botocore's PageIterator): call until the output token runs out, merge the result
 * keys, stop at --max-items with a resume token the CLI can take back as --starting-token (base64 of a small JSON
 * document, as botocore encodes it), and accept a raw service token there too.
 */
import * as jmespath from "./jmespath";
import type { Paginator } from "./model";
import { dumpsPyJson, isDict } from "./python-values";

export interface PagingConfig {
  maxItems?: number;
  pageSize?: number;
  startingToken?: string;
}

export interface PagedResult {
  pages: Record<string, unknown>[];
  /** botocore's build_full_result(). */
  full: Record<string, unknown>;
  /** The non-aggregate keys recorded from the first page (text output prints them with the first page). */
  nonAggregate: Record<string, unknown>;
  resultKeys: string[];
  resumeToken?: string;
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function search(expression: string, data: unknown): unknown {
  return jmespath.search(data, expression);
}

/** botocore.utils.set_value_from_jmespath for the dotted paths paginators use. */
export function setValue(target: Record<string, unknown>, expression: string, value: unknown): void {
  const parts = expression.split(".");
  let current = target;
  for (const part of parts.slice(0, -1)) {
    if (!isDict(current[part])) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts.at(-1)!] = value;
}

function encodeToken(token: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(dumpsPyJson(token));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function decodeToken(token: string): Record<string, unknown> | undefined {
  try {
    const cleaned = token.replace(/[^A-Za-z0-9+/=]/g, "");
    const binary = atob(cleaned);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed = JSON.parse(text);
    return isDict(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function parseStartingToken(token: string, inputTokens: string[]): { next: Record<string, unknown>; index: number } {
  const decoded = decodeToken(token);
  if (decoded) {
    const index = typeof decoded.boto_truncate_amount === "number" ? decoded.boto_truncate_amount : 0;
    delete decoded.boto_truncate_amount;
    return { next: decoded, index };
  }
  // botocore's older format: tokens joined by "___", optionally ending in the truncation index.
  let parts = token.split("___");
  let index = 0;
  if (parts.length === inputTokens.length + 1) {
    const last = parts.pop()!;
    if (/^[+-]?\d+$/.test(last.trim())) index = Number(last);
    else parts = [token];
  }
  const next: Record<string, unknown> = {};
  inputTokens.forEach((name, i) => (next[name] = parts[i] === "None" ? null : (parts[i] ?? null)));
  return { next, index };
}

function injectToken(params: Record<string, unknown>, next: Record<string, unknown>): void {
  for (const [name, token] of Object.entries(next)) {
    if (token !== null && token !== undefined && token !== "None") params[name] = token;
    else delete params[name];
  }
}

const truthy = (value: unknown) =>
  !(value === null || value === undefined || value === false || value === 0 || value === "" || (Array.isArray(value) && value.length === 0) || (isDict(value) && Object.keys(value).length === 0));

/** Runs the pages. `call` makes one request with the given parameters (and throws the CLI's failure on error). */
export async function paginate(paginator: Paginator, params: Record<string, unknown>, config: PagingConfig, call: (params: Record<string, unknown>) => Promise<Record<string, unknown>>): Promise<PagedResult> {
  const inputTokens = asList(paginator.input_token);
  const outputTokens = asList(paginator.output_token);
  const resultKeys = asList(paginator.result_key);
  const primary = resultKeys[0];
  const kwargs = { ...params };
  let next: Record<string, unknown> = Object.fromEntries(inputTokens.map((t) => [t, null]));
  let startingTruncation = 0;
  if (config.startingToken !== undefined) {
    const parsed = parseStartingToken(config.startingToken, inputTokens);
    next = parsed.next;
    startingTruncation = parsed.index;
    injectToken(kwargs, next);
  }
  if (paginator.limit_key && config.pageSize !== undefined) kwargs[paginator.limit_key] = config.pageSize;
  const pages: Record<string, unknown>[] = [];
  const nonAggregate: Record<string, unknown> = {};
  let resumeToken: Record<string, unknown> | undefined;
  let totalItems = 0;
  let first = true;
  let previous: string | undefined;
  for (;;) {
    const page = await call({ ...kwargs });
    if (first) {
      if (config.startingToken !== undefined && primary) {
        const all = search(primary, page);
        setValue(page, primary, Array.isArray(all) || typeof all === "string" ? all.slice(startingTruncation) : null);
        for (const key of resultKeys.slice(1)) if (Array.isArray(search(key, page))) setValue(page, key, []);
      }
      first = false;
      for (const key of paginator.non_aggregate_keys ?? []) setValue(nonAggregate, key, search(key, page) ?? null);
    } else {
      startingTruncation = 0;
    }
    const current = primary ? ((search(primary, page) as unknown[] | null) ?? []) : [];
    const count = Array.isArray(current) || typeof current === "string" ? current.length : 0;
    const truncate = config.maxItems !== undefined ? totalItems + count - config.maxItems : 0;
    if (truncate > 0) {
      const keep = count - truncate;
      setValue(page, primary, (current as unknown[]).slice(0, keep));
      resumeToken = { ...next, boto_truncate_amount: keep + startingTruncation };
      pages.push(page);
      break;
    }
    pages.push(page);
    totalItems += count;
    const more = paginator.more_results === undefined || truthy(search(paginator.more_results, page));
    const nextTokens: Record<string, unknown> = {};
    outputTokens.forEach((expression, i) => {
      const token = more ? search(expression, page) : undefined;
      nextTokens[inputTokens[i]] = truthy(token) ? token : null;
    });
    if (Object.values(nextTokens).every((t) => t === null)) break;
    next = nextTokens;
    if (config.maxItems !== undefined && totalItems === config.maxItems) {
      resumeToken = next;
      break;
    }
    const key = JSON.stringify(next);
    if (previous === key) throw new PaginationLoopError(`The same next token was received twice: ${dumpsPyJson(next)}`);
    injectToken(kwargs, next);
    previous = key;
  }
  const full: Record<string, unknown> = {};
  for (const page of pages) {
    for (const expression of resultKeys) {
      const value = search(expression, page);
      if (value === null || value === undefined) continue;
      const existing = search(expression, full);
      if (existing === null || existing === undefined) {
        setValue(full, expression, Array.isArray(value) ? [...value] : value);
      } else if (Array.isArray(value) && Array.isArray(existing)) {
        existing.push(...value);
      } else if (typeof value === "number" || typeof value === "string") {
        setValue(full, expression, (existing as number) + (value as number));
      }
    }
  }
  mergeDicts(full, nonAggregate);
  const encoded = resumeToken ? encodeToken(resumeToken) : undefined;
  if (encoded !== undefined) full.NextToken = encoded;
  return { pages, full, nonAggregate, resultKeys, resumeToken: encoded };
}

export class PaginationLoopError extends Error {}

function mergeDicts(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (isDict(value) && isDict(target[key])) mergeDicts(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    else target[key] = value;
  }
}
