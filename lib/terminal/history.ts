/**
 * The browser terminal's history as the server keeps it per learner: the newest HISTORY_LIMIT lines, and never a
 * line that carries a secret. Pure: the filter decides, lib/progress/terminal-store.ts stores.
 *
 * What is never stored (the line still runs, and ↑ still finds it until the page is closed):
 * - an assignment (`export NAME=value`, `NAME=value`, `aws configure set name value`) whose NAME contains SECRET,
 *   TOKEN, PASSWORD, PASSWD or CREDENTIAL in any case, such as AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN, with a
 *   value;
 * - `--secret-string`, `--secret-binary` and `--secret-access-key` options (a secret's value on the command line);
 * - the learner's own sandbox secret access key anywhere in the line (a pasted credentials block);
 * - a run of 40 characters of the shape of an AWS secret access key (letters of both cases, digits, `/`, `+`).
 */
export { HISTORY_LIMIT } from "./line-editor";

/** Characters of one stored line: a longer line (a pasted file) is not history worth keeping. */
export const MAX_HISTORY_LINE = 4096;

const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL)/i;
const ASSIGNMENT = /(?:^|[\s;'"])([A-Za-z_][A-Za-z0-9_]*)=(?=\S)/g;
const CONFIGURE_SET = /\bconfigure\s+set\s+(\S+)\s+\S/;
const SECRET_OPTION = /--secret-(string|binary|access-key)(?:[\s=]|$)/;
const SECRET_KEY_SHAPE = /(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/;

/** Whether `line` must never be stored; `knownSecrets` are values the caller knows to be secret (the sandbox key). */
export function carriesSecret(line: string, knownSecrets: readonly string[] = []): boolean {
  for (const match of line.matchAll(ASSIGNMENT)) if (SECRET_NAME.test(match[1])) return true;
  const configured = CONFIGURE_SET.exec(line);
  if (configured && SECRET_NAME.test(configured[1])) return true;
  if (SECRET_OPTION.test(line)) return true;
  if (knownSecrets.some((secret) => secret.length >= 8 && line.includes(secret))) return true;
  return SECRET_KEY_SHAPE.test(line);
}

/** Whether `line` is one the history keeps: not blank, not too long, no secret. */
export function isStorable(line: string, knownSecrets: readonly string[] = []): boolean {
  return line.trim() !== "" && line.length <= MAX_HISTORY_LINE && !carriesSecret(line, knownSecrets);
}
