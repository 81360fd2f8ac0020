#!/usr/bin/env bash
# Release a new version of web: register a new revision, then point the service at that revision.
set -euo pipefail
CLUSTER=web-cluster
SERVICE=web

# 1. A new revision of the family web (the image tag in web-v2.json names the version).
TD_ARN=$(aws ecs register-task-definition --cli-input-json file://web-v2.json \
  --query 'taskDefinition.taskDefinitionArn' --output text)
echo "Registered $TD_ARN"

# 2. Deploy exactly that revision. Keep all 3 tasks serving (100 %) and let ECS start
#    the 3 new tasks before it stops the old ones (200 %).
aws ecs update-service --cluster "$CLUSTER" --service "$SERVICE" \
  --task-definition "$TD_ARN" \
  --deployment-configuration minimumHealthyPercent=100,maximumPercent=200 \
  --query 'service.deployments[0].[id,taskDefinition,rolloutState]' --output text
