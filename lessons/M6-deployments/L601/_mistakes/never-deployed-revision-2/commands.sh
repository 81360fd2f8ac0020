# The learner registers web 2.0 (revision 2) but names the revision the service already runs, copied from
# describe-services. Same task definition: ECS starts no deployment, and revision 1 keeps running.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-v2.json" \
  --query 'taskDefinition.taskDefinitionArn' --output text
aws ecs update-service --cluster web-cluster --service web --task-definition web:1 \
  --deployment-configuration minimumHealthyPercent=100,maximumPercent=200
