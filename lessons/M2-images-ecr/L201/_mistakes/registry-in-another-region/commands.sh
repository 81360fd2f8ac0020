# Mistake: the registry host copied from the team wiki, in us-east-1. The token comes from ap-northeast-1 (the sandbox's
# Region), so the registry in us-east-1 refuses the login; the task definition names the us-east-1 registry too.
aws ecr create-repository --repository-name web
REGISTRY="$(aws sts get-caller-identity --query Account --output text).dkr.ecr.us-east-1.amazonaws.com"
aws ecr get-login-password --region ap-northeast-1 | docker login --username AWS --password-stdin "$REGISTRY"
docker build -t web:1.0.0 .
docker tag web:1.0.0 "$REGISTRY/web:1.0.0"
docker push "$REGISTRY/web:1.0.0"
aws ecr describe-images --repository-name web --image-ids imageTag=1.0.0
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/taskdef.json"
