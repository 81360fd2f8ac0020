/**
 * The VPC (EC2) part of a sandbox state. The network a new sandbox starts with (curriculum §3.1) is not stored: it is
 * built from the sandbox's seed, account and Region whenever it is read (seed.ts). This map holds only what a learner
 * (or a scenario, or ECS) changed — a seeded resource changed is stored whole under its own id, a seeded resource
 * deleted is stored as a tombstone, a created one is stored as created — so a sandbox that never touches EC2 stores
 * nothing, and a change writes one small document (state-documents.ts stores one per record).
 */

/** The kinds of resource the sandbox models, as EC2 names them in its resource-type lists. */
export type Ec2Kind = "vpc" | "subnet" | "route-table" | "internet-gateway" | "natgateway" | "security-group" | "vpc-endpoint" | "network-interface";

export interface Ec2Tag {
  Key: string;
  Value: string;
}

/** A VPC, as DescribeVpcs answers it. */
export interface VpcData {
  VpcId: string;
  OwnerId: string;
  CidrBlock: string;
  CidrBlockAssociationSet: { AssociationId: string; CidrBlock: string; CidrBlockState: { State: string } }[];
  DhcpOptionsId: string;
  InstanceTenancy: string;
  IsDefault: boolean;
  State: string;
  BlockPublicAccessStates: { InternetGatewayBlockMode: string };
  Tags: Ec2Tag[];
}

/** A subnet, as DescribeSubnets answers it but for AvailableIpAddressCount, which is counted from the ENIs in it. */
export interface SubnetData {
  SubnetId: string;
  SubnetArn: string;
  VpcId: string;
  OwnerId: string;
  AvailabilityZone: string;
  AvailabilityZoneId: string;
  CidrBlock: string;
  DefaultForAz: boolean;
  MapPublicIpOnLaunch: boolean;
  MapCustomerOwnedIpOnLaunch: boolean;
  AssignIpv6AddressOnCreation: boolean;
  Ipv6CidrBlockAssociationSet: never[];
  EnableDns64: boolean;
  Ipv6Native: boolean;
  PrivateDnsNameOptionsOnLaunch: { HostnameType: string; EnableResourceNameDnsARecord: boolean; EnableResourceNameDnsAAAARecord: boolean };
  BlockPublicAccessStates: { InternetGatewayBlockMode: string };
  State: string;
  Tags: Ec2Tag[];
}

export interface RouteData {
  DestinationCidrBlock?: string;
  DestinationPrefixListId?: string;
  GatewayId?: string;
  NatGatewayId?: string;
  Origin: string;
  State: string;
}

export interface RouteTableAssociationData {
  Main: boolean;
  RouteTableAssociationId: string;
  RouteTableId: string;
  SubnetId?: string;
  AssociationState: { State: string };
}

/**
 * A route table. The routes a gateway VPC endpoint adds (S3) are not stored here: they are derived from the
 * endpoint's RouteTableIds when the table is described, so an endpoint change writes one document, not several.
 */
export interface RouteTableData {
  RouteTableId: string;
  VpcId: string;
  OwnerId: string;
  Routes: RouteData[];
  Associations: RouteTableAssociationData[];
  PropagatingVgws: never[];
  Tags: Ec2Tag[];
}

export interface InternetGatewayData {
  InternetGatewayId: string;
  OwnerId: string;
  Attachments: { State: string; VpcId: string }[];
  Tags: Ec2Tag[];
}

export interface NatGatewayData {
  NatGatewayId: string;
  VpcId: string;
  SubnetId: string;
  State: string;
  ConnectivityType: string;
  /** Epoch seconds (the sandbox's wire form of a timestamp, engine/wire.ts). */
  CreateTime: number;
  NatGatewayAddresses: {
    AllocationId: string;
    NetworkInterfaceId: string;
    PrivateIp: string;
    PublicIp: string;
    AssociationId: string;
    IsPrimary: boolean;
    Status: string;
  }[];
  Tags: Ec2Tag[];
}

