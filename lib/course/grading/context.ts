/** What a check is given: the submitted files, quiz answers, the learner's sandbox and their call history. */
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { Diagnostic, Lang } from "@/lib/validator/types";
import type { FileKind, Quiz } from "../schema";

/** A submitted file, prepared once for every check that reads it. */
export interface SubmittedFile {
  name: string;
  kind: FileKind;
  text: string;
  /** The parsed document: JSON for JSON kinds, { section: { key: value } } for ini; undefined when it does not parse. */
  value?: unknown;
  /** Why the text could not be read (syntax), in the learner's language. */
  unreadable?: string;
  /** Validator diagnostics for validated kinds; undefined when the validator could not run (`validatorFailed`). */
  diagnostics?: Diagnostic[];
  validatorFailed?: string;
}

export interface CallRecord {
  service: string;
  operation: string;
  input: unknown;
  error?: { code: string; message: string };
  at: Date;
}

export interface SandboxAccess {
  ecs: ECSClient;
  /**
   * CloudWatch Logs operations on the same sandbox, read as the grader (never recorded as the learner's calls): an
   * AWS JSON 1.1 output, or an Error named by AWS's error type. Absent where the grader cannot reach Logs.
   */
  logs?: (operation: string, input: object) => Promise<Record<string, unknown>>;
  /** IAM actions on the learner's account, read as the grader: the XML answer, or an Error named by AWS's error code. */
  iam?: (action: string, params: Record<string, string>) => Promise<string>;
  /** The sandbox's current time in epoch ms (simulated on the embedded backend, the wall clock elsewhere). */
  now(): Promise<number>;
}

export interface CheckContext {
  lang: Lang;
  files: ReadonlyMap<string, SubmittedFile>;
  quiz?: Quiz;
  answers: Readonly<Record<string, readonly string[]>>;
  /** Undefined when the grader has no sandbox to read (the check cannot run). */
  sandbox?: SandboxAccess;
  /** The learner's calls since the exercise started; throws when the history cannot be read. */
  calls(): Promise<CallRecord[]>;
}

export type Outcome = { passed: true; detail?: string } | { passed: false; detail: string };
