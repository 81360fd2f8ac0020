# Run in a terminal where the four export lines from "Use the AWS CLI with your sandbox" are set
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, AWS_ENDPOINT_URL).

# step: cli-version
# Which CLI is this? AWS_ENDPOINT_URL needs aws-cli/2.13.0 or later (1.29.0 or later on v1).
aws --version

# step: list-clusters
# 1. Which clusters does the sandbox have in this Region?
aws ecs list-clusters

# step: describe-cluster
# 2. The whole description first, to find the field names...
aws ecs describe-clusters --clusters sbx-default

# step: cluster-status
# 3. ...then only the status and the registered instance count, as a table.
aws ecs describe-clusters --clusters sbx-default \
  --query 'clusters[0].[status,registeredContainerInstancesCount]' --output table
