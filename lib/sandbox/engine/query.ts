/**
 * A subset of the ECS cluster query language (memberOf constraints, ListContainerInstances filters):
 * `subject operator [argument]` with subjects `attribute:<name>`, `ec2InstanceId`, `agentConnected`,
 * `runningTasksCount`, `registeredAt` (ISO date) and `task:group`; operators `==` `!=` `>` `>=` `<` `<=` (and their
 * word forms), `exists` `!exists`, `in` `!in` with `[a, b]`, `=~` `!~` (regular expressions, whole value);
 * `and`/`&&`, `or`/`||`, `not`/`!` and parentheses. `and` binds tighter than `or`.
 */
import { invalidParameter } from "./errors";
import type { ContainerInstanceRecord, SandboxState } from "./state";

type Comparison = { kind: "cmp"; subject: string; operator: string; argument?: string | string[] };
export type Query =
  | Comparison
  | { kind: "and" | "or"; left: Query; right: Query }
  | { kind: "not"; inner: Query };

const OPERATOR_WORDS: Record<string, string> = {
  equals: "==",
  not_equals: "!=",
  greater_than: ">",
  greater_than_equal: ">=",
  less_than: "<",
  less_than_equal: "<=",
  matches: "=~",
  not_matches: "!~",
  not_exists: "!exists",
  not_in: "!in",
};
const OPERATORS = new Set(["==", "!=", ">", ">=", "<", "<=", "=~", "!~", "exists", "!exists", "in", "!in"]);

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(\(|\)|\[|\]|,|&&|\|\||==|!=|>=|<=|=~|!~|!exists|!in|>|<|!|[^\s()[\],]+)/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) tokens.push(match[1]);
  if (text.slice(pattern.lastIndex).trim() !== "") throw syntaxError(text);
  return tokens;
}

const syntaxError = (text: string) => invalidParameter(`The cluster query expression is not valid: ${text}`);

export function parseQuery(text: string): Query {
  if (text.length > 2000) throw invalidParameter("A cluster query expression can be at most 2000 characters long.");
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at]?.toLowerCase();
  const take = () => tokens[at++];

  function orExpression(): Query {
    let left = andExpression();
    while (peek() === "or" || peek() === "||") {
      take();
      left = { kind: "or", left, right: andExpression() };
    }
    return left;
  }
  function andExpression(): Query {
    let left = unary();
    while (peek() === "and" || peek() === "&&") {
      take();
      left = { kind: "and", left, right: unary() };
    }
    return left;
  }
  function unary(): Query {
    if (peek() === "not" || peek() === "!") {
      take();
      return { kind: "not", inner: unary() };
    }
    if (peek() === "(") {
      take();
      const inner = orExpression();
      if (take() !== ")") throw syntaxError(text);
      return inner;
    }
    return comparison();
  }
  function comparison(): Query {
    const subject = take();
    const word = take()?.toLowerCase();
    if (subject === undefined || word === undefined) throw syntaxError(text);
    const operator = OPERATOR_WORDS[word] ?? word;
    if (!OPERATORS.has(operator)) throw syntaxError(text);
    if (operator === "exists" || operator === "!exists") return { kind: "cmp", subject, operator };
    if (operator === "in" || operator === "!in") {
      if (take() !== "[") throw syntaxError(text);
      const values: string[] = [];
      while (tokens[at] !== "]") {
        const value = take();
        if (value === undefined) throw syntaxError(text);
        if (value !== ",") values.push(value);
      }
      take();
      return { kind: "cmp", subject, operator, argument: values };
    }
    const argument = take();
    if (argument === undefined) throw syntaxError(text);
    return { kind: "cmp", subject, operator, argument };
  }

  const query = orExpression();
  if (at !== tokens.length) throw syntaxError(text);
  return query;
}

/** The value a subject has for an instance (undefined when it has none), or the task groups on it. */
function subjectValues(state: SandboxState, record: ContainerInstanceRecord, subject: string): string[] | undefined {
  const instance = record.instance;
  if (subject.startsWith("attribute:")) {
    const attribute = instance.attributes?.find((a) => a.name === subject.slice("attribute:".length));
    return attribute ? [attribute.value ?? ""] : undefined;
  }
  switch (subject) {
    case "ec2InstanceId":
      return [instance.ec2InstanceId ?? ""];
    case "agentConnected":
      return [String(instance.agentConnected ?? false)];
    case "agentVersion":
      return [instance.versionInfo?.agentVersion ?? ""];
    case "runningTasksCount":
      return [String(record.taskIds.filter((id) => state.tasks[id]?.lastStatus === "RUNNING").length)];
    case "registeredAt":
      return [new Date((instance.registeredAt ?? 0) * 1000).toISOString()];
    case "task:group":
      return record.taskIds.map((id) => state.tasks[id]?.group ?? "").filter((g) => g !== "");
    default:
      return undefined;
  }
}

function compare(value: string, operator: string, argument: string | string[] | undefined): boolean {
  const arg = Array.isArray(argument) ? "" : (argument ?? "");
  const numeric = value.trim() !== "" && arg.trim() !== "" && !Number.isNaN(Number(value)) && !Number.isNaN(Number(arg));
  const order = numeric ? Number(value) - Number(arg) : value < arg ? -1 : value > arg ? 1 : 0;
  switch (operator) {
    case "==":
      return value === arg;
    case "!=":
      return value !== arg;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case "=~":
      return wholeMatch(arg, value);
    case "!~":
      return !wholeMatch(arg, value);
    case "in":
      return (argument as string[]).includes(value);
    default:
      return !(argument as string[]).includes(value);
  }
}

function wholeMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    throw invalidParameter(`The cluster query expression has an invalid regular expression: ${pattern}`);
  }
}

export function matchesQuery(query: Query, state: SandboxState, record: ContainerInstanceRecord): boolean {
  switch (query.kind) {
    case "and":
      return matchesQuery(query.left, state, record) && matchesQuery(query.right, state, record);
    case "or":
      return matchesQuery(query.left, state, record) || matchesQuery(query.right, state, record);
    case "not":
      return !matchesQuery(query.inner, state, record);
    default: {
      const values = subjectValues(state, record, query.subject);
      if (query.operator === "exists") return values !== undefined && values.length > 0;
      if (query.operator === "!exists") return values === undefined || values.length === 0;
      if (values === undefined) return query.operator === "!=" || query.operator === "!~" || query.operator === "!in";
      // task:group holds one value per task: a positive test needs one of them, a negative one all of them.
      const negative = query.operator.startsWith("!");
      if (values.length === 0) return negative;
      return negative
        ? values.every((v) => compare(v, query.operator, query.argument))
        : values.some((v) => compare(v, query.operator, query.argument));
    }
  }
}
