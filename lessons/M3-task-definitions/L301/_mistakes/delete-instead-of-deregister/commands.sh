# Revisions 1 and 2 as in the solution...
aws ecs register-task-definition --cli-input-json file://fargate-task.json
sed -i.bak 's|httpd:2.4"|httpd:2.4.62"|' fargate-task.json
aws ecs register-task-definition --cli-input-json file://fargate-task.json
# ...then revision 1 is "removed" with delete-task-definitions, without deregistering it first.
# The call succeeds (HTTP 200) but lists revision 1 under failures: it is still ACTIVE.
aws ecs delete-task-definitions --task-definitions fargate-task-definition:1
