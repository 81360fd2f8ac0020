# L103 — read-only: confirm the map from the sandbox. Nothing here creates or changes anything.

# step: describe-clusters
# The control plane's record of both clusters, with their settings (Container Insights).
aws ecs describe-clusters --clusters map-ec2 map-fargate --include SETTINGS \
  --query 'clusters[].[clusterName,registeredContainerInstancesCount,runningTasksCount,capacityProviders[0],settings[0].value]' \
  --output table

# step: list-instances
# The data plane each cluster has registered: your EC2 instances, or nothing at all.
aws ecs list-container-instances --cluster map-ec2
aws ecs list-container-instances --cluster map-fargate
