# The learner fixes the file and deploys at once, without reading a stopped task first.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/reports-api.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster analytics --service reports --task-definition reports-api \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text
