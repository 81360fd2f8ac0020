/**
 * The ECS API model, generated from botocore by scripts/generate-ecs-model.py (npm run generate:schema).
 * Only shapes reachable from the inputs ECS Dojo grades are kept; member order is the model's order.
 */
import generated from "./generated/shapes.json";

export type ScalarType = "string" | "integer" | "long" | "boolean" | "timestamp" | "double";

export interface MemberModel {
  name: string;
  /** Name of the member's shape in `shapes`. */
  shape: string;
  /** First paragraph of AWS's documentation, plain text. */
  doc?: string;
  deprecated?: boolean;
}

export interface StructureShapeModel {
  type: "structure";
  members: MemberModel[];
  required: string[];
}

export interface ListShapeModel {
  type: "list";
  member: string;
  min?: number;
  max?: number;
}

export interface MapShapeModel {
  type: "map";
  key: string;
  value: string;
}

export interface ScalarShapeModel {
  type: ScalarType;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}

export type ShapeModel = StructureShapeModel | ListShapeModel | MapShapeModel | ScalarShapeModel;

export type InputOperation = "RegisterTaskDefinition" | "CreateService" | "UpdateService";

export interface EcsModel {
  source: { model: string; botocoreVersion: string; apiVersion: string; targetPrefix: string };
  /** Every operation of the ECS API, sorted. */
  operations: string[];
  /** Input shape name of each operation whose input is modelled here. */
  inputs: Record<InputOperation, string>;
  shapes: Record<string, ShapeModel>;
}

export const ecsModel = generated as unknown as EcsModel;

export function inputShapeName(operation: InputOperation): string {
  return ecsModel.inputs[operation];
}
