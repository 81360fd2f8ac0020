# The learner pasted the keys and the endpoint but not the Region line, and no profile sets one:
# the CLI stops with "You must specify a region" and sends nothing to the sandbox.
unset AWS_DEFAULT_REGION AWS_REGION
aws --version
aws ecs list-clusters
aws ecs describe-clusters --clusters sbx-default \
  --query 'clusters[0].[status,registeredContainerInstancesCount]' --output table
