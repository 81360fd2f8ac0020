# Mistake: pushing the local name web:1.0.0, without the registry host: Docker sends it to Docker Hub, which refuses it.
aws ecr create-repository --repository-name web
REGISTRY="$(aws sts get-caller-identity --query Account --output text).dkr.ecr.ap-northeast-1.amazonaws.com"
aws ecr get-login-password --region ap-northeast-1 | docker login --username AWS --password-stdin "$REGISTRY"
docker build -t web:1.0.0 .
docker push web:1.0.0
aws ecr describe-images --repository-name web --image-ids imageTag=1.0.0
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/taskdef.json"
