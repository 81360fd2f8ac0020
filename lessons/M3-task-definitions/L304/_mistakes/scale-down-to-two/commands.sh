# Goal A "solved" by asking for fewer tasks: web becomes steady at 2, one per instance.
aws ecs update-service --cluster port-lab --service web --desired-count 2

# Goal B as in the solution.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-fargate.json"
aws ecs run-task --cluster port-lab --launch-type FARGATE --task-definition web-fargate \
  --network-configuration "awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}"
