# changes: _solution/commands.sh
# The learner creates the group in Tokyo and leaves its retention as it is (Never expire).
# drop step: find-log-group
# drop step: set-retention
# drop step: check-deployment
# drop step: read-stream
