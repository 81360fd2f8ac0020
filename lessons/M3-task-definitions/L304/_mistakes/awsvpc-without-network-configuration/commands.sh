# Goal A in awsvpc mode, deployed like a bridge revision: UpdateService is refused
# (InvalidParameterException: Network Configuration must be provided ...), so web keeps its 2 host-mode tasks.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-host.json"
aws ecs update-service --cluster port-lab --service web --task-definition web || true

# Goal B as in the solution.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-fargate.json"
aws ecs run-task --cluster port-lab --launch-type FARGATE --task-definition web-fargate \
  --network-configuration "awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}"
