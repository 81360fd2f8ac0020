# Everything the solution does, except the retention policy.
# 1. Read a stopped task: the end of its stopped reason names the cause.
TASK=$(aws ecs list-tasks --cluster orders --service-name orders-api --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster orders --tasks "$TASK" --query 'tasks[].[stopCode,stoppedReason]' --output text

# 2. The learner creates the group in Tokyo and leaves its retention as it is (Never expire).
aws logs create-log-group --log-group-name /ecs/orders
aws logs describe-log-groups --log-group-name-prefix /ecs/orders \
  --query 'logGroups[].[logGroupName,retentionInDays]' --output text

# 3. Deploy the fixed file.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/orders-api.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster orders --service orders-api --task-definition orders-api \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text

# 4. Fast-forward 5 min, then run the on-call search.
fast_forward 300
aws logs filter-log-events --cli-input-json "file://$SOLUTION/log-search.json" \
  --query 'events[].[logStreamName,message]' --output text
