# The learner lists map-ec2, then runs the second list without --cluster: ECS looks for the cluster named default.
aws ecs describe-clusters --clusters map-ec2 map-fargate --include SETTINGS
aws ecs list-container-instances --cluster map-ec2
aws ecs list-container-instances
