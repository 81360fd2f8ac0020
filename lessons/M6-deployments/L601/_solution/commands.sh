# L601 solution: deploy web 2.0 to the service web as a rolling update that never drops below 3 tasks.

# 1. Register the new revision of the family web (image sbx/web:2.0) and keep its ARN.
TD_ARN=$(aws ecs register-task-definition \
  --cli-input-json "file://$SOLUTION/web-v2.json" \
  --query 'taskDefinition.taskDefinitionArn' --output text)
echo "Registered $TD_ARN"

# 2. Safe deployment configuration and the new revision in one UpdateService call.
aws ecs update-service --cluster web-cluster --service web \
  --task-definition "$TD_ARN" \
  --deployment-configuration minimumHealthyPercent=100,maximumPercent=200 \
  --query 'service.{config: deploymentConfiguration, deployments: deployments[].[status, taskDefinition, rolloutState]}'

# 3. What the learner looks at: two deployments while the rolling update runs.
aws ecs describe-services --cluster web-cluster --services web \
  --query 'services[0].deployments[].[status, taskDefinition, runningCount, rolloutState]' --output text
