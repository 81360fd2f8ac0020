/**
 * AWS managed policies the sandbox account has, built in (never stored): the ones the ECS lessons attach. Each is
 * AWS's default version as published in the AWS Managed Policy Reference (the URL above it), with its real policy
 * id, path and dates; the documents were taken from that reference's content as of 2026-03 (the same documents
 * `aws iam get-policy-version` returns). Older versions are not kept: GetPolicyVersion answers the default one only.
 */

export interface AwsManagedPolicy {
  name: string;
  policyId: string;
  path: string;
  versionId: string;
  /** ISO 8601 (UTC). */
  createDate: string;
  updateDate: string;
  description: string;
  document: object;
}

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  {
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSTaskExecutionRolePolicy.html
    name: "AmazonECSTaskExecutionRolePolicy",
    policyId: "ANPAJG4T4G4PV56DE72PY",
    path: "/service-role/",
    versionId: "v1",
    createDate: "2017-11-16T18:48:22Z",
    updateDate: "2017-11-16T18:48:22Z",
    // [inferred] the reference page's description was not at hand
    description: "Provides access to other AWS service resources that are required to run Amazon ECS tasks",
    document: {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": [
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "logs:CreateLogStream",
            "logs:PutLogEvents"
          ],
          "Resource": "*",
          "Effect": "Allow"
        }
      ]
    },
  },
  {
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2ContainerServiceforEC2Role.html
    name: "AmazonEC2ContainerServiceforEC2Role",
    policyId: "ANPAJLYJCVHC7TQHCSQDS",
    path: "/service-role/",
    versionId: "v10",
    createDate: "2015-03-19T18:45:18Z",
    updateDate: "2026-02-12T17:59:52Z",
    description: "Default policy for the Amazon EC2 Role for Amazon EC2 Container Service.",
    document: {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": [
            "ec2:DescribeTags",
            "ecs:CreateCluster",
            "ecs:DeregisterContainerInstance",
            "ecs:DiscoverPollEndpoint",
            "ecs:Poll",
            "ecs:RegisterContainerInstance",
            "ecs:StartTelemetrySession",
            "ecs:UpdateContainerInstancesState",
            "ecs:Submit*",
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "logs:CreateLogStream",
            "logs:PutLogEvents"
          ],
          "Resource": "*",
          "Effect": "Allow"
        },
        {
          "Action": "ecs:TagResource",
          "Resource": "*",
          "Effect": "Allow",
          "Condition": {
            "StringEquals": {
              "ecs:CreateAction": [
                "CreateCluster",
                "RegisterContainerInstance"
              ]
            }
          }
        },
        {
          "Action": [
            "ecs:ListTagsForResource"
          ],
          "Resource": [
            "arn:aws:ecs:*:*:task/*/*",
            "arn:aws:ecs:*:*:container-instance/*/*"
          ],
          "Effect": "Allow"
        }
      ]
    },
  },
  {
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMReadOnlyAccess.html
    name: "AmazonSSMReadOnlyAccess",
    policyId: "ANPAJODSKQGGJTHRYZ5FC",
    path: "/",
    versionId: "v1",
    createDate: "2015-05-29T17:44:19Z",
    updateDate: "2015-05-29T17:44:19Z",
    description: "Provides read only access to Amazon SSM.",
    document: {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": [
            "ssm:Describe*",
            "ssm:Get*",
            "ssm:List*"
          ],
          "Resource": "*",
          "Effect": "Allow"
        }
      ]
    },
  },
  {
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/SecretsManagerReadWrite.html
    name: "SecretsManagerReadWrite",
    policyId: "ANPAI3VG7CI5BIQZQ6G2E",
    path: "/",
    versionId: "v5",
    createDate: "2018-04-04T18:05:29Z",
    updateDate: "2024-02-22T18:12:06Z",
    description: "Provides read/write access to AWS Secrets Manager via the AWS Management Console. Note: this exclude IAM actions, so combine with IAMFullAccess if rotation configuration is required.",
    document: {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": [
            "secretsmanager:*",
            "cloudformation:CreateChangeSet",
            "cloudformation:DescribeChangeSet",
            "cloudformation:DescribeStackResource",
            "cloudformation:DescribeStacks",
            "cloudformation:ExecuteChangeSet",
            "docdb-elastic:GetCluster",
            "docdb-elastic:ListClusters",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
            "kms:DescribeKey",
            "kms:ListAliases",
            "kms:ListKeys",
            "lambda:ListFunctions",
            "rds:DescribeDBClusters",
            "rds:DescribeDBInstances",
            "redshift:DescribeClusters",
            "redshift-serverless:ListWorkgroups",
            "redshift-serverless:GetNamespace",
            "tag:GetResources"
          ],
          "Resource": "*",
          "Effect": "Allow",
          "Sid": "BasePermissions"
        },
        {
          "Action": [
            "lambda:AddPermission",
            "lambda:CreateFunction",
            "lambda:GetFunction",
            "lambda:InvokeFunction",
            "lambda:UpdateFunctionConfiguration"
          ],
          "Resource": "arn:aws:lambda:*:*:function:SecretsManager*",
          "Effect": "Allow",
          "Sid": "LambdaPermissions"
        },
        {
          "Action": [
            "serverlessrepo:CreateCloudFormationChangeSet",
            "serverlessrepo:GetApplication"
          ],
          "Resource": "arn:aws:serverlessrepo:*:*:applications/SecretsManager*",
          "Effect": "Allow",
          "Sid": "SARPermissions"
        },
        {
          "Action": [
            "s3:GetObject"
          ],
          "Resource": [
            "arn:aws:s3:::awsserverlessrepo-changesets*",
            "arn:aws:s3:::secrets-manager-rotation-apps-*/*"
          ],
          "Effect": "Allow",
          "Sid": "S3Permissions"
        }
      ]
    },
  },
  {
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudWatchLogsFullAccess.html
    name: "CloudWatchLogsFullAccess",
    policyId: "ANPAJ3ZGNWK2R5HW5BQFO",
    path: "/",
    versionId: "v8",
    createDate: "2015-02-06T18:40:02Z",
    updateDate: "2026-02-12T18:00:33Z",
    // [inferred] the reference page's description was not at hand
    description: "Provides full access to CloudWatch Logs",
    document: {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": [
            "logs:*",
            "cloudwatch:GenerateQuery",
            "cloudwatch:GenerateQueryResultsSummary",
            "observabilityadmin:GetS3TableIntegration",
            "observabilityadmin:ListS3TableIntegrations",
            "observabilityadmin:ListTelemetryPipelines"
          ],
          "Resource": "*",
          "Effect": "Allow",
          "Sid": "CloudWatchLogsFullAccess"
        }
      ]
    },
  },
  {
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonS3ReadOnlyAccess.html
    name: "AmazonS3ReadOnlyAccess",
    policyId: "ANPAIZTJ4DXE7G6AGAE6M",
    path: "/",
    versionId: "v3",
    createDate: "2015-02-06T18:40:59Z",
    updateDate: "2023-08-10T21:31:39Z",
    description: "Provides read only access to all buckets via the AWS Management Console.",
    document: {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": [
            "s3:Get*",
            "s3:List*",
            "s3:Describe*",
            "s3-object-lambda:Get*",
            "s3-object-lambda:List*"
          ],
          "Resource": "*",
          "Effect": "Allow"
        }
      ]
    },
  },
  {
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECS_FullAccess.html
    name: "AmazonECS_FullAccess",
    policyId: "ANPAJ7S7AN6YQPTJC7IFS",
    path: "/",
    versionId: "v21",
    createDate: "2017-11-07T21:36:54Z",
    updateDate: "2024-08-13T19:39:37Z",
    description: "Provides administrative access to Amazon ECS resources and enables ECS features through access to other AWS service resources, including VPCs, Auto Scaling groups, and CloudFormation stacks.",
    document: {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": [
            "application-autoscaling:DeleteScalingPolicy",
            "application-autoscaling:DeregisterScalableTarget",
            "application-autoscaling:DescribeScalableTargets",
            "application-autoscaling:DescribeScalingActivities",
            "application-autoscaling:DescribeScalingPolicies",
            "application-autoscaling:PutScalingPolicy",
            "application-autoscaling:RegisterScalableTarget",
            "appmesh:DescribeVirtualGateway",
            "appmesh:DescribeVirtualNode",
            "appmesh:ListMeshes",
            "appmesh:ListVirtualGateways",
            "appmesh:ListVirtualNodes",
            "autoscaling:CreateAutoScalingGroup",
            "autoscaling:CreateLaunchConfiguration",
            "autoscaling:DeleteAutoScalingGroup",
            "autoscaling:DeleteLaunchConfiguration",
            "autoscaling:Describe*",
            "autoscaling:UpdateAutoScalingGroup",
            "cloudformation:CreateStack",
            "cloudformation:DeleteStack",
            "cloudformation:DescribeStack*",
            "cloudformation:UpdateStack",
            "cloudwatch:DeleteAlarms",
            "cloudwatch:DescribeAlarms",
            "cloudwatch:GetMetricStatistics",
            "cloudwatch:PutMetricAlarm",
            "codedeploy:BatchGetApplicationRevisions",
            "codedeploy:BatchGetApplications",
            "codedeploy:BatchGetDeploymentGroups",
            "codedeploy:BatchGetDeployments",
            "codedeploy:ContinueDeployment",
            "codedeploy:CreateApplication",
            "codedeploy:CreateDeployment",
            "codedeploy:CreateDeploymentGroup",
            "codedeploy:GetApplication",
            "codedeploy:GetApplicationRevision",
            "codedeploy:GetDeployment",
            "codedeploy:GetDeploymentConfig",
            "codedeploy:GetDeploymentGroup",
            "codedeploy:GetDeploymentTarget",
            "codedeploy:ListApplicationRevisions",
            "codedeploy:ListApplications",
            "codedeploy:ListDeploymentConfigs",
            "codedeploy:ListDeploymentGroups",
            "codedeploy:ListDeployments",
            "codedeploy:ListDeploymentTargets",
            "codedeploy:RegisterApplicationRevision",
            "codedeploy:StopDeployment",
            "ec2:AssociateRouteTable",
            "ec2:AttachInternetGateway",
            "ec2:AuthorizeSecurityGroupIngress",
            "ec2:CancelSpotFleetRequests",
            "ec2:CreateInternetGateway",
            "ec2:CreateLaunchTemplate",
            "ec2:CreateRoute",
            "ec2:CreateRouteTable",
            "ec2:CreateSecurityGroup",
            "ec2:CreateSubnet",
            "ec2:CreateVpc",
            "ec2:DeleteLaunchTemplate",
            "ec2:DeleteSubnet",
            "ec2:DeleteVpc",
            "ec2:Describe*",
            "ec2:DetachInternetGateway",
            "ec2:DisassociateRouteTable",
            "ec2:ModifySubnetAttribute",
            "ec2:ModifyVpcAttribute",
            "ec2:RequestSpotFleet",
            "ec2:RunInstances",
            "ecs:*",
            "elasticfilesystem:DescribeAccessPoints",
            "elasticfilesystem:DescribeFileSystems",
            "elasticloadbalancing:CreateListener",
            "elasticloadbalancing:CreateLoadBalancer",
            "elasticloadbalancing:CreateRule",
            "elasticloadbalancing:CreateTargetGroup",
            "elasticloadbalancing:DeleteListener",
            "elasticloadbalancing:DeleteLoadBalancer",
            "elasticloadbalancing:DeleteRule",
            "elasticloadbalancing:DeleteTargetGroup",
            "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeRules",
            "elasticloadbalancing:DescribeTargetGroups",
            "events:DeleteRule",
            "events:DescribeRule",
            "events:ListRuleNamesByTarget",
            "events:ListTargetsByRule",
            "events:PutRule",
            "events:PutTargets",
            "events:RemoveTargets",
            "fsx:DescribeFileSystems",
            "iam:ListAttachedRolePolicies",
            "iam:ListInstanceProfiles",
            "iam:ListRoles",
            "lambda:ListFunctions",
            "logs:CreateLogGroup",
            "logs:DescribeLogGroups",
            "logs:FilterLogEvents",
            "route53:CreateHostedZone",
            "route53:DeleteHostedZone",
            "route53:GetHealthCheck",
            "route53:GetHostedZone",
            "route53:ListHostedZonesByName",
            "servicediscovery:CreatePrivateDnsNamespace",
            "servicediscovery:CreateService",
            "servicediscovery:DeleteService",
            "servicediscovery:GetNamespace",
            "servicediscovery:GetOperation",
            "servicediscovery:GetService",
            "servicediscovery:ListNamespaces",
            "servicediscovery:ListServices",
            "servicediscovery:UpdateService",
            "sns:ListTopics"
          ],
          "Resource": [
            "*"
          ],
          "Effect": "Allow",
          "Sid": "ECSIntegrationsManagementPolicy"
        },
        {
          "Action": [
            "ssm:GetParameter",
            "ssm:GetParameters",
            "ssm:GetParametersByPath"
          ],
          "Resource": "arn:aws:ssm:*:*:parameter/aws/service/ecs*",
          "Effect": "Allow",
          "Sid": "SSMPolicy"
        },
        {
          "Action": [
            "ec2:DeleteInternetGateway",
            "ec2:DeleteRoute",
            "ec2:DeleteRouteTable",
            "ec2:DeleteSecurityGroup"
          ],
          "Resource": [
            "*"
          ],
          "Effect": "Allow",
          "Condition": {
            "StringLike": {
              "ec2:ResourceTag/aws:cloudformation:stack-name": "EC2ContainerService-*"
            }
          },
          "Sid": "ManagedCloudformationResourcesCleanupPolicy"
        },
        {
          "Action": "iam:PassRole",
          "Resource": [
            "*"
          ],
          "Effect": "Allow",
          "Condition": {
            "StringLike": {
              "iam:PassedToService": "ecs-tasks.amazonaws.com"
            }
          },
          "Sid": "TasksPassRolePolicy"
        },
        {
          "Action": "iam:PassRole",
          "Resource": [
            "arn:aws:iam::*:role/ecsInfrastructureRole"
          ],
          "Effect": "Allow",
          "Condition": {
            "StringEquals": {
              "iam:PassedToService": "ecs.amazonaws.com"
            }
          },
          "Sid": "InfrastructurePassRolePolicy"
        },
        {
          "Action": "iam:PassRole",
          "Resource": [
            "arn:aws:iam::*:role/ecsInstanceRole*"
          ],
          "Effect": "Allow",
          "Condition": {
            "StringLike": {
              "iam:PassedToService": [
                "ec2.amazonaws.com",
                "ec2.amazonaws.com.cn"
              ]
            }
          },
          "Sid": "InstancePassRolePolicy"
        },
        {
          "Action": "iam:PassRole",
          "Resource": [
            "arn:aws:iam::*:role/ecsAutoscaleRole*"
          ],
          "Effect": "Allow",
          "Condition": {
            "StringLike": {
              "iam:PassedToService": [
                "application-autoscaling.amazonaws.com",
                "application-autoscaling.amazonaws.com.cn"
              ]
            }
          },
          "Sid": "AutoScalingPassRolePolicy"
        },
        {
          "Action": "iam:CreateServiceLinkedRole",
          "Resource": "*",
          "Effect": "Allow",
          "Condition": {
            "StringLike": {
              "iam:AWSServiceName": [
                "ecs.amazonaws.com",
                "autoscaling.amazonaws.com",
                "ecs.application-autoscaling.amazonaws.com",
                "spot.amazonaws.com",
                "spotfleet.amazonaws.com"
              ]
            }
          },
          "Sid": "ServiceLinkedRoleCreationPolicy"
        },
        {
          "Action": [
            "elasticloadbalancing:AddTags"
          ],
          "Resource": "*",
          "Effect": "Allow",
          "Condition": {
            "StringEquals": {
              "elasticloadbalancing:CreateAction": [
                "CreateTargetGroup",
                "CreateRule",
                "CreateListener",
                "CreateLoadBalancer"
              ]
            }
          },
          "Sid": "ELBTaggingPolicy"
        }
      ]
    },
  },
];

const BY_ARN = new Map(AWS_MANAGED_POLICIES.map((policy) => [awsManagedPolicyArn(policy), policy]));

/** `arn:aws:iam::aws:policy<path><name>` */
export function awsManagedPolicyArn(policy: AwsManagedPolicy): string {
  return `arn:aws:iam::aws:policy${policy.path}${policy.name}`;
}

export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

const TEXTS = new Map(AWS_MANAGED_POLICIES.map((policy) => [policy.name, JSON.stringify(policy.document, null, 4)]));

/** The document's text (AWS's own is pretty-printed; SimulatePrincipalPolicy's positions point into this one). */
export function awsManagedPolicyText(policy: AwsManagedPolicy): string {
  return TEXTS.get(policy.name)!;
}
