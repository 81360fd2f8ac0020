# The learner registers web 2.0 and deploys it, but keeps the service's 0 % / 100 % deployment configuration
# (as the "Deploy to the service" button does): ECS may stop all 3 old tasks before any new one is healthy.
TD_ARN=$(aws ecs register-task-definition \
  --cli-input-json "file://$SOLUTION/web-v2.json" \
  --query 'taskDefinition.taskDefinitionArn' --output text)
aws ecs update-service --cluster web-cluster --service web --task-definition "$TD_ARN"
