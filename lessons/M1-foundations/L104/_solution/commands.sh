# L104 — read cluster shop, then start one standalone task of shop-worker.

# Which revision does each service run, and how many tasks does each keep?
aws ecs describe-services --cluster shop --services web worker \
  --query 'services[].[serviceName,taskDefinition,desiredCount,runningCount]' --output table

# Every revision of the web family that exists (registered is not the same as running).
aws ecs list-task-definitions --family-prefix shop-web

# Every task in the cluster, then who started each one.
aws ecs list-tasks --cluster shop
TASKS=$(aws ecs list-tasks --cluster shop --query 'taskArns' --output text)
aws ecs describe-tasks --cluster shop --tasks $TASKS \
  --query 'tasks[].[group,startedBy,taskDefinitionArn,lastStatus]' --output table

# The network settings the worker service's tasks use (awsvpc: run-task needs them too).
aws ecs describe-services --cluster shop --services worker \
  --query 'services[0].networkConfiguration'

# One more task of shop-worker, outside the service.
aws ecs run-task --cluster shop --launch-type FARGATE --task-definition shop-worker:1 \
  --network-configuration "awsvpcConfiguration={subnets=[subnet-0a1b2c3d,subnet-0e4f5a6b],securityGroups=[sg-0a1b2c3d],assignPublicIp=DISABLED}"
