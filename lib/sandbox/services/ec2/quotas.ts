/**
 * Every number the EC2 (VPC) provider enforces, with where it comes from. AWS's own quotas where one exists
 * (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html, default values), and the sandbox's
 * bounds on what one learner may store where AWS's quota is far larger than a lesson needs.
 */
import { SANDBOX_LIMITS } from "../../engine/quotas";

export const EC2_QUOTAS = {
  /** "Inbound or outbound rules per security group": 60 each (the two are counted apart; IPv4 and IPv6 apart too). */
  rulesPerSecurityGroup: 60,
  /** "Security groups per network interface": 5 (the default; AWS allows up to 16 on request). */
  securityGroupsPerNetworkInterface: 5,
  /** "Interface VPC endpoints per VPC": 50. */
  interfaceEndpointsPerVpc: 50,
  /** "Gateway VPC endpoints per Region": 20. */
  gatewayEndpointsPerRegion: 20,
  /** Security group names and descriptions: "Up to 255 characters in length" (CreateSecurityGroup's model). */
  securityGroupNameLength: 255,
  securityGroupDescriptionLength: 255,
  /** A rule's description: up to 255 characters (IpRange.Description in the model). */
  ruleDescriptionLength: 255,
  /** Tags per resource 50; keys up to 128 characters, values up to 256 (EC2 tag restrictions). */
  tagsPerResource: 50,
  tagKeyLength: 128,
  tagValueLength: 256,
  /** "FilterLimitExceeded: The request uses too many filters or too many filter values" — 200 values per request ([inferred] figure). */
  filterValuesPerRequest: 200,
} as const;

/**
 * MaxResults bounds of the paginated Describe calls, from the model's documentation of each MaxResults member
 * ("Valid range: Minimum value of 5. Maximum value of 1000."; DescribeVpcEndpoints takes any value and caps it at
 * 1,000). Without MaxResults AWS answers every item in one page; so does the sandbox.
 */
export const MAX_RESULTS: Record<string, { min: number; max: number }> = {
  DescribeVpcs: { min: 5, max: 1000 },
  DescribeSubnets: { min: 5, max: 1000 },
  DescribeRouteTables: { min: 5, max: 100 },
  DescribeInternetGateways: { min: 5, max: 1000 },
  DescribeNatGateways: { min: 5, max: 1000 },
  DescribeSecurityGroups: { min: 5, max: 1000 },
  DescribeNetworkInterfaces: { min: 5, max: 1000 },
  DescribeVpcEndpoints: { min: 1, max: 1000 },
};

/** Timings and fixed facts of the network, simulated. */
export const EC2_FACTS = {
  /**
   * Addresses AWS keeps in every subnet: the network address, the next three (router, DNS, future use) and the
   * broadcast address (VPC User Guide, "Subnet CIDR blocks").
   */
  reservedAddressesPerSubnet: 5,
  /** How long an interface endpoint stays `pending` before it is `available` ([inferred]: about a minute in the console). */
  interfaceEndpointPendingMs: 60_000,
} as const;

/** Sandbox bounds: not AWS behaviour, only a cap on what one learner's sandbox stores. */
export const EC2_SANDBOX_LIMITS = {
  /**
   * Security groups a learner may create in a Region. AWS's "VPC security groups per Region" is 2,500; a lesson
   * needs a handful, and 250 groups of 120 rules already make a state far larger than any other service's.
   */
  createdSecurityGroups: 250,
  /** VPC endpoints a learner may create in a Region (the interface quota of one VPC, and gateways besides). */
  createdVpcEndpoints: 70,
  /** Network interfaces recorded at once: one per awsvpc task the sandbox can hold. */
  networkInterfaces: SANDBOX_LIMITS.tasks,
} as const;
