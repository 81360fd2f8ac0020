# changes: _solution/commands.sh
# The learner describes both clusters but leaves out --include SETTINGS: the answer has no settings.
# replace step: describe-clusters
aws ecs describe-clusters --clusters map-ec2 map-fargate
