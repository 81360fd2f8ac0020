# Without file:// the CLI parses the file name itself as JSON; from another folder, file:// finds no file.
# Neither call leaves the terminal, so nothing is registered and there is no revision 1 to deregister.
aws ecs register-task-definition --cli-input-json fargate-task.json || echo "refused by the AWS CLI"
mkdir -p elsewhere && cd elsewhere
aws ecs register-task-definition --cli-input-json file://fargate-task.json || echo "refused by the AWS CLI"
aws ecs deregister-task-definition --task-definition fargate-task-definition:1 || echo "refused by ECS"
