# The learner keeps awslogs-region us-east-1 and creates the group there.
# 1. Read a stopped task: the end of its stopped reason names the cause.
TASK=$(aws ecs list-tasks --cluster orders --service-name orders-api --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster orders --tasks "$TASK" --query 'tasks[].[stopCode,stoppedReason]' --output text

# 2. The learner creates the group where the file points (us-east-1) and keeps awslogs-region us-east-1.
aws logs create-log-group --region us-east-1 --log-group-name /ecs/orders
aws logs put-retention-policy --region us-east-1 --log-group-name /ecs/orders --retention-in-days 30

# 3. Deploy the file with the prefix fixed but the Region unchanged.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/orders-api.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster orders --service orders-api --task-definition orders-api \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text

# 4. Fast-forward 5 min; the search in Tokyo finds no group there.
fast_forward 300
aws logs filter-log-events --cli-input-json "file://$SOLUTION/log-search.json" \
  --query 'events[].[logStreamName,message]' --output text
