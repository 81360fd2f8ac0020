/**
 * The shape of an SDK response, for comparing two ECS implementations: which keys exist, what type each value has,
 * and, for enum-valued members, which values occur. Ids, ARNs, names and times never take part.
 */

/** Members whose values come from an ECS enum (the model's `enum` shapes), so the values themselves must agree. */
const ENUM_MEMBERS = new Set([
  "status",
  "lastStatus",
  "desiredStatus",
  "launchType",
  "networkMode",
  "compatibilities",
  "requiresCompatibilities",
  "connectivity",
  "healthStatus",
  "protocol",
  "reason",
  "rolloutState",
  "schedulingStrategy",
  "stopCode",
  "agentConnected",
  "type",
  "targetType",
  "propagateTags",
  "deploymentController",
  "assignPublicIp",
]);

/** One path where the two sides differ; "(absent)" when a side has no such key. */
export interface ShapeDifference {
  path: string;
  embedded: string;
  moto: string;
}

type Shape = Map<string, Set<string>>;

function shapeOf(value: unknown, path: string, member: string, into: Shape, enums: ReadonlySet<string>): void {
  const add = (descriptor: string) => {
    const seen = into.get(path) ?? new Set<string>();
    seen.add(descriptor);
    into.set(path, seen);
  };
  if (value === null || value === undefined) return add("null");
  if (value instanceof Date) return add("timestamp");
  if (Array.isArray(value)) {
    add("array");
    for (const item of value) shapeOf(item, `${path}[]`, member, into, enums);
    return;
  }
  if (typeof value === "object") {
    add("object");
    for (const [key, item] of Object.entries(value)) shapeOf(item, path ? `${path}.${key}` : key, key, into, enums);
    return;
  }
  if (typeof value === "string" && enums.has(member)) return add(JSON.stringify(value));
  add(typeof value);
}

const describe = (descriptors: Set<string> | undefined) => (descriptors ? [...descriptors].sort().join(" | ") : "(absent)");

/**
 * Where the shapes of two responses differ, in path order. Below a key that only one side has, nothing more is
 * listed: the missing key says it all. `enumMembers`: the members whose values are compared (ECS's by default).
 */
export function shapeDifferences(embedded: unknown, moto: unknown, enumMembers: ReadonlySet<string> = ENUM_MEMBERS): ShapeDifference[] {
  const ours: Shape = new Map();
  const theirs: Shape = new Map();
  shapeOf(embedded, "", "", ours, enumMembers);
  shapeOf(moto, "", "", theirs, enumMembers);
  const differences: ShapeDifference[] = [];
  const absentPrefixes: string[] = [];
  for (const path of [...new Set([...ours.keys(), ...theirs.keys()])].sort()) {
    if (absentPrefixes.some((prefix) => path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`))) continue;
    const a = describe(ours.get(path));
    const b = describe(theirs.get(path));
    if (a === b) continue;
    if (a === "(absent)" || b === "(absent)") absentPrefixes.push(path);
    differences.push({ path, embedded: a, moto: b });
  }
  return differences;
}
