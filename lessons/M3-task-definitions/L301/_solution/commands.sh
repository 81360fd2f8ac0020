# L301: register the repaired sample, register it again with a new image tag, retire revision 1.
# Run in the folder that holds fargate-task.json, with the four export lines from
# "Use the AWS CLI with your sandbox" set. file:// paths are relative to this folder.

# 1. Revision 1: the repaired sample, image httpd:2.4. ECS picks the number.
aws ecs register-task-definition --cli-input-json file://fargate-task.json \
  --query 'taskDefinition.[family,revision,status,containerDefinitions[0].image]' --output text

# 2. Change the image tag (in your editor, or with sed as here) and register again: revision 2.
sed -i.bak 's|httpd:2.4"|httpd:2.4.62"|' fargate-task.json
aws ecs register-task-definition --cli-input-json file://fargate-task.json \
  --query 'taskDefinition.[family,revision,status,containerDefinitions[0].image]' --output text

# 3. Retire revision 1 (family:revision), then look at it: INACTIVE, not gone.
aws ecs deregister-task-definition --task-definition fargate-task-definition:1 \
  --query 'taskDefinition.[revision,status]' --output text
aws ecs describe-task-definition --task-definition fargate-task-definition:1 \
  --query 'taskDefinition.[revision,status]' --output text

# 4. The default list shows only ACTIVE revisions; INACTIVE ones need --status.
aws ecs list-task-definitions --family-prefix fargate-task-definition
aws ecs list-task-definitions --family-prefix fargate-task-definition --status INACTIVE
