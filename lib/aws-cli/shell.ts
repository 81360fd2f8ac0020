/**
 * The shell words of a terminal line, as bash splits them for the commands learners type: quotes ('…' literal,
 * "…" with \ escapes and $VAR), backslash escapes, $VAR and ${VAR} from the terminal's variables, # comments. What a
 * shell would do beyond running one command — pipes, redirections, command substitution, several commands — is
 * reported, not performed: this terminal runs aws commands only.
 */

export type SplitResult = { ok: true; words: string[] } | { ok: false; error: string; unsupported?: string };

const OPERATORS = ["|", ">", "<", ";", "&", "`", "$("];

/** Splits `line` into words; `variables` resolves $NAME (undefined: empty, as in a shell). */
export function splitCommandLine(line: string, variables: Record<string, string | undefined> = {}): SplitResult {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  const expand = (): string => {
    // At a "$": ${NAME}, $NAME, or a literal "$".
    if (line[i + 1] === "{") {
      const end = line.indexOf("}", i + 2);
      if (end < 0) throw new SplitError("bad substitution: missing `}'");
      const name = line.slice(i + 2, end);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new SplitError(`\${${name}}: bad substitution`);
      i = end + 1;
      return variables[name] ?? "";
    }
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i + 1));
    if (!match) {
      i += 1;
      return "$";
    }
    i += 1 + match[0].length;
    return variables[match[0]] ?? "";
  };
  try {
    while (i < line.length) {
      const c = line[i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") {
        if (inWord) words.push(word);
        word = "";
        inWord = false;
        i++;
        continue;
      }
      if (c === "#" && !inWord) break;
      if (c === "\\") {
        if (line[i + 1] === "\n") {
          i += 2;
          continue;
        }
        if (i + 1 < line.length) word += line[i + 1];
        inWord = true;
        i += 2;
        continue;
      }
      if (c === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) return { ok: false, error: "unexpected EOF while looking for matching `''" };
        word += line.slice(i + 1, end);
        inWord = true;
        i = end + 1;
        continue;
      }
      if (c === '"') {
        i++;
        inWord = true;
        for (;;) {
          if (i >= line.length) return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
          const d = line[i];
          if (d === '"') {
            i++;
            break;
          }
          if (d === "\\" && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
            if (line[i + 1] !== "\n") word += line[i + 1];
            i += 2;
            continue;
          }
          if (d === "$" && line[i + 1] === "(") return unsupported("$(");
          if (d === "`") return unsupported("`");
          if (d === "$") {
            word += expand();
            continue;
          }
          word += d;
          i++;
        }
        continue;
      }
      const operator = OPERATORS.find((op) => line.startsWith(op, i));
      if (operator) return unsupported(operator);
      if (c === "$") {
        word += expand();
        inWord = true;
        continue;
      }
      word += c;
      inWord = true;
      i++;
    }
  } catch (error) {
    if (error instanceof SplitError) return { ok: false, error: error.message };
    throw error;
  }
  if (inWord) words.push(word);
  return { ok: true, words };
}

class SplitError extends Error {}

function unsupported(operator: string): SplitResult {
  return { ok: false, error: `'${operator}' is not supported: this terminal runs aws commands only (no pipes, redirections or command substitution)`, unsupported: operator };
}
