# The learner reads a stopped task, keeps startPeriod 0 and asks the service to wait instead: a 120-second grace period.
TASK=$(aws ecs list-tasks --cluster analytics --service-name reports --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster analytics --tasks "$TASK" --query 'tasks[].stoppedReason' --output text
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/reports-api.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster analytics --service reports --task-definition reports-api \
  --health-check-grace-period-seconds 120 \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text
