/**
 * The syntax check the CLI runs on --query before calling (Python's jmespath.compile), for its messages: a learner who
 * mistypes a query sees where Python's parser stopped ("Incomplete expression", "Parse error at column 9, token …").
 * This is a recognizer of the same grammar, by the same top-down operator-precedence method, that reports the same
 * errors at the same positions; it builds no tree — the `jmespath` package evaluates the query.
 */
import { parsePyJson, PyJsonError, pyStr, pyRepr } from "./python-values";

interface Token {
  type: string;
  /** The value Python's error messages print for the token. */
  value: string;
  start: number;
}

class QuerySyntaxError extends Error {}

const SIMPLE: Record<string, string> = { ".": "dot", "*": "star", "]": "rbracket", ",": "comma", ":": "colon", "@": "current", "(": "lparen", ")": "rparen", "{": "lbrace", "}": "rbrace" };
const START_IDENTIFIER = /[A-Za-z_]/;
const IDENTIFIER = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

function lexerError(expression: string, position: number, message: string): QuerySyntaxError {
  return new QuerySyntaxError(`Bad jmespath expression: ${message}:\n${expression}\n${" ".repeat(position)}^`);
}

function tokenize(expression: string): Token[] {
  const chars = Array.from(expression);
  const tokens: Token[] = [];
  let i = 0;
  const consumeUntil = (delimiter: string): string => {
    const start = i;
    let buffer = "";
    i++;
    while (chars[i] !== delimiter) {
      if (chars[i] === "\\") {
        buffer += "\\";
        i++;
      }
      if (i >= chars.length) throw lexerError(expression, start, `Unclosed ${delimiter} delimiter`);
      buffer += chars[i];
      i++;
    }
    i++;
    return buffer;
  };
  const matchOrElse = (expected: string, matched: string, otherwise: string) => {
    const start = i;
    const current = chars[i];
    if (chars[i + 1] === expected) {
      i += 2;
      tokens.push({ type: matched, value: current + expected, start });
    } else {
      i += 1;
      tokens.push({ type: otherwise, value: current, start });
    }
  };
  while (i < chars.length) {
    const c = chars[i];
    const start = i;
    if (SIMPLE[c]) {
      tokens.push({ type: SIMPLE[c], value: c, start });
      i++;
    } else if (START_IDENTIFIER.test(c)) {
      let buffer = c;
      while (++i < chars.length && IDENTIFIER.test(chars[i])) buffer += chars[i];
      tokens.push({ type: "unquoted_identifier", value: buffer, start });
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "[") {
      const next = chars[i + 1];
      if (next === "]") {
        tokens.push({ type: "flatten", value: "[]", start });
        i += 2;
      } else if (next === "?") {
        tokens.push({ type: "filter", value: "[?", start });
        i += 2;
      } else {
        tokens.push({ type: "lbracket", value: "[", start });
        i++;
      }
    } else if (c === "'") {
      tokens.push({ type: "literal", value: consumeUntil("'").replaceAll("\\'", "'"), start });
    } else if (c === "|") matchOrElse("|", "or", "pipe");
    else if (c === "&") matchOrElse("&", "and", "expref");
    else if (c === "`") {
      const lexeme = consumeUntil("`").replaceAll("\\`", "`");
      let value: unknown;
      try {
        value = parsePyJson(lexeme);
      } catch {
        try {
          value = parsePyJson(`"${lexeme.trimStart()}"`);
        } catch {
          throw lexerError(expression, start, `Bad token ${lexeme}`);
        }
      }
      tokens.push({ type: "literal", value: pyStr(value), start });
    } else if (DIGIT.test(c) || c === "-") {
      let buffer = c;
      while (++i < chars.length && DIGIT.test(chars[i])) buffer += chars[i];
      if (buffer === "-") throw lexerError(expression, start, "Unknown token '-'");
      tokens.push({ type: "number", value: String(Number(buffer)), start });
    } else if (c === '"') {
      const lexeme = `"${consumeUntil('"')}"`;
      let value: string;
      try {
        value = parsePyJson(lexeme) as string;
      } catch (error) {
        if (error instanceof PyJsonError) throw lexerError(expression, start, error.message.split(":")[0]);
        throw error;
      }
      tokens.push({ type: "quoted_identifier", value, start });
    } else if (c === "<") matchOrElse("=", "lte", "lt");
    else if (c === ">") matchOrElse("=", "gte", "gt");
    else if (c === "!") matchOrElse("=", "ne", "not");
    else if (c === "=") {
      if (chars[i + 1] === "=") {
        tokens.push({ type: "eq", value: "==", start });
        i += 2;
      } else throw lexerError(expression, i + 1 >= chars.length ? i : i, "Unknown token '='");
    } else {
      throw lexerError(expression, i, `Unknown token ${c}`);
    }
  }
  tokens.push({ type: "eof", value: "", start: chars.length });
  return tokens;
}

