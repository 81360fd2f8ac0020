# changes: _solution/commands.sh
# After the solution, a second inline policy under another name: it adds to read-daily-reports instead of replacing it.
# after step: register-and-run
aws iam put-role-policy --role-name reportsTaskRole --policy-name read-everything \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
