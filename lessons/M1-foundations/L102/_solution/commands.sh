# L102 — stop one task of hello, watch the service scheduler replace it, and pause promo without deleting it.

# 1. The tasks hello runs now; keep the first one's ARN.
aws ecs list-tasks --cluster heal-lab --service-name hello
OLD=$(aws ecs list-tasks --cluster heal-lab --service-name hello --query 'taskArns[0]' --output text)

# 2. Stop it. The answer already shows desiredStatus STOPPED, stopCode UserInitiated and the reason.
aws ecs stop-task --cluster heal-lab --task "$OLD" --reason "L102: watching ECS heal" \
  --query 'task.[lastStatus,desiredStatus,stopCode,stoppedReason]' --output text

# 3. promo: a service keeps the number of tasks its desired count says, so lower the desired count
#    (a stop-task would be undone by the scheduler; delete-service would remove the service).
aws ecs update-service --cluster heal-lab --service promo --desired-count 0 \
  --query 'service.[serviceName,desiredCount,runningCount]' --output text

# 4. Then press "Fast-forward 5 min" (the verifier lets 300 simulated seconds pass) and read the results:
#    aws ecs list-tasks --cluster heal-lab --service-name hello
#    aws ecs describe-tasks --cluster heal-lab --tasks "$OLD" --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output table
#    aws ecs describe-services --cluster heal-lab --services hello --query 'services[0].events[:5].[createdAt,message]' --output table
#    aws ecs describe-services --cluster heal-lab --services promo --query 'services[0].[desiredCount,runningCount,status]'
