/**
 * MaxResults/NextToken of EC2's paginated Describe calls. Without MaxResults AWS answers every match at once (and
 * so does the sandbox); with it, pages of that size and a NextToken the CLI follows (its paginators: --max-items,
 * --page-size). Tokens are opaque; the sandbox's say which operation and offset they continue.
 */
import type { Input } from "../../engine/input";
import { idsWithMaxResults, invalidNextToken, maxResultsOutOfRange } from "./errors";
import { int, str } from "./input";
import { MAX_RESULTS } from "./quotas";

const TOKEN_PREFIX = "dojo-ec2:";

/**
 * One page of `items`. `ids` names the id list the call was given, for the operations that refuse MaxResults with
 * an id list (DescribeSecurityGroups, DescribeNetworkInterfaces: "You cannot specify this parameter and the … IDs
 * parameter in the same request").
 */
export function pageOf<T>(operation: string, items: T[], input: Input, ids?: { given: boolean; parameter: string }): { page: T[]; NextToken?: string } {
  const maxResults = int(input, "MaxResults");
  const token = str(input, "NextToken");
  if (maxResults !== undefined && ids?.given) throw idsWithMaxResults(ids.parameter);
  const bounds = MAX_RESULTS[operation];
  let size = items.length;
  if (maxResults !== undefined) {
    // DescribeVpcEndpoints takes any value and caps it at 1,000; the others refuse a value out of range.
    if (operation === "DescribeVpcEndpoints") size = Math.min(Math.max(maxResults, 1), bounds.max);
    else if (maxResults < bounds.min || maxResults > bounds.max) throw maxResultsOutOfRange(maxResults, bounds.min, bounds.max);
    else size = maxResults;
  }
  let offset = 0;
  if (token !== undefined && token !== "") {
    const decoded = decode(token, operation);
    if (decoded === null || decoded > items.length) throw invalidNextToken(token);
    offset = decoded;
  }
  const end = offset + Math.max(size, 0);
  const page = items.slice(offset, end);
  return end < items.length ? { page, NextToken: encode(operation, end) } : { page };
}

function encode(operation: string, offset: number): string {
  return btoa(`${TOKEN_PREFIX}${operation}:${offset}`);
}

function decode(token: string, operation: string): number | null {
  let text: string;
  try {
    text = atob(token);
  } catch {
    return null;
  }
  const prefix = `${TOKEN_PREFIX}${operation}:`;
  if (!text.startsWith(prefix)) return null;
  const offset = Number(text.slice(prefix.length));
  return Number.isInteger(offset) && offset >= 0 ? offset : null;
}
