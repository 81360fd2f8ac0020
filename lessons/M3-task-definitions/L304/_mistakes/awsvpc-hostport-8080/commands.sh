# Goal A as in the solution.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-host.json"
aws ecs update-service --cluster port-lab --service web --task-definition web

# Goal B: RegisterTaskDefinition rejects the 8080 → 80 mapping (ClientException); the learner stops here.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-fargate.json" || true
