# changes: _solution/commands.sh
# The password is rotated as a plain string instead of keeping the secret's JSON shape.
# replace step: rotate-password
aws secretsmanager put-secret-value --secret-id prod/orders/db \
  --secret-string 'Tr0ub4dor-2026-12' --query VersionId --output text
