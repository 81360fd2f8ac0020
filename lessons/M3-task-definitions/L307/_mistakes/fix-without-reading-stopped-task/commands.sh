# The learner fixes the group and the file without reading a stopped task first.
# 1. Where does /ecs/orders exist? Neither in the Region the file names nor in Tokyo.
aws logs describe-log-groups --region us-east-1 --log-group-name-prefix /ecs/orders --query 'logGroups[].logGroupName'
aws logs describe-log-groups --log-group-name-prefix /ecs/orders --query 'logGroups[].logGroupName'

# 2. Create the group in Tokyo (the CLI's default Region here) and keep its events 30 days.
aws logs create-log-group --log-group-name /ecs/orders
aws logs put-retention-policy --log-group-name /ecs/orders --retention-in-days 30

# 3. Deploy the fixed file.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/orders-api.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster orders --service orders-api --task-definition orders-api \
  --query 'service.deployments[].[status,taskDefinition,rolloutState]' --output text

# 4. Fast-forward 5 min, then run the on-call search.
fast_forward 300
aws logs filter-log-events --cli-input-json "file://$SOLUTION/log-search.json" \
  --query 'events[].[logStreamName,message]' --output text
