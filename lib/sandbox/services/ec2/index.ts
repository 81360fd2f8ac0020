/**
 * Amazon EC2, the VPC part a task's network is made of: the sandbox's seeded network (seed.ts; curriculum §3.1)
 * described as AWS describes it, security groups learners create and change, and VPC endpoints (lesson L503).
 * Regional: each Region of a sandbox has its own network. The ec2 wire protocol is the gateway's business.
 */
import type { ServiceProvider } from "../provider";
import {
  describeAvailabilityZones,
  describeInternetGateways,
  describeNatGateways,
  describeNetworkInterfaces,
  describeRouteTables,
  describeSubnets,
  describeVpcEndpoints,
  describeVpcs,
} from "./describe";
import { authorizeEgress, authorizeIngress, createSecurityGroup, deleteSecurityGroup, describeSecurityGroups, revokeEgress, revokeIngress } from "./security-groups";
import { createVpcEndpoint, deleteVpcEndpoints, modifyVpcEndpoint } from "./vpc-endpoints";

export const ec2Provider: ServiceProvider = {
  service: "ec2",
  global: false,
  operations: {
    DescribeVpcs: { readOnly: true, run: describeVpcs },
    DescribeSubnets: { readOnly: true, run: describeSubnets },
    DescribeRouteTables: { readOnly: true, run: describeRouteTables },
    DescribeInternetGateways: { readOnly: true, run: describeInternetGateways },
    DescribeNatGateways: { readOnly: true, run: describeNatGateways },
    DescribeSecurityGroups: { readOnly: true, run: describeSecurityGroups },
    DescribeVpcEndpoints: { readOnly: true, run: describeVpcEndpoints },
    DescribeAvailabilityZones: { readOnly: true, run: describeAvailabilityZones },
    DescribeNetworkInterfaces: { readOnly: true, run: describeNetworkInterfaces },
    CreateSecurityGroup: { readOnly: false, run: createSecurityGroup },
    DeleteSecurityGroup: { readOnly: false, run: deleteSecurityGroup },
    AuthorizeSecurityGroupIngress: { readOnly: false, run: authorizeIngress },
    AuthorizeSecurityGroupEgress: { readOnly: false, run: authorizeEgress },
    RevokeSecurityGroupIngress: { readOnly: false, run: revokeIngress },
    RevokeSecurityGroupEgress: { readOnly: false, run: revokeEgress },
    CreateVpcEndpoint: { readOnly: false, run: createVpcEndpoint },
    ModifyVpcEndpoint: { readOnly: false, run: modifyVpcEndpoint },
    DeleteVpcEndpoints: { readOnly: false, run: deleteVpcEndpoints },
  },
};
