/**
 * The ECS API model resolved into linked objects with the lookups the validator needs on every
 * keystroke (member by name, by lower case, the CLI's member list), built once on first use.
 */
import { ecsModel, inputShapeName, type InputOperation, type ScalarType } from "../../ecs-model";

export interface StructureInfo {
  kind: "structure";
  name: string;
  members: Map<string, ShapeInfo>;
  /** Lower-cased member name (and CloudFormation's non-mechanical names) to the API member name. */
  caseInsensitive: Map<string, string>;
  required: readonly string[];
  /** The members as botocore lists them after "must be one of:". */
  memberList: string;
}

export interface ListInfo {
  kind: "list";
  name: string;
  member: ShapeInfo;
  min?: number;
}

export interface MapInfo {
  kind: "map";
  name: string;
  value: ShapeInfo;
}

export interface ScalarInfo {
  kind: ScalarType;
  name: string;
  enum?: readonly string[];
  min?: number;
}

export type ShapeInfo = StructureInfo | ListInfo | MapInfo | ScalarInfo;

/**
 * CloudFormation names that are not just the API name with a capital first letter (validator-rules.md §4;
 * the others, e.g. EFSVolumeConfiguration or FilesystemId, already match case-insensitively).
 */
const CLOUDFORMATION_RENAMES: Record<string, Record<string, string>> = {
  ProxyConfiguration: { ProxyConfigurationProperties: "properties" },
  CreateServiceRequest: { PlacementStrategies: "placementStrategy" },
  UpdateServiceRequest: { PlacementStrategies: "placementStrategy" },
};

const resolved = new Map<string, ShapeInfo>();

function resolve(name: string): ShapeInfo {
  const cached = resolved.get(name);
  if (cached) return cached;
  const model = ecsModel.shapes[name];
  if (!model) throw new Error(`shape ${name} is not in the generated ECS model`);
  switch (model.type) {
    case "structure": {
      const info: StructureInfo = {
        kind: "structure",
        name,
        members: new Map(),
        caseInsensitive: new Map(),
        required: model.required,
        memberList: model.members.map((member) => member.name).join(", "),
      };
      // Registered before its members resolve so a recursive shape would link to itself instead of looping.
      resolved.set(name, info);
      for (const member of model.members) {
        info.members.set(member.name, resolve(member.shape));
        info.caseInsensitive.set(member.name.toLowerCase(), member.name);
      }
      for (const [cfnName, apiName] of Object.entries(CLOUDFORMATION_RENAMES[name] ?? {})) {
        info.caseInsensitive.set(cfnName.toLowerCase(), apiName);
      }
      return info;
    }
    case "list": {
      const info: ListInfo = { kind: "list", name, member: undefined as unknown as ShapeInfo, min: model.min };
      resolved.set(name, info);
      info.member = resolve(model.member);
      return info;
    }
    case "map": {
      const info: MapInfo = { kind: "map", name, value: undefined as unknown as ShapeInfo };
      resolved.set(name, info);
      info.value = resolve(model.value);
      return info;
    }
    default: {
      const info: ScalarInfo = { kind: model.type, name, enum: model.enum, min: model.min };
      resolved.set(name, info);
      return info;
    }
  }
}

export function inputShape(operation: InputOperation): StructureInfo {
  return resolve(inputShapeName(operation)) as StructureInfo;
}

const homesByInput = new Map<StructureInfo, Map<string, string[]>>();

/**
 * Where each member name lives in an input, as paths like `containerDefinitions[].portMappings[]` ("" is
 * the top level): a key put one level too high or too low can then be sent where it belongs.
 */
export function memberHomes(input: StructureInfo): ReadonlyMap<string, string[]> {
  let homes = homesByInput.get(input);
  if (homes) return homes;
  homes = new Map();
  const seen = new Set<ShapeInfo>();
  const queue: Array<[ShapeInfo, string]> = [[input, ""]];
  while (queue.length > 0) {
    const [shape, path] = queue.shift()!;
    if (seen.has(shape)) continue;
    seen.add(shape);
    if (shape.kind === "structure") {
      for (const [name, member] of shape.members) {
        const list = homes.get(name) ?? [];
        list.push(path);
        homes.set(name, list);
        queue.push([member, path === "" ? name : `${path}.${name}`]);
      }
    } else if (shape.kind === "list") {
      queue.push([shape.member, `${path}[]`]);
    }
  }
  homesByInput.set(input, homes);
  return homes;
}
