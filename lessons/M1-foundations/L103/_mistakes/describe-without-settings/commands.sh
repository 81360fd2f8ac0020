# The learner describes both clusters but leaves out --include SETTINGS: the answer has no settings.
aws ecs describe-clusters --clusters map-ec2 map-fargate
aws ecs list-container-instances --cluster map-ec2
aws ecs list-container-instances --cluster map-fargate
