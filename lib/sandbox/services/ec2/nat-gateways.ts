/**
 * NAT gateways. The seeded network has none (curriculum §3.1); a lesson that wants its private subnets to reach the
 * internet — the LAB's "Pre-provisioned: NAT gateway for the private subnets" — adds one with addNatGateway from its
 * scenario. Learners cannot create one: CreateNatGateway needs an Elastic IP (AllocateAddress), which no lesson asks of
 * them, and the sandbox does not emulate either.
 */
import { hashHex } from "../../engine/ids";
import type { SandboxState } from "../../engine/state";
import { natGatewayNotFound, subnetNotFound } from "./errors";
import { newId } from "./ids";
import { publicIpFor } from "./network-interfaces";
import { editResource, findResource, listResources, networkOf, putResource, removeResource } from "./resources";
import type { NatGatewayData } from "./state";

export interface NatGatewaySpec {
  /** A public subnet (one whose route table has a route to the internet gateway). Default: the seeded first one. */
  subnetId?: string;
  /**
   * Route 0.0.0.0/0 of these route tables through the new gateway. Default: every route table of the VPC that has no
   * 0.0.0.0/0 route yet (the seeded private tables, and the main table).
   */
  routeTableIds?: string[];
}

export function addNatGateway(state: SandboxState, spec: NatGatewaySpec, nowMs: number): NatGatewayData {
  const subnetId = spec.subnetId ?? networkOf(state).publicSubnetIds[0];
  const subnet = findResource(state, "subnet", subnetId);
  if (!subnet) throw subnetNotFound(subnetId);
  const NatGatewayId = newId(state, "natGateway");
  const eniId = newId(state, "networkInterface");
  // An address of the subnet's block, past the five AWS reserves, stable for the gateway.
  const [a, b, c] = subnet.CidrBlock.split("/")[0].split(".");
  const privateIp = `${a}.${b}.${Number(c) + (parseInt(hashHex(NatGatewayId, 2), 16) % 15)}.${10 + (parseInt(hashHex(NatGatewayId, 4), 16) % 240)}`;
  const nat: NatGatewayData = {
    NatGatewayId,
    VpcId: subnet.VpcId,
    SubnetId: subnet.SubnetId,
    State: "available",
    ConnectivityType: "public",
    CreateTime: nowMs / 1000,
    NatGatewayAddresses: [
      {
        AllocationId: newId(state, "eipalloc"),
        NetworkInterfaceId: eniId,
        PrivateIp: privateIp,
        PublicIp: publicIpFor(eniId),
        AssociationId: newId(state, "eipassoc"),
        IsPrimary: true,
        Status: "succeeded",
      },
    ],
    Tags: [{ Key: "Name", Value: `sbx-nat-public1-${subnet.AvailabilityZone}` }],
  };
  putResource(state, "natgateway", NatGatewayId, nat);
  const tables =
    spec.routeTableIds ??
    listResources(state, "route-table")
      .filter((t) => t.VpcId === subnet.VpcId && !t.Routes.some((r) => r.DestinationCidrBlock === "0.0.0.0/0"))
      .map((t) => t.RouteTableId);
  for (const tableId of tables) {
    const table = editResource(state, "route-table", tableId);
    table.Routes = table.Routes.filter((r) => r.DestinationCidrBlock !== "0.0.0.0/0");
    table.Routes.push({ DestinationCidrBlock: "0.0.0.0/0", NatGatewayId, Origin: "CreateRoute", State: "active" });
  }
  return nat;
}

/** Removes a NAT gateway and the routes through it (a scenario's reset). */
export function removeNatGateway(state: SandboxState, natGatewayId: string): void {
  if (!findResource(state, "natgateway", natGatewayId)) throw natGatewayNotFound(natGatewayId);
  for (const table of listResources(state, "route-table")) {
    if (!table.Routes.some((r) => r.NatGatewayId === natGatewayId)) continue;
    const stored = editResource(state, "route-table", table.RouteTableId);
    stored.Routes = stored.Routes.filter((r) => r.NatGatewayId !== natGatewayId);
  }
  removeResource(state, "natgateway", natGatewayId);
}
