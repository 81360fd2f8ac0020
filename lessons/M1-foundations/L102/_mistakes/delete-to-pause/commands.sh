# Mistake: pausing promo by deleting the service, which the team wanted to keep.
# hello is done as in the solution.
OLD=$(aws ecs list-tasks --cluster heal-lab --service-name hello --query 'taskArns[0]' --output text)
aws ecs stop-task --cluster heal-lab --task "$OLD" --reason "L102: watching ECS heal" --query 'task.stopCode' --output text

aws ecs delete-service --cluster heal-lab --service promo --force --query 'service.status' --output text
