# Mistake: pausing promo with stop-task, expecting a stopped service task to stay stopped.
# hello is done as in the solution.
OLD=$(aws ecs list-tasks --cluster heal-lab --service-name hello --query 'taskArns[0]' --output text)
aws ecs stop-task --cluster heal-lab --task "$OLD" --reason "L102: watching ECS heal" --query 'task.stopCode' --output text

# promo: its only task is stopped, but its desired count stays 1.
PROMO=$(aws ecs list-tasks --cluster heal-lab --service-name promo --query 'taskArns[0]' --output text)
aws ecs stop-task --cluster heal-lab --task "$PROMO" --reason "campaign over" --query 'task.stopCode' --output text
