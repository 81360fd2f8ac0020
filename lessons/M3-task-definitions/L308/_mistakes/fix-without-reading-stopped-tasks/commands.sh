# changes: _solution/commands.sh
# The learner fixes the file and deploys at once, without reading a stopped task first.
# drop step: find-stopped-task
# drop step: read-stopped-task
# drop step: read-service-events
