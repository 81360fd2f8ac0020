/** What the validator says about one spot in the learner's text. */
export type Level = "error" | "runtime" | "warning";
export type Lang = "en" | "ja";

/** Where in the text a diagnostic points. Offsets are UTF-16 code units; line/column are 1-based. */
export interface TextRange {
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  ruleId: string;
  level: Level;
  /** In the learner's language: AWS's own words first where AWS has them, then our explanation and the fix. */
  message: string;
  /** AWS's exact text for this failure, when known (shown verbatim: learners meet it for real). */
  awsMessage?: string;
  /** The AWS error type the request fails with (e.g. ClientException), for `error` diagnostics AWS itself raises. */
  awsErrorType?: string;
  /** Who rejects it: the CLI/SDK before sending, the ECS service, or nobody until the task runs. */
  stage: "cli" | "service" | "runtime" | "advice";
  /** RFC 6901 JSON pointer to the member concerned ("" for the whole document). */
  pointer: string;
  range: TextRange;
  /** Site path of the lesson or reference page that explains the rule, without the locale, e.g. "/lessons/L302". */
  docs?: string;
  fixes?: QuickFix[];
}

export type InputKind = "RegisterTaskDefinition" | "CreateService" | "UpdateService";

export interface ValidateOptions {
  lang?: Lang;
  /** Which API input the text is; when absent it is detected from the document (see detectKind). */
  kind?: InputKind;
  /**
   * Task definitions a service input may name (as RegisterTaskDefinition input or describe output, by
   * family, family:revision or ARN); the section L cross-checks run against the one it names.
   */
  taskDefinitions?: readonly unknown[];
  /** The learner's account ID, for rules that compare ARNs with it (SEC-VALUEFROM-CROSS-ACCOUNT). */
  accountId?: string;
}

/** Levels from most to least severe. */
export const LEVELS: readonly Level[] = ["error", "runtime", "warning"];

/** Whether a diagnostic of `level` is shown when only `min` and more severe levels are wanted. */
export function isAtLeast(level: Level, min: Level): boolean {
  return LEVELS.indexOf(level) <= LEVELS.indexOf(min);
}
