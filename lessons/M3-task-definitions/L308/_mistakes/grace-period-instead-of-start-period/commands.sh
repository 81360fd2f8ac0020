# The learner keeps startPeriod 0 and asks the service to wait instead: a 120-second health check grace period.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/reports-api.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster analytics --service reports --task-definition reports-api \
  --health-check-grace-period-seconds 120 \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text
