/**
 * EC2 resource ids: a prefix and 17 lowercase hex digits (the long form AWS has issued since 2018; the 8-digit short
 * form is still accepted), deterministic from the sandbox's counter (engine/ids.ts). An id of the wrong shape is
 * refused before any lookup, with the kind's own `.Malformed` code — whose spelling AWS does not keep consistent
 * (`InvalidVpcID.Malformed` but `InvalidGroupId.Malformed`; the EC2 API error list).
 */
import { nextHex } from "../../engine/ids";
import type { SandboxState } from "../../engine/state";
import { malformedId } from "./errors";

export const ID_KINDS = {
  vpc: { prefix: "vpc", malformed: "InvalidVpcID.Malformed" },
  subnet: { prefix: "subnet", malformed: "InvalidSubnetID.Malformed" },
  group: { prefix: "sg", malformed: "InvalidGroupId.Malformed" },
  routeTable: { prefix: "rtb", malformed: "InvalidRouteTableId.Malformed" },
  internetGateway: { prefix: "igw", malformed: "InvalidInternetGatewayId.Malformed" },
  natGateway: { prefix: "nat", malformed: "InvalidNatGatewayId.Malformed" },
  vpcEndpoint: { prefix: "vpce", malformed: "InvalidVpcEndpointId.Malformed" },
  networkInterface: { prefix: "eni", malformed: "InvalidNetworkInterfaceId.Malformed" },
  rule: { prefix: "sgr", malformed: "InvalidSecurityGroupRuleId.Malformed" },
} as const;

export type IdKind = keyof typeof ID_KINDS;

export function isWellFormed(kind: IdKind, id: string): boolean {
  return new RegExp(`^${ID_KINDS[kind].prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id);
}

/** Throws the kind's `.Malformed` error for the first id of the wrong shape. */
export function requireWellFormed(kind: IdKind, ids: readonly string[]): void {
  const bad = ids.find((id) => !isWellFormed(kind, id));
  if (bad !== undefined) throw malformedId(ID_KINDS[kind].malformed, bad, ID_KINDS[kind].prefix);
}

/** A new id of a kind (advances the sandbox's counter). */
export function newId(state: SandboxState, kind: IdKind | "eipalloc" | "eipassoc" | "rtbassoc"): string {
  const prefix = kind in ID_KINDS ? ID_KINDS[kind as IdKind].prefix : kind;
  return `${prefix}-${nextHex(state, `ec2:${prefix}`, 17)}`;
}
