# changes: _solution/commands.sh
# The password is rotated, but the service is not rolled: the running tasks keep the value they started with.
# drop step: roll-service
