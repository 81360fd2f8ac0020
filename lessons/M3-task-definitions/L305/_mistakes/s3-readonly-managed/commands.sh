# changes: _solution/commands.sh
# The task role gets AWS's read-only S3 policy instead of the inline policy limited to daily/.
# replace step: task-role-policy
aws iam attach-role-policy --role-name reportsTaskRole --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
