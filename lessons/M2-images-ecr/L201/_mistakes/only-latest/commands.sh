# Mistake: the image is tagged and pushed only as latest, and the task definition names latest.
aws ecr create-repository --repository-name web
REGISTRY="$(aws sts get-caller-identity --query Account --output text).dkr.ecr.ap-northeast-1.amazonaws.com"
aws ecr get-login-password --region ap-northeast-1 | docker login --username AWS --password-stdin "$REGISTRY"
docker build -t web .
docker tag web:latest "$REGISTRY/web:latest"
docker push "$REGISTRY/web:latest"
aws ecr describe-images --repository-name web
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/taskdef.json"
