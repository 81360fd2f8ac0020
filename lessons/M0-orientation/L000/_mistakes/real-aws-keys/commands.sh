# changes: _solution/commands.sh
# The learner believes the CLI needs a real AWS account's keys and exports them instead of the panel's ADOJ… keys
# (AWS's documented example keys stand in for real ones). The sandbox does not know them.
# before step: cli-version
export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
# drop step: describe-cluster
