# Register the fixed task definition as a new revision of orders-api.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/orders-api.json"

# Point the service at the newest revision; ECS replaces the crash-looping tasks.
aws ecs update-service --cluster ec2-lab --service orders --task-definition orders-api
