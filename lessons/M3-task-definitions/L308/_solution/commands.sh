# step: find-stopped-task
# 1. Why do the tasks stop? Read one stopped task: its stopped reason and the health of its container.
TASK=$(aws ecs list-tasks --cluster analytics --service-name reports --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
# step: read-stopped-task
aws ecs describe-tasks --cluster analytics --tasks "$TASK" \
  --query 'tasks[].[stoppedReason,healthStatus,containers[0].healthStatus]' --output text
# step: read-service-events
aws ecs describe-services --cluster analytics --services reports --query 'services[0].events[:4].message'

# step: register
# 2. Register the fixed task definition as a new revision of reports-api.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/reports-api.json" \
  --query 'taskDefinition.[family,revision]' --output text

# step: deploy
# 3. Point the service at the newest revision; ECS replaces the crash-looping tasks.
aws ecs update-service --cluster analytics --service reports --task-definition reports-api \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text
