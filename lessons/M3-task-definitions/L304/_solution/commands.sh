# step: register-bridge
# Goal A: bridge mode with a dynamic host port (hostPort 0). Register it as revision 2 of web
# and move the service onto it; ECS replaces the host-mode tasks.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-host.json"
# step: deploy-bridge
aws ecs update-service --cluster port-lab --service web --task-definition web

# step: register-fargate
# Goal B: the Fargate variant, in awsvpc mode. Register it and run one standalone task;
# awsvpc needs a network configuration (any well-formed IDs in the sandbox).
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-fargate.json"
# step: run-fargate
aws ecs run-task --cluster port-lab --launch-type FARGATE --task-definition web-fargate \
  --network-configuration "awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}"
