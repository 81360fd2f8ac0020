# L302: register the three sized task definitions, then run orders-api on Fargate in cluster dojo.
# Run with the four export lines from "Use the AWS CLI with your sandbox" set.

# 1. The cluster (CreateCluster returns the existing one if dojo is already there).
aws ecs create-cluster --cluster-name dojo --query 'cluster.[clusterName,status]' --output text

# 2. Register the three files. AWS rejects a size that is not in the Fargate table here.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/orders-api.json" \
  --query 'taskDefinition.[family,revision,cpu,memory]' --output text
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/invoice-worker.json" \
  --query 'taskDefinition.[family,revision,cpu,memory]' --output text
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/batch-export.json" \
  --query 'taskDefinition.[family,revision,cpu,memory]' --output text

# 3. One standalone task of orders-api. awsvpc is why run-task needs --network-configuration
#    (any well-formed IDs in the sandbox).
aws ecs run-task --cluster dojo --launch-type FARGATE --task-definition orders-api \
  --network-configuration "awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}" \
  --query 'tasks[0].[lastStatus,cpu,memory]' --output text