const BINDING_POWER: Record<string, number> = {
  eof: 0,
  unquoted_identifier: 0,
  quoted_identifier: 0,
  literal: 0,
  rbracket: 0,
  rparen: 0,
  comma: 0,
  rbrace: 0,
  number: 0,
  current: 0,
  expref: 0,
  colon: 0,
  pipe: 1,
  or: 2,
  and: 3,
  eq: 5,
  gt: 5,
  lt: 5,
  gte: 5,
  lte: 5,
  ne: 5,
  flatten: 9,
  star: 20,
  filter: 21,
  dot: 40,
  not: 45,
  lbrace: 50,
  lbracket: 55,
  lparen: 60,
};
const PROJECTION_STOP = 10;

/** What a node is, as far as the grammar's checks care (a field can be called as a function; index chains extend). */
type Kind = "field" | "index_expression" | "subexpression" | "other";

class Recognizer {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly expression: string,
  ) {}

  run(): void {
    this.expressionAt(0);
    if (this.current() !== "eof") {
      const t = this.token(0);
      throw this.parseError(t, `Unexpected token: ${t.value}`);
    }
  }

  private current(): string {
    return this.tokens[this.index].type;
  }

  private token(offset: number): Token {
    return this.tokens[this.index + offset] ?? this.tokens[this.tokens.length - 1];
  }

  private advance(): void {
    this.index++;
  }

  private parseError(token: Token, reason: string): QuerySyntaxError {
    return new QuerySyntaxError(
      `${reason}: Parse error at column ${token.start}, token "${token.value}" (${token.type.toUpperCase()}), for expression:\n"${this.expression}"\n${" ".repeat(token.start + 1)}^`,
    );
  }

  private incomplete(): QuerySyntaxError {
    const length = Array.from(this.expression).length;
    return new QuerySyntaxError(`Invalid jmespath expression: Incomplete expression:\n"${this.expression}"\n${" ".repeat(length + 1)}^`);
  }

  private match(type: string): void {
    if (this.current() === type) this.advance();
    else this.errorMaybeEof(pyRepr(type).slice(1, -1), this.token(0));
  }

  private matchAny(types: string[]): void {
    if (!types.includes(this.current())) this.errorMaybeEof(pyRepr(types), this.token(0));
    this.advance();
  }

  private errorMaybeEof(expected: string, token: Token): never {
    if (token.type === "eof") throw this.incomplete();
    throw this.parseError(token, `Expecting: ${expected}, got: ${token.type}`);
  }

  private expressionAt(bindingPower: number): Kind {
    const left = this.token(0);
    this.advance();
    let kind = this.nud(left);
    while (bindingPower < BINDING_POWER[this.current()]) {
      const type = this.current();
      this.advance();
      kind = this.led(type, kind);
    }
    return kind;
  }

  private nud(token: Token): Kind {
    switch (token.type) {
      case "literal":
      case "current":
        return "other";
      case "unquoted_identifier":
        return "field";
      case "quoted_identifier":
        if (this.current() === "lparen") {
          const t = this.token(0);
          throw new QuerySyntaxError(
            `Quoted identifier not allowed for function names.: Parse error at column 0, token "${t.value}" (${t.type.toUpperCase()}), for expression:\n"${this.expression}"\n ^`,
          );
        }
        return "field";
      case "star":
        if (this.current() !== "rbracket") this.projectionRhs(BINDING_POWER.star);
        return "other";
      case "filter":
        return this.led("filter", "other");
      case "lbrace":
        this.multiSelectHash();
        return "other";
      case "lparen":
        this.expressionAt(0);
        this.match("rparen");
        return "other";
      case "flatten":
        this.projectionRhs(BINDING_POWER.flatten);
        return "other";
      case "not":
        this.expressionAt(BINDING_POWER.not);
        return "other";
      case "lbracket":
        if (this.current() === "number" || this.current() === "colon") {
          const slice = this.indexExpression();
          if (slice) this.projectionRhs(BINDING_POWER.star);
          return "index_expression";
        }
        if (this.current() === "star" && this.token(1).type === "rbracket") {
          this.advance();
          this.advance();
          this.projectionRhs(BINDING_POWER.star);
          return "other";
        }
        this.multiSelectList();
        return "other";
      case "expref":
        this.expressionAt(BINDING_POWER.expref);
        return "other";
      case "eof":
        throw this.incomplete();
      default:
        throw this.parseError(token, "invalid token");
    }
  }

  private led(type: string, left: Kind): Kind {
    switch (type) {
      case "dot":
        if (this.current() !== "star") {
          this.dotRhs(BINDING_POWER.dot);
          return "subexpression";
        }
        this.advance();
        this.projectionRhs(BINDING_POWER.dot);
        return "other";
      case "pipe":
      case "or":
      case "and":
      case "eq":
      case "ne":
      case "gt":
      case "gte":
      case "lt":
      case "lte":
        this.expressionAt(BINDING_POWER[type]);
        return "other";
      case "lparen": {
        if (left !== "field") {
          const previous = this.token(-2);
          throw this.parseError(previous, `Invalid function name '${previous.value}'`);
        }
        while (this.current() !== "rparen") {
          this.expressionAt(0);
          if (this.current() === "comma") this.match("comma");
        }
        this.match("rparen");
        return "other";
      }
      case "filter":
        this.expressionAt(0);
        this.match("rbracket");
        if (this.current() !== "flatten") this.projectionRhs(BINDING_POWER.filter);
        return "other";
      case "flatten":
        this.projectionRhs(BINDING_POWER.flatten);
        return "other";
      case "lbracket": {
        const next = this.token(0);
        if (next.type === "number" || next.type === "colon") {
          const slice = this.indexExpression();
          if (left === "index_expression") return left;
          if (slice) this.projectionRhs(BINDING_POWER.star);
          return "index_expression";
        }
        this.match("star");
        this.match("rbracket");
        this.projectionRhs(BINDING_POWER.star);
        return "other";
      }
      default: {
        // A token with binding power but no infix meaning here (Python has no led for it).
        const t = this.token(-1);
        throw this.parseError(t, "invalid token");
      }
    }
  }

  /** [n] or a slice; true for a slice (which starts a projection). */
  private indexExpression(): boolean {
    if (this.token(0).type === "colon" || this.token(1).type === "colon") {
      let part = 0;
      let current = this.current();
      while (current !== "rbracket" && part < 3) {
        if (current === "colon") {
          part++;
          if (part === 3) throw this.parseError(this.token(0), "syntax error");
          this.advance();
        } else if (current === "number") this.advance();
        else throw this.parseError(this.token(0), "syntax error");
        current = this.current();
      }
      this.match("rbracket");
      return true;
    }
    this.advance();
    this.match("rbracket");
    return false;
  }

  private multiSelectList(): void {
    for (;;) {
      this.expressionAt(0);
      if (this.current() === "rbracket") break;
      this.match("comma");
    }
    this.match("rbracket");
  }

  private multiSelectHash(): void {
    for (;;) {
      this.matchAny(["quoted_identifier", "unquoted_identifier"]);
      this.match("colon");
      this.expressionAt(0);
      if (this.current() === "comma") this.match("comma");
      else if (this.current() === "rbrace") {
        this.match("rbrace");
        break;
      }
    }
  }

  private projectionRhs(bindingPower: number): void {
    const current = this.current();
    if (BINDING_POWER[current] < PROJECTION_STOP) return;
    if (current === "lbracket" || current === "filter") this.expressionAt(bindingPower);
    else if (current === "dot") {
      this.match("dot");
      this.dotRhs(bindingPower);
    } else throw this.parseError(this.token(0), "syntax error");
  }

  private dotRhs(bindingPower: number): void {
    const lookahead = this.current();
    if (lookahead === "quoted_identifier" || lookahead === "unquoted_identifier" || lookahead === "star") this.expressionAt(bindingPower);
    else if (lookahead === "lbracket") {
      this.match("lbracket");
      this.multiSelectList();
    } else if (lookahead === "lbrace") {
      this.match("lbrace");
      this.multiSelectHash();
    } else {
      const t = this.token(0);
      throw this.parseError(t, `Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: ${t.type}`);
    }
  }
}

/** Python jmespath's message for a query it cannot compile, or undefined when it compiles. */
export function querySyntaxError(expression: string): string | undefined {
  if (expression === "") return "Invalid JMESPath expression: cannot be empty.";
  try {
    new Recognizer(tokenize(expression), expression).run();
    return undefined;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error.message;
    throw error;
  }
}
