# One role for everything: the S3 permission goes on the execution role, and the task definition names no task role.
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
sed '/RoleArn/d' "$SOLUTION/daily-report.json" > first-try.json
aws ecs register-task-definition --cli-input-json file://first-try.json || echo "refused, as expected"
aws iam create-role --role-name reportsTaskExecutionRole --assume-role-policy-document "file://$SOLUTION/ecs-tasks-trust.json"
aws iam attach-role-policy --role-name reportsTaskExecutionRole \
  --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
aws iam put-role-policy --role-name reportsTaskExecutionRole --policy-name read-daily-reports \
  --policy-document "file://$SOLUTION/task-policy.json"
aws iam simulate-principal-policy --policy-source-arn "arn:aws:iam::$ACCOUNT_ID:role/reportsTaskExecutionRole" \
  --action-names s3:GetObject s3:PutObject --resource-arns arn:aws:s3:::sbx-reports/daily/report.csv
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/daily-report.json"
SUBNET=$(aws ec2 describe-subnets --filters Name=tag:Name,Values=sbx-subnet-public1-ap-northeast-1a \
  --query 'Subnets[0].SubnetId' --output text)
SG=$(aws ec2 describe-security-groups --filters Name=group-name,Values=sbx-app --query 'SecurityGroups[0].GroupId' --output text)
aws ecs run-task --cluster reports --launch-type FARGATE --task-definition daily-report \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$SG],assignPublicIp=ENABLED}"
