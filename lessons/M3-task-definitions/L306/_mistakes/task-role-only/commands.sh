# changes: _solution/commands.sh
# The policy goes on the task role instead of the execution role.
# replace step: execution-role-policy
aws iam put-role-policy --role-name ordersTaskRole --policy-name orders-db-config \
  --policy-document "file://$SOLUTION/exec-policy.json"
