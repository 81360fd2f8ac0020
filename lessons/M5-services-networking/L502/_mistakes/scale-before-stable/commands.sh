# L502 mistake: scaling out right after create-service, without waiting for the service to be stable at 1.
aws ecs create-cluster --cluster-name fargate-cluster
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/fargate-task.json"
aws ecs create-service --cli-input-json "file://$SOLUTION/service.json"
aws ecs update-service --cluster fargate-cluster --service fargate-service --desired-count 2
