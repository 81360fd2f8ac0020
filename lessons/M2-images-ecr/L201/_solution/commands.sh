# L201 solution: ship web 1.0.0 to the sandbox's private registry in ap-northeast-1, then name it in a task definition.
# (The same steps as push.sh; here the files are in $SOLUTION, the current folder.)

# 1. The repository must exist before the first push.
aws ecr create-repository --repository-name web

# 2. Docker logs in to the registry host with the username AWS and a token from ECR in the same Region.
REGISTRY="$(aws sts get-caller-identity --query Account --output text).dkr.ecr.ap-northeast-1.amazonaws.com"
aws ecr get-login-password --region ap-northeast-1 | docker login --username AWS --password-stdin "$REGISTRY"

# 3. Build, add the registry name with the version tag, push.
docker build -t web:1.0.0 .
docker tag web:1.0.0 "$REGISTRY/web:1.0.0"
docker push "$REGISTRY/web:1.0.0"

# 4. ECR answers for tag 1.0.0 only if the image is there.
aws ecr describe-images --repository-name web --image-ids imageTag=1.0.0

# 5. Register the task definition that names the pushed image.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/taskdef.json"
