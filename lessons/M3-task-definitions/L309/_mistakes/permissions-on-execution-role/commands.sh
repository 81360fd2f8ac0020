# changes: _solution/commands.sh
# The learner reads the refusal, then puts the logs permissions on the execution role ("it already handles logs"); shopTaskRole stays empty.
# replace step: task-role
aws iam put-role-policy --role-name ecsTaskExecutionRole --policy-name ship-app-logs \
  --policy-document "file://$SOLUTION/task-role-policy.json"
