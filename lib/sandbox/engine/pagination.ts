import { invalidParameter } from "./errors";
import { optInteger, optString, type Input } from "./input";

const DEFAULT_PAGE_SIZE = 100;
const TOKEN_PREFIX = "dojo-page:";

/** One page of a List* result; `nextToken` is opaque to clients (the CLI follows it to fetch every page). */
export function paginate<T>(items: T[], input: Input, defaultPageSize = DEFAULT_PAGE_SIZE): { page: T[]; nextToken?: string } {
  const maxResults = optInteger(input, "maxResults");
  if (maxResults !== undefined && (maxResults < 1 || maxResults > 100)) {
    throw invalidParameter("maxResults must be between 1 and 100.");
  }
  const token = optString(input, "nextToken");
  let offset = 0;
  if (token !== undefined) {
    const decoded = decodeToken(token);
    if (decoded === null || decoded > items.length) throw invalidParameter("The nextToken is not valid.");
    offset = decoded;
  }
  const end = offset + (maxResults ?? defaultPageSize);
  const page = items.slice(offset, end);
  return end < items.length ? { page, nextToken: encodeToken(end) } : { page };
}

function encodeToken(offset: number): string {
  return btoa(`${TOKEN_PREFIX}${offset}`);
}

function decodeToken(token: string): number | null {
  let text: string;
  try {
    text = atob(token);
  } catch {
    return null;
  }
  if (!text.startsWith(TOKEN_PREFIX)) return null;
  const offset = Number(text.slice(TOKEN_PREFIX.length));
  return Number.isInteger(offset) && offset >= 0 ? offset : null;
}
