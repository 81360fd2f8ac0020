# changes: _solution/commands.sh
# The execution role is created, but AmazonECSTaskExecutionRolePolicy is never attached to it.
# drop step: attach-execution-policy
