# changes: _solution/commands.sh
# The learner pasted the keys and the endpoint but not the Region line, and no profile sets one:
# the CLI stops with "You must specify a region" and sends nothing to the sandbox.
# before step: cli-version
unset AWS_DEFAULT_REGION AWS_REGION
# drop step: describe-cluster
