# step: read-stopped-task
# 1. Since orders-api:1 was deployed, no task of orders-api has started. Why? Read a stopped task:
#    the end of its stopped reason names the cause.
TASK=$(aws ecs list-tasks --cluster orders --service-name orders-api --desired-status STOPPED \
  --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster orders --tasks "$TASK" --query 'tasks[].[stopCode,stoppedReason]' --output text

# step: find-log-group
# 2. Where does /ecs/orders exist? Neither in the Region the file names nor in Tokyo.
aws logs describe-log-groups --region us-east-1 --log-group-name-prefix /ecs/orders --query 'logGroups[].logGroupName'
aws logs describe-log-groups --log-group-name-prefix /ecs/orders --query 'logGroups[].logGroupName'

# step: create-log-group
# 3. Create the group in Tokyo (the CLI's default Region here) and keep its events 30 days.
aws logs create-log-group --log-group-name /ecs/orders
# step: set-retention
aws logs put-retention-policy --log-group-name /ecs/orders --retention-in-days 30
# step: check-log-group
aws logs describe-log-groups --log-group-name-prefix /ecs/orders \
  --query 'logGroups[].[logGroupName,retentionInDays]' --output text

# step: register-and-deploy
# 4. Deploy the fixed file (Deploy to the service makes the same two calls): awslogs-region ap-northeast-1,
#    prefix orders (streams orders/api/<task id>).
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/orders-api.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster orders --service orders-api --task-definition orders-api \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text

# step: fast-forward
# 5. Fast-forward 5 min: the new tasks start and write their first lines.
fast_forward 300
# step: check-deployment
aws ecs describe-services --cluster orders --services orders-api \
  --query 'services[].deployments[].[status,taskDefinition,runningCount,rolloutState]' --output text

# step: read-stream
# 6. List the streams and read one, then run the on-call search saved in log-search.json.
aws logs describe-log-streams --log-group-name /ecs/orders --query 'logStreams[].logStreamName' --output text
STREAM=$(aws logs describe-log-streams --log-group-name /ecs/orders --log-stream-name-prefix orders/api/ \
  --query 'logStreams[0].logStreamName' --output text)
aws logs get-log-events --log-group-name /ecs/orders --log-stream-name "$STREAM" --query 'events[].message' --output text
# step: search-logs
aws logs filter-log-events --cli-input-json "file://$SOLUTION/log-search.json" \
  --query 'events[].[logStreamName,message]' --output text
