/**
 * JMESPath for --query, waiters and paginators: the `jmespath` package (the JavaScript implementation listed by
 * jmespath.org). Its typings name `search` only; `compile` is what the CLI uses to reject a bad --query before calling.
 */
import * as library from "jmespath";

interface JmesPath {
  search(data: unknown, expression: string): unknown;
  compile(expression: string): unknown;
}

const jmespath = ((library as unknown as { default?: JmesPath }).default ?? library) as unknown as JmesPath;

export function search(data: unknown, expression: string): unknown {
  return jmespath.search(data, expression);
}

/** Throws the library's error when `expression` is not valid JMESPath. */
export function compile(expression: string): void {
  jmespath.compile(expression);
}
