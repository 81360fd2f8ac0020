# The learner registers the same file twice and forgets to change the image tag in between:
# revision 2 exists, but it is identical to revision 1 (httpd:2.4).
aws ecs register-task-definition --cli-input-json file://fargate-task.json
aws ecs register-task-definition --cli-input-json file://fargate-task.json
aws ecs deregister-task-definition --task-definition fargate-task-definition:1
