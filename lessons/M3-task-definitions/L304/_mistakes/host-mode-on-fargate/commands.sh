# changes: _solution/commands.sh
# Goal A as in the solution. Goal B: Fargate rejects host mode at registration (ClientException); the learner stops here.
# replace step: register-fargate
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/web-fargate.json" || true
# drop step: run-fargate
