# changes: _solution/commands.sh
# One role for everything: the S3 permission goes on the execution role, and the task definition names no task role.
# drop step: create-task-role
# replace step: task-role-policy
aws iam put-role-policy --role-name reportsTaskExecutionRole --policy-name read-daily-reports \
  --policy-document "file://$SOLUTION/task-policy.json"
# replace step: simulate-task-role
aws iam simulate-principal-policy --policy-source-arn "arn:aws:iam::$ACCOUNT_ID:role/reportsTaskExecutionRole" \
  --action-names s3:GetObject s3:PutObject --resource-arns arn:aws:s3:::sbx-reports/daily/report.csv
