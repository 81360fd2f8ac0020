# The learner relies on the mutable latest tag: web 2.0 "was pushed as latest", so instead of registering a revision
# that names 2.0, they force a new deployment of the family (revision 1 again, which still says sbx/web:1.0).
aws ecs update-service --cluster web-cluster --service web --task-definition web --force-new-deployment \
  --deployment-configuration minimumHealthyPercent=100,maximumPercent=200
