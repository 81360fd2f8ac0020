/**
 * The VPC (EC2) part of a sandbox state (the provider in this folder owns these records and may extend them): the
 * network a new sandbox starts with (curriculum §3.1) is built by the provider; what a learner changes is stored.
 */
export interface Ec2ResourceRecord {
  /** "vpc", "subnet", "security-group", "route-table", "internet-gateway", "nat-gateway", "vpc-endpoint", … */
  kind: string;
  /** The resource's id (vpc-…, subnet-…, sg-…). */
  id: string;
  /** The resource as DescribeX answers it (the provider's shape). */
  data: Record<string, unknown>;
}

export interface Ec2State {
  /** By resource id. */
  ec2Resources: Record<string, Ec2ResourceRecord>;
}

export const EC2_MAPS = ["ec2Resources"] as const;
