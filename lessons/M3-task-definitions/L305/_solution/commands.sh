# The sandbox's own account ID, for the IAM commands (task definitions may keep the curriculum's 123456789012, which
# the sandbox reads as this account).
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)

# step: first-try
# 1. First, the task definition as it came, with no role: AWS refuses it (Run in sandbox does the same call).
sed '/RoleArn/d' "$SOLUTION/daily-report.json" > first-try.json
aws ecs register-task-definition --cli-input-json file://first-try.json || echo "refused, as expected"

# step: create-execution-role
# 2. Two roles, both trusting ecs-tasks.amazonaws.com. ECS uses the first to start the task; the app uses the second.
aws iam create-role --role-name reportsTaskExecutionRole --assume-role-policy-document "file://$SOLUTION/ecs-tasks-trust.json"
# step: attach-execution-policy
aws iam attach-role-policy --role-name reportsTaskExecutionRole \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
# step: create-task-role
aws iam create-role --role-name reportsTaskRole --assume-role-policy-document "file://$SOLUTION/ecs-tasks-trust.json"
# step: task-role-policy
aws iam put-role-policy --role-name reportsTaskRole --policy-name read-daily-reports \
  --policy-document "file://$SOLUTION/task-policy.json"

# step: simulate-task-role
# 3. Prove the task role: s3:GetObject under daily/ is allowed, s3:PutObject is not.
aws iam simulate-principal-policy --policy-source-arn "arn:aws:iam::$ACCOUNT_ID:role/reportsTaskRole" \
  --action-names s3:GetObject s3:PutObject --resource-arns arn:aws:s3:::sbx-reports/daily/report.csv \
  --query 'EvaluationResults[].[EvalActionName,EvalDecision]' --output text

# step: register-and-run
# 4. Register the task definition with both roles and run one task (Run in sandbox does the same).
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/daily-report.json"
SUBNET=$(aws ec2 describe-subnets --filters Name=tag:Name,Values=sbx-subnet-public1-ap-northeast-1a \
  --query 'Subnets[0].SubnetId' --output text)
SG=$(aws ec2 describe-security-groups --filters Name=group-name,Values=sbx-app --query 'SecurityGroups[0].GroupId' --output text)
aws ecs run-task --cluster reports --launch-type FARGATE --task-definition daily-report \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$SG],assignPublicIp=ENABLED}"
