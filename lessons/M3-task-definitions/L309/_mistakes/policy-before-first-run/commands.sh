# changes: _solution/commands.sh
# The learner puts the policy on shopTaskRole before running anything, so the router never shows what it is refused.
# before step: first-run
aws iam put-role-policy --role-name shopTaskRole --policy-name ship-app-logs \
  --policy-document "file://$SOLUTION/task-role-policy.json"
# drop step: task-role
