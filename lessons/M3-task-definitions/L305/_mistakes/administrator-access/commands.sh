# The task role gets the policy from task-policy.json as it stands.
aws iam create-role --role-name reportsTaskRole --assume-role-policy-document "file://$SOLUTION/ecs-tasks-trust.json"
aws iam put-role-policy --role-name reportsTaskRole --policy-name read-daily-reports \
  --policy-document "file://$SOLUTION/task-policy.json"
