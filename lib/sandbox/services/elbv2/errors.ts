/**
 * Elastic Load Balancing v2's errors: AWS's code (the model's shape name; the gateway writes its wire code, e.g.
 * `LoadBalancerNotFound`, and status) and AWS's text. Sources: [observed] where AWS's answer was seen in public
 * reports (terraform, CDK, CloudFormation and controller issues quoting the API), [AWS-doc] the API reference,
 * [moto] moto's elbv2 wording where nothing better was found (moto copies AWS's texts where it can), [inferred] ours.
 */
import { EcsError } from "../../engine/errors";
import { ELB_QUOTAS } from "./quotas";

const error = (code: string, message: string) => new EcsError(code, message);

/** Constraint failures, as the Coral services word them: "1 validation error detected: …; …". */
export function validationFailed(failures: string[]): EcsError {
  const n = failures.length;
  return error("ValidationError", `${n} validation error${n === 1 ? "" : "s"} detected: ${failures.join("; ")}`);
}

export const constraint = {
  atLeast: (value: unknown, path: string, min: number) => `Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
  atMost: (value: unknown, path: string, max: number) => `Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
  enumOf: (value: unknown, path: string, values: readonly string[]) =>
    `Value '${String(value)}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(", ")}]`,
  notNull: (path: string) => `Value null at '${path}' failed to satisfy constraint: Member must not be null`,
  lengthAtMost: (value: string, path: string, max: number) =>
    `Value '${value}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
};

export const validation = (message: string) => error("ValidationError", message);

// --- not found ------------------------------------------------------------------------------------------------------
/** [observed] terraform-provider-aws#15214 "LoadBalancerNotFound: One or more load balancers not found". */
export const loadBalancersNotFound = () => error("LoadBalancerNotFoundException", "One or more load balancers not found");
/** [observed] terraform-provider-aws#10669 "Load balancers '[foobar-terraform-elb]' not found". */
export const loadBalancerNamesNotFound = (names: string[]) => error("LoadBalancerNotFoundException", `Load balancers '[${names.join(", ")}]' not found`);
/** [observed] awslabs/kubeflow-manifests#116 and many others. */
export const targetGroupsNotFound = () => error("TargetGroupNotFoundException", "One or more target groups not found");
/** [inferred] worded as the load balancers' by-name answer. */
export const targetGroupNamesNotFound = (names: string[]) => error("TargetGroupNotFoundException", `Target groups '[${names.join(", ")}]' not found`);
/** [observed] awslabs/kubeflow-manifests#116 "ListenerNotFound: One or more listeners not found". */
export const listenersNotFound = () => error("ListenerNotFoundException", "One or more listeners not found");
/** [inferred] worded as the others. */
export const rulesNotFound = () => error("RuleNotFoundException", "One or more rules not found");

// --- duplicates -----------------------------------------------------------------------------------------------------
/** [observed] kubernetes-sigs/aws-load-balancer-controller#3173, #3774. */
export const duplicateLoadBalancer = (name: string) =>
  error("DuplicateLoadBalancerNameException", `A load balancer with the same name '${name}' exists, but with different settings`);
/** [observed] aws-load-balancer-controller#3774; fortinet/fortigate-terraform-deploy#21. */
export const duplicateTargetGroup = (name: string) =>
  error("DuplicateTargetGroupNameException", `A target group with the same name '${name}' exists, but with different settings`);
/** [observed] hashicorp/terraform#26407. */
export const duplicateListener = (loadBalancerArn: string) =>
  error("DuplicateListenerException", `A listener already exists on this port for this load balancer '${loadBalancerArn}'`);
/** [observed] "PriorityInUse: Priority '10' is currently in use" (terraform-provider-aws reports). */
export const priorityInUse = (priority: number) => error("PriorityInUseException", `Priority '${priority}' is currently in use`);
/** [moto] DuplicateTagKeysError. */
export const duplicateTagKeys = (key: string) => error("DuplicateTagKeysException", `Tag key was specified more than once: ${key}`);

// --- load balancers -------------------------------------------------------------------------------------------------
/** [observed] kasmtech/terraform#5, aws-samples/aws-cdk-examples#226, cfn-lint#638. */
export const twoZonesRequired = () => validation("At least two subnets in two different Availability Zones must be specified");
/** [observed] robertdebock/terraform-aws-vault#5, coldbrewcloud/coldbrew-cli#44. */
export const subnetsInSameZone = () =>
  error("InvalidConfigurationRequestException", "A load balancer cannot be attached to multiple subnets in the same Availability Zone");
/** [moto] SubnetNotFoundError. */
export const subnetNotFound = () => error("SubnetNotFoundException", "The specified subnet does not exist.");
/** [inferred] */
export const subnetsInDifferentVpcs = () => error("InvalidConfigurationRequestException", "The subnets must all be in the same VPC");
/** [moto] "Security group sg-… does not exist". */
export const securityGroupNotFound = (id: string) => error("InvalidSecurityGroupException", `Security group '${id}' does not exist`);
/** [inferred] */
export const securityGroupOfOtherVpc = (id: string) => error("InvalidSecurityGroupException", `Security group '${id}' does not belong to VPC of the load balancer`);
/** [inferred] worded as the quota's name. */
export const tooManyLoadBalancers = () => error("TooManyLoadBalancersException", "The quota for the number of load balancers has been reached");
/** [observed] "Load balancer '<arn>' cannot be deleted because deletion protection is enabled". */
export const deletionProtected = (arn: string) =>
  error("OperationNotPermittedException", `Load balancer '${arn}' cannot be deleted because deletion protection is enabled`);
/** [inferred] the sandbox emulates ALBs and NLBs only. */
export const typeNotEmulated = (type: string) =>
  error("InvalidConfigurationRequestException", `The ECS Dojo sandbox emulates application and network load balancers, not '${type}' ones`);
/** [inferred] CreateLoadBalancer's name rules ([AWS-doc] Name: "up to 32 characters, … only alphanumeric characters and hyphens, must not begin or end with a hyphen, and must not begin with "internal-""). */
export const loadBalancerNameInvalid = (name: string) =>
  validation(
    `The load balancer name '${name}' is not valid. It can have up to 32 characters, only alphanumeric characters and hyphens, must not begin or end with a hyphen, and must not begin with 'internal-'`,
  );

// --- target groups --------------------------------------------------------------------------------------------------
/** [moto] InvalidTargetGroupNameError texts. */
export const targetGroupNameTooLong = (name: string) => validation(`Target group name '${name}' cannot be longer than '${ELB_QUOTAS.nameLength}' characters`);
export const targetGroupNameCharacters = (name: string) =>
  validation(`Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
export const targetGroupNameHyphen = (name: string) => validation(`Target group name '${name}' cannot begin or end with '-'`);
/** [moto] "A protocol must be specified" / "A port must be specified" / "A VPC ID must be specified". */
export const mustBeSpecified = (what: string) => validation(`A ${what} must be specified`);
/** [moto] */
export const vpcNotFound = (vpcId: string) => validation(`The VPC ID '${vpcId}' is not found`);
/** [observed] terraform-provider-aws#48070, tflint-ruleset-aws#404 (CreateTargetGroup). */
export const intervalNotAboveTimeout = () => validation("Health check interval must be greater than the timeout.");
/** [observed] terraform-provider-aws#2366 (ModifyTargetGroup). */
export const timeoutNotBelowInterval = (timeout: number, interval: number) =>
  validation(`Health check timeout '${timeout}' must be smaller than the interval '${interval}'`);
/** [moto] "HttpCode must be like 200 | 200-399 | 200,201 ...". */
export const badMatcher = () => error("InvalidConfigurationRequestException", "HttpCode must be like 200 | 200-399 | 200,201 ...");
/** [observed] cloudposse/terraform-aws-alb-ingress#24, hashicorp/terraform#13076. */
export const targetGroupInUse = (arn: string) => error("ResourceInUseException", `Target group '${arn}' is currently in use by a listener or a rule`);
/** [inferred] */
export const targetTypeNotEmulated = (type: string) =>
  error("InvalidConfigurationRequestException", `The ECS Dojo sandbox emulates target groups of type 'instance' and 'ip', not '${type}'`);
/** [moto] "'deregistration_delay.timeout_seconds' value '…' must be between '0-3600' inclusive". */
export const delayOutOfRange = (value: string) =>
  validation(`'deregistration_delay.timeout_seconds' value '${value}' must be between '0-${ELB_QUOTAS.deregistrationDelayMaxSeconds}' inclusive`);
/** [inferred] */
export const unknownAttribute = (key: string) => validation(`Attribute key '${key}' is not recognized`);
/** [inferred] */
export const badAttributeValue = (key: string, value: string) => validation(`Attribute '${key}' has an invalid value '${value}'`);
/** [observed] aws-load-balancer-controller#4528 "TargetGroup cannot be associated with more than one load balancer". */
export const targetGroupOfOtherLoadBalancer = (arn: string) =>
  error("TargetGroupAssociationLimitException", `The following target groups cannot be associated with more than one load balancer: ${arn}`);

// --- targets --------------------------------------------------------------------------------------------------------
/** [AWS-doc] InvalidTargetException: "The specified target does not exist, is not in the same VPC as the target group, or has an unsupported instance type." */
export const invalidTarget = () =>
  error("InvalidTargetException", "The specified target does not exist, is not in the same VPC as the target group, or has an unsupported instance type.");
/** [observed] aws-load-balancer-controller#3714, #2736. */
export const zoneRequiredOutsideVpc = (ip: string) => validation(`The Availability Zone is required for IP address '${ip}' because it is not in the VPC`);
/** [inferred] */
export const notAnIpAddress = (ip: string) => validation(`The IP address '${ip}' is not a valid IPv4 address`);
/** [inferred] */
export const tooManyTargets = () => error("TooManyTargetsException", `You have reached the limit of ${ELB_QUOTAS.targetsPerTargetGroup} targets per target group`);

// --- listeners and rules --------------------------------------------------------------------------------------------
/** [moto] InvalidProtocol: "Listener protocol 'TCP' must be one of 'HTTPS, HTTP'". */
export const listenerProtocol = (protocol: string, valid: readonly string[]) => validation(`Listener protocol '${protocol}' must be one of '${valid.join(", ")}'`);
/** [inferred] */
export const certificateRequired = () => validation("A certificate must be specified for HTTPS listeners");
/** [inferred] */
export const incompatibleProtocols = (targetGroupArn: string) =>
  error("IncompatibleProtocolsException", `The protocol of target group '${targetGroupArn}' is not compatible with the listener's protocol`);
/** [inferred] */
export const actionTargetGroupRequired = () => validation("A target group ARN must be specified for forward actions");
/** [moto] "Either conditions or actions must be specified". */
export const nothingToModify = () => validation("Either conditions or actions must be specified");
/** [moto] "You must specify either listener ARNs or a load balancer ARN"; the rules' counterpart [inferred]. */
export const listenerOrLoadBalancer = () => validation("You must specify either listener ARNs or a load balancer ARN");
export const listenerOrRules = () => validation("You must specify either listener ARN or rule ARNs");
/** [inferred] */
export const defaultRuleUndeletable = (arn: string) => error("OperationNotPermittedException", `Default rule '${arn}' cannot be deleted`);
/** [inferred] */
export const defaultRulePriority = (arn: string) => error("OperationNotPermittedException", `The priority of default rule '${arn}' cannot be changed`);
/** [moto] "Condition field 'x' must be one of '[path-pattern,host-header,…]'". */
export const conditionField = (field: string) =>
  validation(`Condition field '${field}' must be one of '[path-pattern,host-header,http-header,http-request-method,query-string,source-ip]'`);
/** [moto] "A condition value must be specified". */
export const conditionValueRequired = () => validation("A condition value must be specified");
/** [inferred] */
export const tooManyListeners = () => error("TooManyListenersException", `You've reached the limit of ${ELB_QUOTAS.listenersPerLoadBalancer} listeners per load balancer`);
export const tooManyRules = () => error("TooManyRulesException", `You've reached the limit of ${ELB_QUOTAS.rulesPerLoadBalancer} rules per load balancer`);
export const tooManyTargetGroupsPerAction = () =>
  error("TooManyTargetGroupsException", `You've reached the limit of ${ELB_QUOTAS.targetGroupsPerAction} target groups per action`);

// --- tags and pages -------------------------------------------------------------------------------------------------
/** [moto] TooManyTagsError. */
export const tooManyTags = () => error("TooManyTagsException", "The quota for the number of tags that can be assigned to a load balancer has been reached");
/** [inferred] */
export const badMarker = () => validation("Invalid value for marker");
/** [inferred] a resource ARN of no kind ELB has. */
export const invalidArn = (arn: string) => validation(`'${arn}' is not a valid Elastic Load Balancing resource ARN`);
