# L306: move DB_PASSWORD to Secrets Manager and FEATURE_FLAG to Parameter Store, let the execution role read
# exactly those two values, then rotate the exposed password, roll the service and delete revision 1.
# Run with the four export lines from "Use the AWS CLI with your sandbox" set.

# step: look-up-ids
# 1. What the files need: your account ID and the secret's full ARN (with its six-character suffix).
#    (aws ssm get-parameter --name /orders/feature-flag shows the parameter's ARN.)
ACCOUNT=$(aws sts get-caller-identity --query Account --output text)
SECRET_ARN=$(aws secretsmanager describe-secret --secret-id prod/orders/db --query ARN --output text)

# step: fill-in-files
# 2. Put them into the two files (in the editor you paste them; here sed does it).
#    The sandbox would accept 123456789012 in orders-db.json, but IAM compares policy ARNs literally: use your real ID in both files.
SUFFIX=${SECRET_ARN##*-}
sed -i.bak -e "s/123456789012/$ACCOUNT/g" -e "s|prod/orders/db-AbCdEf|prod/orders/db-$SUFFIX|g" \
  "$SOLUTION/orders-db.json" "$SOLUTION/exec-policy.json"

# step: execution-role-policy
# 3. The policy goes on the EXECUTION role: ECS fetches the values with it before the container starts.
aws iam put-role-policy --role-name ordersTaskExecutionRole --policy-name orders-db-config \
  --policy-document "file://$SOLUTION/exec-policy.json"

# step: register-and-deploy
# 4. Register revision 2 and deploy it (the same two calls as "Deploy to the service").
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/orders-db.json" \
  --query 'taskDefinition.[family,revision]' --output text
aws ecs update-service --cluster config-lab --service orders-db --task-definition orders-db \
  --query 'service.deployments[0].[status,taskDefinition,rolloutState]' --output text
#    After "Fast-forward 5 min":
#    aws logs filter-log-events --log-group-name /ecs/orders-db --filter-pattern connected --query 'events[].message'

# step: rotate-password
# 5. Revision 1 showed the password to anyone who could describe it: rotate it (keep the JSON shape)...
aws secretsmanager put-secret-value --secret-id prod/orders/db \
  --secret-string '{"username":"orders","password":"Tr0ub4dor-2026-12"}' --query VersionId --output text
# step: roll-service
#    ...and replace the running tasks, which keep the value they started with.
aws ecs update-service --cluster config-lab --service orders-db --force-new-deployment \
  --query 'service.deployments[0].[status,taskDefinition,rolloutState]' --output text

# step: deregister-revision-1
# 6. Retire revision 1: deregistered it is INACTIVE but still readable, so delete it as well.
aws ecs deregister-task-definition --task-definition orders-db:1 --query 'taskDefinition.status' --output text
# step: delete-revision-1
aws ecs delete-task-definitions --task-definitions orders-db:1 --query 'taskDefinitions[0].status' --output text
