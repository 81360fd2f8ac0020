# changes: _solution/commands.sh
# L202 mistake: the lifecycle policy is previewed and looks right, but it is never saved.
# drop step: save-lifecycle-policy
