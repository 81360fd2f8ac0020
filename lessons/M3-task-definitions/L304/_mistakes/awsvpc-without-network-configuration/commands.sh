# changes: _solution/commands.sh
# Goal A in awsvpc mode, deployed like a bridge revision: UpdateService is refused
# (InvalidParameterException: Network Configuration must be provided ...), so web keeps its 2 host-mode tasks.
# Goal B as in the solution.
# replace step: deploy-bridge
aws ecs update-service --cluster port-lab --service web --task-definition web || true