/**
 * One security group rule: one protocol and port range with ONE peer (a CIDR, a security group or a prefix list),
 * the unit AWS counts against the rules quota and gives an sgr- id. DescribeSecurityGroups groups them into
 * IpPermissions by protocol and ports (security-groups.ts).
 */
export interface SecurityGroupRuleRecord {
  id: string;
  egress: boolean;
  /** "tcp", "udp", "icmp", "icmpv6", "-1" (all) or another protocol number. */
  protocol: string;
  /** Absent for protocols whose rules cover every port ("-1" and numbers other than tcp/udp/icmp/icmpv6). */
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  groupId?: string;
  /** The account of the referenced group (UserIdGroupPairs[].UserId). */
  groupOwnerId?: string;
  prefixListId?: string;
  description?: string;
}

export interface SecurityGroupData {
  GroupId: string;
  GroupName: string;
  Description: string;
  VpcId: string;
  OwnerId: string;
  Tags: Ec2Tag[];
  rules: SecurityGroupRuleRecord[];
}

export interface VpcEndpointData {
  VpcEndpointId: string;
  VpcEndpointType: "Interface" | "Gateway";
  VpcId: string;
  ServiceName: string;
  State: string;
  PolicyDocument: string;
  RouteTableIds: string[];
  SubnetIds: string[];
  Groups: { GroupId: string; GroupName: string }[];
  PrivateDnsEnabled: boolean;
  RequesterManaged: boolean;
  NetworkInterfaceIds: string[];
  DnsEntries: { DnsName: string; HostedZoneId: string }[];
  IpAddressType: string;
  DnsOptions: { DnsRecordIpType: string };
  /** Epoch seconds. */
  CreationTimestamp: number;
  OwnerId: string;
  Tags: Ec2Tag[];
  /** Simulated epoch ms at which a `pending` interface endpoint turns `available` (not shown). */
  availableAtMs?: number;
}

export interface NetworkInterfaceData {
  NetworkInterfaceId: string;
  SubnetId: string;
  VpcId: string;
  AvailabilityZone: string;
  AvailabilityZoneId: string;
  Description: string;
  Groups: { GroupId: string; GroupName: string }[];
  InterfaceType: string;
  MacAddress: string;
  OwnerId: string;
  PrivateDnsName: string;
  PrivateIpAddress: string;
  PrivateIpAddresses: { Primary: boolean; PrivateDnsName: string; PrivateIpAddress: string; Association?: { IpOwnerId: string; PublicDnsName: string; PublicIp: string } }[];
  Association?: { IpOwnerId: string; PublicDnsName: string; PublicIp: string };
  RequesterId: string;
  RequesterManaged: boolean;
  SourceDestCheck: boolean;
  Status: string;
  Attachment?: { AttachmentId: string; AttachTime: number; DeleteOnTermination: boolean; DeviceIndex: number; NetworkCardIndex: number; InstanceOwnerId: string; Status: string };
  Ipv6Addresses: never[];
  TagSet: Ec2Tag[];
}

export interface Ec2DataByKind {
  vpc: VpcData;
  subnet: SubnetData;
  "route-table": RouteTableData;
  "internet-gateway": InternetGatewayData;
  natgateway: NatGatewayData;
  "security-group": SecurityGroupData;
  "vpc-endpoint": VpcEndpointData;
  "network-interface": NetworkInterfaceData;
}

export interface Ec2ResourceRecord<K extends Ec2Kind = Ec2Kind> {
  kind: K;
  /** The resource's id (vpc-…, subnet-…, sg-…). */
  id: string;
  /** The resource in the provider's shape (above); `{}` for a tombstone. */
  data: Ec2DataByKind[K];
  /** A seeded resource the learner deleted: the seed still builds it, this hides it. */
  deleted?: true;
}

export interface Ec2State {
  /** By resource id: only what differs from the seeded network (see above). */
  ec2Resources: Record<string, Ec2ResourceRecord>;
}

export const EC2_MAPS = ["ec2Resources"] as const;
