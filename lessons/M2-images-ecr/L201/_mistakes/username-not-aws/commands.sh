# Mistake: docker login with a username of one's own (here admin) instead of AWS: the registry refuses the login.
aws ecr create-repository --repository-name web
REGISTRY="$(aws sts get-caller-identity --query Account --output text).dkr.ecr.ap-northeast-1.amazonaws.com"
aws ecr get-login-password --region ap-northeast-1 | docker login --username admin --password-stdin "$REGISTRY"
docker build -t web:1.0.0 .
docker tag web:1.0.0 "$REGISTRY/web:1.0.0"
docker push "$REGISTRY/web:1.0.0"
aws ecr describe-images --repository-name web --image-ids imageTag=1.0.0
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/taskdef.json"
