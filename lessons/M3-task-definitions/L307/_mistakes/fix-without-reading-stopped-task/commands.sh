# changes: _solution/commands.sh
# The learner fixes the group and the file without reading a stopped task first.
# drop step: read-stopped-task
# drop step: check-log-group
# drop step: check-deployment
# drop step: read-stream
