/**
 * What a service's API model (lib/aws-models, generated from botocore) tells a shape comparison (shape.ts): which
 * members carry enum values, to be compared value by value, and which are maps, whose keys are ids (a secret's
 * version ids) that never match between two implementations.
 */
import { AWS_MODELS, type ModelledService } from "@/lib/aws-models";

function membersWhere(service: ModelledService, test: (target: { type: string; enum?: string[] }) => boolean): Set<string> {
  const { shapes } = AWS_MODELS[service];
  const names = new Set<string>();
  for (const shape of Object.values(shapes)) {
    for (const [name, member] of Object.entries(shape.members ?? {})) if (test(shapes[member.shape])) names.add(name);
  }
  return names;
}

/** The members of the service's structures whose shape is an enum. */
export const enumMembersOf = (service: ModelledService): Set<string> => membersWhere(service, (target) => Boolean(target.enum));

/** The members of the service's structures whose shape is a map. */
export const mapMembersOf = (service: ModelledService): Set<string> => membersWhere(service, (target) => target.type === "map");

/**
 * The value with every map member (by name) replaced by the list of its values: the values' shapes are still compared,
 * the keys are not.
 */
export function withMapsAsValues(value: unknown, mapMembers: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withMapsAsValues(item, mapMembers));
  if (value === null || typeof value !== "object" || value instanceof Date || Buffer.isBuffer(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const isMap = mapMembers.has(key) && item !== null && typeof item === "object" && !Array.isArray(item);
      return [key, withMapsAsValues(isMap ? Object.values(item) : item, mapMembers)];
    }),
  );
}
