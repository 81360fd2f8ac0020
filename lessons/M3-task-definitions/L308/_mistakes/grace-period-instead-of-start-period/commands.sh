# changes: _solution/commands.sh
# The learner reads a stopped task, keeps startPeriod 0 and asks the service to wait instead: a 120-second grace period.
# replace step: read-stopped-task
aws ecs describe-tasks --cluster analytics --tasks "$TASK" --query 'tasks[].stoppedReason' --output text
# drop step: read-service-events
# replace step: deploy
aws ecs update-service --cluster analytics --service reports --task-definition reports-api \
  --health-check-grace-period-seconds 120 \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text
