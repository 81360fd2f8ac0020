# The learner deploys web 2.0 first (as "Deploy to the service" does, with the service's 0 % / 100 %) and only then
# sets 100 % / 200 %. The service now shows 100 / 200, but the deployment started with 0 / 100.
TD_ARN=$(aws ecs register-task-definition \
  --cli-input-json "file://$SOLUTION/web-v2.json" \
  --query 'taskDefinition.taskDefinitionArn' --output text)
aws ecs update-service --cluster web-cluster --service web --task-definition "$TD_ARN"
aws ecs update-service --cluster web-cluster --service web \
  --deployment-configuration minimumHealthyPercent=100,maximumPercent=200
