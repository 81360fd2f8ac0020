/**
 * EC2's errors as AWS words them. EC2's model declares no error shapes: the code travels as <Code> in the ec2
 * protocol's <Response><Errors><Error>, every one a 400. Sources: "[observed]" = seen verbatim in a real AWS answer
 * quoted in a public issue or log (named); "[inferred]" = AWS's wording not found, written after the observed ones.
 */
import { EcsError } from "../../engine/errors";

const error = (code: string, message: string) => new EcsError(code, message);

// [observed] terraform-aws-consul#29, gardener/gardener-extension-provider-aws#161.
export const vpcNotFound = (id: string) => error("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`);
// [observed] jschementi/riker#42, terraform-aws-modules/terraform-aws-ec2-instance#20.
export const subnetNotFound = (id: string) => error("InvalidSubnetID.NotFound", `The subnet ID '${id}' does not exist`);
// [observed] kubernetes-sigs/aws-load-balancer-controller and others: "The security group 'sg-0dcf748f4901c5334' does not exist".
export const groupNotFound = (id: string) => error("InvalidGroup.NotFound", `The security group '${id}' does not exist`);
// [inferred] same form as the subnet and VPC ones; the resource names as AWS spells them in these messages.
export const routeTableNotFound = (id: string) => error("InvalidRouteTableID.NotFound", `The routeTable ID '${id}' does not exist`);
// [inferred]
export const internetGatewayNotFound = (id: string) => error("InvalidInternetGatewayID.NotFound", `The internetGateway ID '${id}' does not exist`);
// [inferred] code from the EC2 API error list; wording not seen.
export const natGatewayNotFound = (id: string) => error("NatGatewayNotFound", `NAT gateway ${id} was not found`);
// [inferred] code from the EC2 API error list; wording not seen.
export const vpcEndpointNotFound = (id: string) => error("InvalidVpcEndpointId.NotFound", `The Vpc Endpoint Id '${id}' does not exist`);
// [inferred] same form as the subnet one.
export const networkInterfaceNotFound = (id: string) => error("InvalidNetworkInterfaceID.NotFound", `The networkInterface ID '${id}' does not exist`);

/**
 * A malformed id. [observed] for security groups: `Invalid id: "i-0d9566a2e1c8fe35d" (expecting "sg-...")`
 * (InvalidGroupId.Malformed, DescribeSecurityGroups); the other kinds [inferred] the same sentence with their prefix.
 */
export const malformedId = (code: string, id: string, prefix: string) => error(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);

// [observed] hashicorp/terraform#15428, kubernetes/kops#2376.
export const groupDuplicate = (name: string, vpcId: string) =>
  error("InvalidGroup.Duplicate", `The security group '${name}' already exists for VPC '${vpcId}'`);

// [observed] "VPCIdNotSpecified: No default VPC for this user" (CreateSecurityGroup in a Region without a default VPC).
export const noDefaultVpc = () => error("VPCIdNotSpecified", "No default VPC for this user");

/**
 * [observed] `the specified rule "peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW" already exists`
 * (hashicorp/terraform#1874, galaxyproject/cloudlaunch#56, terraform-aws-modules/terraform-aws-security-group#351),
 * `"peer: 0.0.0.0/0, ALL, ALLOW"` (lucidsoftware/cumulus#101), `"peer: 0.0.0.0/0, protocol: 50, ALLOW"`
 * (ansible/ansible-modules-core#3258). ICMP's form ([inferred]) follows the TCP one with type and code.
 */
export const permissionDuplicate = (rule: string) => error("InvalidPermission.Duplicate", `the specified rule ${rule} already exists`);

// [observed] "The specified rule does not exist in this security group." (the go code and prowler fixtures quoting AWS).
export const permissionNotFound = () => error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");

// [observed] "The same permission must not appear multiple times" (input-output-hk/bitte#24).
export const permissionRepeated = () => error("InvalidParameterValue", "The same permission must not appear multiple times");

// [observed] chef-provisioning-aws#183, aws-sdk-go-v2#1203 (TCP/UDP); cfn-lint#1323 / martysweet/cfn-lint#6 (ICMP).
export const portsRequired = (protocol: "TCP/UDP" | "ICMP") =>
  error("InvalidParameterValue", `Invalid value 'Must specify both from and to ports with ${protocol}.' for portRange.`);

// [observed] boto/boto3#336: "TCP/UDP port (-1) out of range" (InvalidPermission.Malformed).
export const portOutOfRange = (port: number) => error("InvalidPermission.Malformed", `TCP/UDP port (${port}) out of range`);

// [inferred]
export const portRangeReversed = (from: number, to: number) =>
  error("InvalidParameterValue", `Invalid TCP/UDP port range (${from}:${to}): the start port must not be greater than the end port.`);

// [inferred] the code from the EC2 API error list (ICMP type/code out of 0–255 or -1).
export const icmpOutOfRange = (value: number) => error("InvalidParameterValue", `ICMP type or code (${value}) out of range`);

// [inferred] "Invalid value 'x' for IP protocol. Unknown protocol." — AWS's wording not seen.
export const unknownProtocol = (protocol: string) => error("InvalidParameterValue", `Invalid value '${protocol}' for IP protocol. Unknown protocol.`);

// [observed] aws/aws-cli#2428: "CIDR block ::/0 is malformed" (InvalidParameterValue, RevokeSecurityGroupIngress).
export const cidrMalformed = (cidr: string) => error("InvalidParameterValue", `CIDR block ${cidr} is malformed`);

// [observed] "CannotDelete: the specified group: "sg-…" name: "default" cannot be deleted by a user" (cleanup scripts matching it).
export const cannotDeleteDefault = (id: string) => error("CannotDelete", `the specified group: "${id}" name: "default" cannot be deleted by a user`);

// [observed] "DependencyViolation: resource sg-… has a dependent object" (the go code quoting AWS).
export const dependencyViolation = (id: string) => error("DependencyViolation", `resource ${id} has a dependent object`);

// [observed] "The filter 'foo' is invalid" (InvalidParameterValue, Describe* with an unknown filter name).
export const invalidFilter = (name: string) => error("InvalidParameterValue", `The filter '${name}' is invalid`);

// [inferred] code from the EC2 API error list ("FilterLimitExceeded").
export const filterLimit = () => error("FilterLimitExceeded", "The request uses too many filters or too many filter values.");

// [observed] "Invalid availability zone: [us-east-1b]" (InvalidParameterValue; bosh-bootstrap, openshift tests).
export const invalidZone = (name: string) => error("InvalidParameterValue", `Invalid availability zone: [${name}]`);
// [inferred] the same for a zone id.
export const invalidZoneId = (id: string) => error("InvalidParameterValue", `Invalid availability zone-id: [${id}]`);

// [inferred] "Value ( 2 ) for parameter maxResults is invalid. Parameter must be between 5 and 1000."
export const maxResultsOutOfRange = (value: number, min: number, max: number) =>
  error("InvalidParameterValue", `Value ( ${value} ) for parameter maxResults is invalid. Parameter must be between ${min} and ${max}.`);

// [observed] "The parameter groupIds cannot be used with the parameter maxResults" (InvalidParameterCombination).
export const idsWithMaxResults = (idsParameter: string) =>
  error("InvalidParameterCombination", `The parameter ${idsParameter} cannot be used with the parameter maxResults`);

// [inferred] code from the EC2 API error list (InvalidPaginationToken).
export const invalidNextToken = (token: string) => error("InvalidPaginationToken", `Invalid pagination token: ${token}`);

// [observed] "MissingParameter: The request must contain the parameter …" (moto copies AWS's form).
export const missingParameter = (name: string) => error("MissingParameter", `The request must contain the parameter ${name}`);

// [inferred] the code AWS answers a value of the wrong type with; the sandbox's readers raise it for non-SDK callers.
export const invalidParameterValue = (message: string) => error("InvalidParameterValue", message);

// [inferred] AWS's "SecurityGroupLimitExceeded"; the sandbox raises it at its own bound (quotas.ts).
export const securityGroupLimit = (limit: number) =>
  error("SecurityGroupLimitExceeded", `The maximum number of security groups (${limit} in this sandbox) has been reached.`);

// [inferred] AWS's "RulesPerSecurityGroupLimitExceeded" (EC2 API error list); the message is the list's description.
export const rulesLimit = () => error("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.");

// [inferred] "VpcEndpointLimitExceeded".
export const vpcEndpointLimit = () => error("VpcEndpointLimitExceeded", "The maximum number of VPC endpoints has been reached.");

// [inferred] wording; the model says a name "Can't start with sg-".
export const groupNameSgPrefix = () => error("InvalidParameterValue", "Group names may not be in the format sg-*.");

// [inferred] AWS checks the character set of names and descriptions (CreateSecurityGroup's model lists it).
export const invalidCharacters = (parameter: string, value: string) =>
  error("InvalidParameterValue", `Value (${value}) for parameter ${parameter} is invalid. Character sets beyond ASCII are not supported.`);

// [inferred] the length rule of the model ("Up to 255 characters in length").
export const tooLong = (parameter: string, value: string, max: number) =>
  error("InvalidParameterValue", `Value (${value}) for parameter ${parameter} is invalid. Length exceeds maximum of ${max} characters.`);

// [observed] "InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.us-east-1.s3' does not exist" (a service of
// another Region named from eu-central-1; the same for an unknown service).
export const invalidServiceName = (name: string) => error("InvalidServiceName", `The Vpc Endpoint Service '${name}' does not exist`);

// [observed] "InvalidParameter: Endpoint type (Gateway) does not match available service types ([Interface])." (terraform logs).
export const endpointTypeMismatch = (type: string, types: readonly string[]) =>
  error("InvalidParameter", `Endpoint type (${type}) does not match available service types ([${types.join(", ")}]).`);

// [inferred] "InvalidParameter" for an endpoint request that mixes types' members.
export const invalidParameter = (message: string) => error("InvalidParameter", message);

// [inferred] "DuplicateSubnetsInSameZone" (EC2 API error list description).
export const duplicateSubnetsInZone = () =>
  error("DuplicateSubnetsInSameZone", "For an interface VPC endpoint, you can specify only one subnet per Availability Zone.");

// [inferred] a security group of another VPC named for a resource in this one.
export const groupOfOtherVpc = (groupId: string, vpcId: string) =>
  error("InvalidParameter", `Security group ${groupId} does not belong to VPC ${vpcId}`);
