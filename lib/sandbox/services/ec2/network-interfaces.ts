/**
 * Network interfaces. The sandbox has no instances of its own: its ENIs are those ECS creates for awsvpc tasks
 * (Fargate, or EC2 tasks in awsvpc mode), recorded here by the ECS engine when a task's ENI is attached and forgotten
 * when it is deleted, so DescribeNetworkInterfaces lists them and subnets count them against their free addresses.
 */
import { hashHex } from "../../engine/ids";
import { subnetNotFound } from "./errors";
import { EC2_SANDBOX_LIMITS } from "./quotas";
import { createdCount, findResource, listResources, putResource, removeResource, type Ec2Sandbox } from "./resources";
import type { NetworkInterfaceData } from "./state";

export interface TaskNetworkInterface {
  /** The task attachment's details (engine/network.ts newEniDetails). */
  networkInterfaceId: string;
  subnetId: string;
  privateIpv4Address: string;
  macAddress: string;
  privateDnsName: string;
  securityGroupIds: string[];
  /** The ECS attachment id: AWS describes a task ENI as `arn:aws:ecs:<region>:<account>:attachment/<id>`. */
  attachmentId: string;
  /** With assignPublicIp ENABLED (publicIpFor gives the sandbox's address for the ENI). */
  publicIp?: string;
  /** Simulated epoch ms of the attachment. */
  attachedAtMs: number;
}

/**
 * A public address for an ENI, stable for its id: AWS's own ranges do not matter to a lesson, only that the address
 * is public. [inferred] shape: Amazon-owned addresses in 3.x–54.x are what learners see.
 */
export function publicIpFor(networkInterfaceId: string): string {
  const h = hashHex(`public-ip|${networkInterfaceId}`, 8);
  const octets = [0, 2, 4, 6].map((i) => parseInt(h.slice(i, i + 2), 16));
  return `${[3, 13, 18, 35, 52, 54][octets[0] % 6]}.${octets[1]}.${octets[2]}.${Math.max(1, octets[3] % 255)}`;
}

/** Records a task's ENI (or replaces it, same id). Throws InvalidSubnetID.NotFound for a subnet that does not exist. */
export function recordNetworkInterface(state: Ec2Sandbox, eni: TaskNetworkInterface): NetworkInterfaceData {
  const subnet = findResource(state, "subnet", eni.subnetId);
  if (!subnet) throw subnetNotFound(eni.subnetId);
  const exists = findResource(state, "network-interface", eni.networkInterfaceId) !== undefined;
  // A full sandbox forgets its oldest recorded ENI: a task that can be stored must be able to have one.
  if (!exists && createdCount(state, "network-interface") >= EC2_SANDBOX_LIMITS.networkInterfaces) {
    const oldest = listResources(state, "network-interface")[0];
    if (oldest) removeResource(state, "network-interface", oldest.NetworkInterfaceId);
  }
  const association = eni.publicIp
    ? { IpOwnerId: "amazon", PublicDnsName: `ec2-${eni.publicIp.replaceAll(".", "-")}.${publicDnsDomain(state.region)}`, PublicIp: eni.publicIp }
    : undefined;
  const data: NetworkInterfaceData = {
    NetworkInterfaceId: eni.networkInterfaceId,
    SubnetId: subnet.SubnetId,
    VpcId: subnet.VpcId,
    AvailabilityZone: subnet.AvailabilityZone,
    AvailabilityZoneId: subnet.AvailabilityZoneId,
    Description: `arn:aws:ecs:${state.region}:${state.accountId}:attachment/${eni.attachmentId}`,
    Groups: eni.securityGroupIds.map((GroupId) => ({ GroupId, GroupName: findResource(state, "security-group", GroupId)?.GroupName ?? "" })),
    InterfaceType: "interface",
    MacAddress: eni.macAddress,
    OwnerId: state.accountId,
    PrivateDnsName: eni.privateDnsName,
    PrivateIpAddress: eni.privateIpv4Address,
    PrivateIpAddresses: [
      { Primary: true, PrivateDnsName: eni.privateDnsName, PrivateIpAddress: eni.privateIpv4Address, ...(association ? { Association: association } : {}) },
    ],
    ...(association ? { Association: association } : {}),
    // [inferred] ECS-managed ENIs show the requester as AWS's own account, RequesterManaged true.
    RequesterId: "578734482556",
    RequesterManaged: true,
    SourceDestCheck: true,
    Status: "in-use",
    Attachment: {
      AttachmentId: `ela-attach-${hashHex(`attach|${eni.networkInterfaceId}`, 17)}`,
      AttachTime: eni.attachedAtMs / 1000,
      DeleteOnTermination: false,
      DeviceIndex: 1,
      NetworkCardIndex: 0,
      InstanceOwnerId: "amazon-aws",
      Status: "attached",
    },
    Ipv6Addresses: [],
    TagSet: [],
  };
  putResource(state, "network-interface", eni.networkInterfaceId, data);
  return data;
}

/** Forgets a task's ENI (the task's ENI was deleted). Unknown ids are ignored: the ENI may have been forgotten already. */
export function forgetNetworkInterface(state: Ec2Sandbox, networkInterfaceId: string): void {
  if (findResource(state, "network-interface", networkInterfaceId)) removeResource(state, "network-interface", networkInterfaceId);
}

/** The recorded ENIs, oldest first. */
export function networkInterfaces(state: Ec2Sandbox): NetworkInterfaceData[] {
  return listResources(state, "network-interface");
}

function publicDnsDomain(region: string): string {
  return region === "us-east-1" ? "compute-1.amazonaws.com" : `${region}.compute.amazonaws.com`;
}
