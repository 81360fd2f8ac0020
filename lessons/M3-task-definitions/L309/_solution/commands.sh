# step: register
# 1. Register the two-container task definition (Run in sandbox makes the same calls as this step and the next two).
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/shop-app.json" \
  --query 'taskDefinition.containerDefinitions[].[name,essential]' --output text

# step: network
SUBNET=$(aws ec2 describe-subnets --filters Name=tag:Name,Values=sbx-subnet-public1-ap-northeast-1a \
  --query 'Subnets[0].SubnetId' --output text)
SG=$(aws ec2 describe-security-groups --filters Name=group-name,Values=sbx-app --query 'SecurityGroups[0].GroupId' --output text)

# step: first-run
# 2. Run one task while shopTaskRole has no permissions yet, and fast-forward 1 min.
aws ecs run-task --cluster shop --launch-type FARGATE --task-definition shop-app \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$SG],assignPublicIp=ENABLED}" \
  --query 'tasks[].taskArn' --output text
fast_forward 60

# step: read-router-log
# 3. The router's own log says what it was refused: CreateLogStream, AccessDeniedException, for shopTaskRole.
aws logs filter-log-events --log-group-name /ecs/log-router --filter-pattern AccessDeniedException \
  --query 'events[].message' --output text

# step: task-role
# 4. The router writes with the TASK role: give shopTaskRole what it needs on the streams of /ecs/app-firelens.
aws iam put-role-policy --role-name shopTaskRole --policy-name ship-app-logs \
  --policy-document "file://$SOLUTION/task-role-policy.json"

# step: simulate
# 5. Ask IAM: both actions allowed on a stream of /ecs/app-firelens, denied on another group.
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
aws iam simulate-principal-policy --policy-source-arn "arn:aws:iam::$ACCOUNT_ID:role/shopTaskRole" \
  --action-names logs:CreateLogStream logs:PutLogEvents \
  --resource-arns "arn:aws:logs:ap-northeast-1:$ACCOUNT_ID:log-group:/ecs/app-firelens:log-stream:shop-app-firelens-test" \
  --query 'EvaluationResults[].[EvalActionName,EvalDecision]' --output text
aws iam simulate-principal-policy --policy-source-arn "arn:aws:iam::$ACCOUNT_ID:role/shopTaskRole" \
  --action-names logs:PutLogEvents \
  --resource-arns "arn:aws:logs:ap-northeast-1:$ACCOUNT_ID:log-group:/ecs/billing:log-stream:x" \
  --query 'EvaluationResults[].[EvalActionName,EvalDecision]' --output text

# step: second-run
# 6. The app writes its lines only as it starts: run a new task and fast-forward 1 min.
aws ecs run-task --cluster shop --launch-type FARGATE --task-definition shop-app \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$SG],assignPublicIp=ENABLED}" \
  --query 'tasks[].taskArn' --output text
fast_forward 60

# step: read-app-lines
# 7. The router now creates its stream; the app's lines are in /ecs/app-firelens.
aws ecs list-tasks --cluster shop --family shop-app --query 'taskArns' --output text
aws logs filter-log-events --log-group-name /ecs/log-router --query 'events[].message' --output text
aws logs describe-log-streams --log-group-name /ecs/app-firelens --query 'logStreams[].logStreamName' --output text
aws logs filter-log-events --log-group-name /ecs/app-firelens --filter-pattern '"serving"' --query 'events[].message' --output text
