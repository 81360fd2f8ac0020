/**
 * What each rule's message needs to know. Both languages' catalogs are typed against this, so a rule
 * without a translation, or a translation reading a parameter the rule does not give, fails to compile.
 */

/** A JSON value's type as the learner sees it (and as the explanation names it). */
export type JsonTypeName = "string" | "integer" | "float" | "boolean" | "object" | "array" | "null";

/** A JSON value's type as the API model expects it. */
export type ExpectedType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "timestamp";

export type SyntaxProblem =
  | "empty"
  | "trailingComma"
  | "comment"
  | "singleQuote"
  | "invalidSymbol"
  | "invalidNumber"
  | "propertyNameExpected"
  | "valueExpected"
  | "colonExpected"
  | "commaExpected"
  | "closeBraceExpected"
  | "closeBracketExpected"
  | "endOfFileExpected"
  | "unterminatedString"
  | "unterminatedComment"
  | "invalidUnicode"
  | "invalidEscape"
  | "controlCharacter";

/** Parameters of botocore's "Invalid type for parameter" message and of our explanation of it. */
export interface TypeMismatch {
  /** botocore's parameter path, e.g. `containerDefinitions[0].memory`. */
  path: string;
  member: string;
  expected: ExpectedType;
  actual: JsonTypeName;
  /** The value as Python prints it (`256`, `True`, `None`, `['a']`). */
  pyValue: string;
  pyType: string;
  pyValidTypes: string;
  /**
   * botocore lets a JSON boolean through where an integer is expected (Python's bool is an int), so the
   * CLI sends it and the ECS service fails to read it instead.
   */
  passesCli: boolean;
}

export interface MessageParams {
  "JSON-SYNTAX": { problem: SyntaxProblem; token: string };
  "JSON-LIMITS": { limit: "size" | "depth"; max: number };
  "JSON-DUPLICATE-KEY": { key: string };
  "CLI-UNKNOWN-KEY": {
    where: string;
    key: string;
    members: string;
    suggestion?: string;
    /** Where this key is a member instead (`containerDefinitions[]`; "" for the top level). */
    belongsIn?: string;
  };
  "CLI-PASCALCASE": { where: string; key: string; members: string; expected: string; cloudFormation: boolean };
  "CLI-REQUIRED": { where: string; member: string };
  "CLI-TYPE-TASK-CPU-MEM": TypeMismatch & { taskLevel: boolean };
  "CLI-TYPE": TypeMismatch;
  "CLI-NULL": TypeMismatch;
  "CLI-STRLEN": { path: string; length: number; min: number };
  "TD-FAMILY-FORMAT": { family: string; invalid: string };
  "TD-CONTAINERS-NONEMPTY": Record<string, never>;
  "TD-CONTAINERS-MAX": { count: number; max: number };
  "CD-NAME-REQUIRED": { index: number };
  "CD-IMAGE-REQUIRED": { container: string };
  "TD-NAME-UNIQUE": { name: string };
  "TD-MEM-REQUIRED": { container: string };
  "FG-CPU-MEM-REQUIRED": { member: "cpu" | "memory"; suggestion: string };
  "TD-CPU-FORMAT": { value: string; fargate: boolean; units?: number; validCpu: readonly number[]; minUnits: number; maxUnits: number };
  "TD-MEMORY-FORMAT": { value: string };
  "FG-CPU-MEM-COMBO": { cpu: number; memory: number; validMemory: readonly number[]; nearestMemory: number; cpuForMemory?: number };
  "FG-NETWORKMODE": { networkMode?: string };
  "TD-SUM-CPU": { sum: number; taskCpu: number };
  "TD-SUM-MEMRES": { sum: number; taskMemory: number };
  "TD-CONTAINER-MEM-GT-TASK": { container: string; containerMemory: number; taskMemory: number };
  "CD-MEMRES-LE-MEMORY": { container: string; memory: number; memoryReservation: number };
  "TD-ESSENTIAL": { count: number };
}

export type RuleId = keyof MessageParams;

/** Quick-fix titles, also in both languages. */
export interface FixParams {
  renameKey: { from: string; to: string };
  replaceValue: { text: string };
  removeMember: { member: string };
  addMember: { member: string; text: string };
}

export type FixKind = keyof FixParams;

export interface RuleText<P> {
  /** One line for the rule reference page. */
  summary: string;
  /** Our explanation and the fix, in the learner's language; AWS's own words are prefixed separately. */
  explain: (params: P) => string;
}

export interface Catalog {
  rules: { [K in RuleId]: RuleText<MessageParams[K]> };
  fixes: { [K in FixKind]: (params: FixParams[K]) => string };
}
