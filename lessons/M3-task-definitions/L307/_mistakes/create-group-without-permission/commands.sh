# changes: _solution/commands.sh
# The learner adds "awslogs-create-group": "true" instead of creating the group, deploys, and the new tasks stop too.
# drop step: find-log-group
# drop step: create-log-group
# drop step: set-retention
# drop step: check-log-group
# replace step: check-deployment
# The new tasks stop too, now on logs:CreateLogGroup.
TASK=$(aws ecs list-tasks --cluster orders --service-name orders-api --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster orders --tasks "$TASK" --query 'tasks[].[taskDefinitionArn,stoppedReason]' --output text
# drop step: read-stream
# drop step: search-logs
