# Mistake: stop-task with the task ID only. Without --cluster, ECS looks in the cluster named default.
OLD=$(aws ecs list-tasks --cluster heal-lab --service-name hello --query 'taskArns[0]' --output text)
TASK_ID=${OLD##*/}
# The call fails with ClusterNotFoundException (|| true: the learner reads the error and moves on).
aws ecs stop-task --task "$TASK_ID" --reason "L102: watching ECS heal" || true

# promo is done as in the solution.
aws ecs update-service --cluster heal-lab --service promo --desired-count 0 --query 'service.desiredCount' --output text
