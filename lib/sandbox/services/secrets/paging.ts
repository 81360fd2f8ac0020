/**
 * MaxResults/NextToken paging as Secrets Manager and SSM do it (the CLI follows NextToken to fetch every page, so
 * learners see whole lists unless they pass --max-items/--page-size). Tokens are opaque to clients; each names the
 * operation it belongs to, so a token of one list is refused by another. SSM's provider uses this helper too.
 */
import type { EcsError } from "../../engine/errors";
import { validationError } from "./errors";

export interface PageOptions {
  /** Operation name, written into the token. */
  scope: string;
  defaultSize: number;
  /** The model's MaxResults range is 1..maxSize. */
  maxSize: number;
  invalidToken: () => EcsError;
}

const PREFIX = "dojo-page:";

export function pageOf<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  options: PageOptions,
): { page: T[]; nextToken?: string } {
  if (maxResults !== undefined && maxResults < 1) {
    throw validationError("maxResults", "Member must have value greater than or equal to 1", String(maxResults));
  }
  if (maxResults !== undefined && maxResults > options.maxSize) {
    throw validationError("maxResults", `Member must have value less than or equal to ${options.maxSize}`, String(maxResults));
  }
  let offset = 0;
  if (nextToken !== undefined) {
    const decoded = decode(nextToken, options.scope);
    if (decoded === null || decoded > items.length) throw options.invalidToken();
    offset = decoded;
  }
  const end = offset + (maxResults ?? options.defaultSize);
  const page = items.slice(offset, end);
  return end < items.length ? { page, nextToken: encode(options.scope, end) } : { page };
}

function encode(scope: string, offset: number): string {
  return btoa(`${PREFIX}${scope}:${offset}`);
}

function decode(token: string, scope: string): number | null {
  let text: string;
  try {
    text = atob(token);
  } catch {
    return null;
  }
  const head = `${PREFIX}${scope}:`;
  if (!text.startsWith(head)) return null;
  const offset = Number(text.slice(head.length));
  return Number.isInteger(offset) && offset >= 0 ? offset : null;
}
