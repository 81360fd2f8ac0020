/**
 * AWS's own words for each failure, verbatim and untranslated: learners meet exactly these strings in
 * the AWS CLI and the console, so every language shows them first. Sources: validator-rules.md
 * (botocore's ParamValidator for the CLI-* rows; observed ECS ClientException texts for the rest).
 */
import type { MessageParams, RuleId, TypeMismatch } from "./params";

type AwsTextCatalog = { [K in RuleId]?: (params: MessageParams[K]) => string };

function invalidType(p: TypeMismatch): string {
  if (p.passesCli) return serializationText(p);
  return `Invalid type for parameter ${p.path}, value: ${p.pyValue}, type: ${p.pyType}, valid types: ${p.pyValidTypes}`;
}

/** What the ECS service answers when a member arrives with the wrong JSON type (no CLI check in front). */
export function serializationText(p: Pick<TypeMismatch, "path" | "expected" | "actual">): string {
  return `Cannot deserialize member '${p.path}': expected ${article(p.expected)}, got ${article(p.actual)}.`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export const AWS_TEXT: AwsTextCatalog = {
  "CLI-UNKNOWN-KEY": (p) => `Unknown parameter in ${p.where}: "${p.key}", must be one of: ${p.members}`,
  "CLI-PASCALCASE": (p) => `Unknown parameter in ${p.where}: "${p.key}", must be one of: ${p.members}`,
  "CLI-REQUIRED": (p) => `Missing required parameter in ${p.where}: "${p.member}"`,
  "CLI-TYPE-TASK-CPU-MEM": invalidType,
  "CLI-TYPE": invalidType,
  "CLI-NULL": invalidType,
  "CLI-STRLEN": (p) => `Invalid length for parameter ${p.path}, value: ${p.length}, valid min length: ${p.min}`,
  "TD-FAMILY-FORMAT": () => "Family contains invalid characters.",
  "TD-CONTAINERS-NONEMPTY": () => "Container list cannot be empty.",
  "TD-CONTAINERS-MAX": () => "Too many containers.",
  "CD-NAME-REQUIRED": () => "Container.name should not be null or empty.",
  "CD-IMAGE-REQUIRED": () => "Container.image should not be null or empty.",
  "TD-NAME-UNIQUE": () => "Container names must be unique within a Task Definition.",
  "TD-MEM-REQUIRED": (p) =>
    `Invalid setting for container '${p.container}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
  "FG-CPU-MEM-REQUIRED": (p) => `Fargate requires that '${p.member}' be defined at the task level.`,
  "TD-CPU-FORMAT": () => "Invalid 'cpu' setting for task.",
  "FG-CPU-MEM-COMBO": (p) =>
    `No Fargate configuration exists for given values: ${p.cpu} CPU, ${p.memory} memory. See the Amazon ECS documentation for the valid values.`,
  // AWS uses typographic quotes here.
  "FG-NETWORKMODE": () => "Fargate only supports network mode \u2018awsvpc\u2019.",
  "TD-SUM-CPU": () => "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
  "TD-SUM-MEMRES": () =>
    "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
  "TD-CONTAINER-MEM-GT-TASK": (p) => `The 'memory' setting for container '${p.container}' is greater than for the task.`,
  "CD-MEMRES-LE-MEMORY": () => "'memory' must be greater than or equal to 'memoryReservation'",
  "TD-ESSENTIAL": () => "Task definition doesn't have any essential container.",
};

export function awsText<K extends RuleId>(ruleId: K, params: MessageParams[K]): string | undefined {
  const template = AWS_TEXT[ruleId] as ((p: MessageParams[K]) => string) | undefined;
  return template?.(params);
}
