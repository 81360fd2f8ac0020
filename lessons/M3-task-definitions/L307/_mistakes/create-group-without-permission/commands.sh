# The learner adds "awslogs-create-group": "true" instead of creating the group.
# 1. Read a stopped task: the end of its stopped reason names the cause.
TASK=$(aws ecs list-tasks --cluster orders --service-name orders-api --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster orders --tasks "$TASK" --query 'tasks[].[stopCode,stoppedReason]' --output text

# 2. Instead of creating the group, the learner lets the driver create it ("awslogs-create-group": "true") and deploys.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/orders-api.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster orders --service orders-api --task-definition orders-api \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text

# 3. Fast-forward 5 min: the new tasks stop too, now on logs:CreateLogGroup.
fast_forward 300
TASK=$(aws ecs list-tasks --cluster orders --service-name orders-api --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster orders --tasks "$TASK" --query 'tasks[].[taskDefinitionArn,stoppedReason]' --output text
