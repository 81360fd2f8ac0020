/**
 * Template placeholders people leave in the JSON they paste (envsubst `${VAR}`, Go/ecspresso `{{…}}`,
 * CodeDeploy `<IMAGE1_NAME>`, the ECS agent harness's `$$$VAR$$$`, `generate-cli-skeleton`'s "string").
 * A value that is still a placeholder says nothing about what will be registered, so the semantic rules
 * skip it and TPL-PLACEHOLDER says so once instead of a cascade of unrelated errors.
 */

const TOKEN_PATTERNS: ReadonlyArray<readonly [syntax: PlaceholderSyntax, pattern: RegExp]> = [
  ["$$$VAR$$$", /\${2,4}[A-Za-z_][A-Za-z0-9_]*\${2,4}/],
  ["${VAR}", /\$\{[^}]*\}/],
  ["{{…}}", /\{\{[^}]*\}\}/],
  ["<NAME>", /<[A-Za-z][A-Za-z0-9_ .-]*>|^<[A-Za-z][^>]*$/],
  ["$VAR", /(?:^|[^\w$])\$[A-Z_][A-Z0-9_]{2,}\b/],
  ["{name}", /\{[A-Za-z][A-Za-z0-9_ -]*\}/],
  ["word", /\b(?:ACCOUNT_ID|AWS_ACCOUNT_ID|aws_account_id|[Xx]{5,}|CHANGEME\w*|REPLACE\w*|PLACEHOLDER\w*|YOUR_[A-Z_]+|region-code|your-[a-z-]+)\b/],
  ["***", /^\*{3,}$/],
];

export type PlaceholderSyntax = "$$$VAR$$$" | "${VAR}" | "{{…}}" | "<NAME>" | "$VAR" | "{name}" | "word" | "***" | "skeleton";

/** The placeholder syntax a string value uses, if it is (or contains) one. */
export function placeholderIn(value: string): PlaceholderSyntax | undefined {
  // Cheap pre-check: every pattern needs one of these characters or an upper-case/placeholder word.
  if (!/[$<{*]|ACCOUNT|account_id|xxxxx|XXXXX|CHANGEME|REPLACE|PLACEHOLDER|YOUR_|region-code|your-/.test(value)) return undefined;
  for (const [syntax, pattern] of TOKEN_PATTERNS) if (pattern.test(value)) return syntax;
  return undefined;
}

/** `aws ecs register-task-definition --generate-cli-skeleton` fills every string with "string". */
export const SKELETON_VALUE = "string";
/** A document with at least this many "string" values is taken for a skeleton. */
export const SKELETON_MIN_VALUES = 3;
