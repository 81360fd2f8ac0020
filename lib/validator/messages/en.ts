import { enRules } from "./en-rules";
import { enService } from "./en-service";
import type { Catalog, ExpectedType, JsonTypeName, SyntaxProblem } from "./params";

const TYPE_NAMES: Record<JsonTypeName | ExpectedType, string> = {
  string: "a string",
  integer: "an integer",
  float: "a number with a fraction",
  number: "a number",
  boolean: "a boolean (true or false)",
  object: "an object",
  array: "a list",
  null: "null",
  timestamp: "a timestamp (seconds since 1970)",
};

/** "512, 1024 or 2048" for short lists; "2048 to 8192 in steps of 1024" for the long Fargate rows. */
function listMiB(values: readonly number[]): string {
  if (values.length <= 4) return values.length === 1 ? String(values[0]) : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
  return `${values[0]} to ${values[values.length - 1]} in steps of ${values[1] - values[0]}`;
}

const SYNTAX: Record<SyntaxProblem, (token: string) => string> = {
  empty: () => "The document is empty. A task definition is a JSON object: start with { and end with }.",
  trailingComma: () =>
    "Trailing comma: JSON allows no comma before a closing } or ]. Remove it (the AWS CLI rejects the file otherwise).",
  comment: () => "Comments are not allowed in JSON. Remove the comment: the AWS CLI rejects the file otherwise.",
  singleQuote: () => "JSON strings and keys must use double quotes (\"), not single quotes (').",
  invalidSymbol: (token) =>
    `Unexpected ${token ? `\`${token}\`` : "character"}. JSON values are strings in double quotes, numbers, true, false, null, objects and lists; keys must be strings in double quotes.`,
  invalidNumber: (token) => `\`${token}\` is not a valid JSON number.`,
  propertyNameExpected: () => "A key in double quotes is expected here (for example \"family\").",
  valueExpected: () => "A value is expected here.",
  colonExpected: () => "A colon (:) is expected between the key and its value.",
  commaExpected: () => "A comma (,) is expected between two members or list items.",
  closeBraceExpected: () => "The object is not closed: a } is missing.",
  closeBracketExpected: () => "The list is not closed: a ] is missing.",
  endOfFileExpected: () => "Unexpected text after the end of the JSON document. Only one object may be given.",
  unterminatedString: () => "The string is not closed: a double quote (\") is missing.",
  unterminatedComment: () => "The comment is not closed (and comments are not allowed in JSON anyway).",
  invalidUnicode: () => "Invalid Unicode escape: \\u must be followed by four hexadecimal digits.",
  invalidEscape: (token) =>
    `Invalid escape sequence in ${token ? `\`${token}\`` : "this string"}: JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX only.`,
  controlCharacter: () => "Control characters (such as a tab or line break) must be escaped inside a JSON string (\\t, \\n).",
};

export const en: Catalog = {
  rules: {
    ...enRules,
    ...enService,
    "JSON-SYNTAX": {
      summary: "The text is not strict JSON (the AWS CLI rejects comments, trailing commas and single quotes).",
      explain: (p) => SYNTAX[p.problem](p.token),
    },
    "JSON-LIMITS": {
      summary: "The document is too large or too deeply nested to check.",
      explain: (p) =>
        p.limit === "size"
          ? `This document is larger than ${p.max} characters, so it was not checked. A task definition may be at most 64 KiB.`
          : `This document is nested more than ${p.max} levels deep, so it was not checked. No ECS input is nested that deeply.`,
    },
    "JSON-DUPLICATE-KEY": {
      summary: "The same key appears twice in one object; the AWS CLI silently keeps only the last.",
      explain: (p) => `"${p.key}" appears again later in this object. The AWS CLI keeps only the last one, so this value is ignored: remove one of them.`,
    },
    "CLI-UNKNOWN-KEY": {
      summary: "A key that is not a member of the API shape at that position.",
      explain: (p) =>
        p.suggestion
          ? `"${p.key}" is not a parameter here. Did you mean "${p.suggestion}"?`
          : p.belongsIn !== undefined
            ? `"${p.key}" is not a parameter here: it belongs ${p.belongsIn === "" ? "at the top level of the task definition" : `in ${p.belongsIn}`}. Move it there.`
            : `"${p.key}" is not a parameter here. The AWS CLI rejects the whole input; remove the key or move it to where it belongs.`,
    },
    "CLI-PASCALCASE": {
      summary: "A key written in CloudFormation's PascalCase instead of the API's camelCase.",
      explain: (p) =>
        `Keys are case-sensitive: write "${p.expected}", not "${p.key}".` +
        (p.cloudFormation ? " CloudFormation templates use PascalCase; the ECS API and the AWS CLI use camelCase." : ""),
    },
    "CLI-REQUIRED": {
      summary: "A member the API requires is missing.",
      explain: (p) => `Add "${p.member}": the API requires it${p.where === "input" ? " at the top level of every request" : ` in ${p.where}`}.`,
    },
    "CLI-TYPE-TASK-CPU-MEM": {
      summary: "Task-level cpu/memory must be JSON strings; container-level cpu/memory/memoryReservation must be integers.",
      explain: (p) =>
        p.taskLevel
          ? `Task-level "${p.member}" must be a string in quotes, for example "${p.member}": "${p.pyValue}". (Container-level values are plain integers.)`
          : `Container-level "${p.member}" must be a plain integer without quotes, for example "${p.member}": ${/^\d+$/.test(p.pyValue) ? p.pyValue : 512}. (Task-level cpu and memory are the ones in quotes.)`,
    },
    "CLI-TYPE": {
      summary: "A value has the wrong JSON type (for example \"true\" in quotes where a boolean is expected).",
      explain: (p) =>
        `"${p.member}" must be ${TYPE_NAMES[p.expected]}, but here it is ${TYPE_NAMES[p.actual]}.` +
        (p.expected === "boolean" && p.actual === "string" ? " Write true or false without quotes." : "") +
        (p.expected === "integer" && p.actual === "string" ? " Write the number without quotes." : ""),
    },
    "CLI-NULL": {
      summary: "A member set to null (the AWS CLI rejects null; leave the member out instead).",
      explain: (p) =>
        `"${p.member}" is null. The AWS CLI does not accept null: remove the member to use the default. (The console's JSON view shows nulls; they cannot be registered.)`,
    },
    "CLI-STRLEN": {
      summary: "A string is shorter than the API allows.",
      explain: (p) => `This value must have at least ${p.min} character${p.min === 1 ? "" : "s"}.`,
    },
    "TD-FAMILY-FORMAT": {
      summary: "family may contain only letters, digits, hyphens and underscores (1–255 characters).",
      explain: (p) =>
        p.family === ""
          ? "The family name is empty. Use 1–255 letters, digits, hyphens (-) and underscores (_)."
          : `The family name may contain only letters, digits, hyphens (-) and underscores (_); remove or replace ${p.invalid}.`,
    },
    "TD-CONTAINERS-NONEMPTY": {
      summary: "containerDefinitions must contain at least one container.",
      explain: () => "A task definition needs at least one container definition in containerDefinitions.",
    },
    "TD-CONTAINERS-MAX": {
      summary: "At most 10 containers per task definition.",
      explain: (p) =>
        `This task definition has ${p.count} containers; the limit is ${p.max} and cannot be raised. Split the containers across several task definitions (services).`,
    },
    "CD-NAME-REQUIRED": {
      summary: "Every container definition needs a non-empty name.",
      explain: (p) => `Container definition #${p.index + 1} has no name. Give it a "name", which must be unique in the task definition.`,
    },
    "CD-IMAGE-REQUIRED": {
      summary: "Every container definition needs a non-empty image.",
      explain: (p) =>
        `Container '${p.container}' has no image. Set "image" to the image to run, for example "public.ecr.aws/nginx/nginx:1.27".`,
    },
    "TD-NAME-UNIQUE": {
      summary: "Container names must be unique within the task definition.",
      explain: (p) => `Two containers are named '${p.name}'. Rename one of them: names identify containers in links, dependsOn and load balancers.`,
    },
    "TD-MEM-REQUIRED": {
      summary: "Without task-level memory, every container must set memory or memoryReservation.",
      explain: (p) =>
        `The task has no task-level "memory", so container '${p.container}' must say how much memory it needs: add "memoryReservation" (soft limit) or "memory" (hard limit) in MiB, or set task-level memory.`,
    },
    "FG-CPU-MEM-REQUIRED": {
      summary: "Fargate task definitions need task-level cpu and memory.",
      explain: (p) =>
        `Fargate sizes every task from the task-level "cpu" and "memory". Add "${p.member}": "${p.suggestion}" at the top level (it is a string).`,
    },
    "TD-CPU-FORMAT": {
      summary: "Task cpu must be CPU units (\"1024\") or vCPUs (\"1 vCPU\"); on Fargate one of 256, 512, 1024, 2048, 4096, 8192, 16384.",
      explain: (p) =>
        p.units === undefined
          ? `"${p.value}" is not a CPU value. Write CPU units as a string ("1024" = 1 vCPU) or vCPUs ("1 vCPU").`
          : p.fargate
            ? `${p.units} CPU units is not a Fargate size. Fargate accepts ${p.validCpu.join(", ")} (1024 units = 1 vCPU).`
            : `${p.units} CPU units is outside the allowed range ${p.minUnits}–${p.maxUnits}.`,
    },
    "TD-MEMORY-FORMAT": {
      summary: "Task memory must be MiB (\"2048\") or GB (\"2 GB\").",
      explain: (p) => `"${p.value}" is not a memory value. Write MiB as a string ("2048") or gigabytes ("2 GB").`,
    },
    "FG-CPU-MEM-COMBO": {
      summary: "The task cpu/memory pair must be one of the Fargate task sizes.",
      explain: (p) =>
        `With ${p.cpu} CPU units Fargate allows memory ${listMiB(p.validMemory)} MiB; the nearest valid value is ${p.nearestMemory}.` +
        (p.cpuForMemory ? ` ${p.memory} MiB first appears in the ${p.cpuForMemory} CPU row.` : "") +
        " AWS accepts any pair of the table: size the task from what it needs, with the smallest valid pair that covers it (the first CPU row that covers its CPU, then the first memory in that row that covers its memory).",
    },
    "FG-NETWORKMODE": {
      summary: "Fargate task definitions must set networkMode to awsvpc.",
      explain: (p) =>
        p.networkMode === undefined
          ? `Add "networkMode": "awsvpc". Fargate gives every task its own network interface; when networkMode is omitted the default is bridge, which Fargate does not support.`
          : `Fargate gives every task its own network interface, so networkMode must be "awsvpc", not "${p.networkMode}".`,
    },
    "TD-SUM-CPU": {
      summary: "The containers' cpu values together may not exceed the task cpu.",
      explain: (p) => `The containers ask for ${p.sum} CPU units in total, but the task has ${p.taskCpu}. Lower the container values or raise the task cpu.`,
    },
    "TD-SUM-MEMRES": {
      summary: "The containers' memoryReservation values together may not exceed the task memory.",
      explain: (p) =>
        `The containers reserve ${p.sum} MiB in total, but the task has ${p.taskMemory} MiB. Lower the reservations or raise the task memory.`,
    },
    "TD-CONTAINER-MEM-GT-TASK": {
      summary: "No container's memory (hard limit) may exceed the task memory.",
      explain: (p) =>
        `Container '${p.container}' has a hard limit of ${p.containerMemory} MiB, more than the task's ${p.taskMemory} MiB. Lower it to at most ${p.taskMemory}, or raise the task memory.`,
    },
    "CD-MEMRES-LE-MEMORY": {
      summary: "A container's memory (hard limit) must be at least its memoryReservation (soft limit).",
      explain: (p) =>
        `In container '${p.container}' the hard limit (memory ${p.memory} MiB) is below the soft limit (memoryReservation ${p.memoryReservation} MiB). Raise memory or lower memoryReservation.`,
    },
    "TD-ESSENTIAL": {
      summary: "At least one container must be essential (essential omitted means true).",
      explain: () =>
        "Every container says \"essential\": false. Mark the main container essential (set true or leave the key out): the task runs as long as its essential containers run.",
    },
  },
  fixes: {
    renameKey: (p) => `Rename "${p.from}" to "${p.to}"`,
    replaceValue: (p) => `Change to ${p.text}`,
    removeMember: (p) => `Remove "${p.member}"`,
    addMember: (p) => `Add "${p.member}": ${p.text}`,
    convertDocument: (p) => (p.from === "describe" ? "Convert to register-task-definition input" : "Convert every key to the API's camelCase"),
  },
};
