#!/usr/bin/env bash
# L201 · Ship web 1.0.0 to your private ECR registry / web 1.0.0 をプライベートレジストリにプッシュする
#
# Before you start / 始める前に:
#   - paste the four export lines from "Use the AWS CLI with your sandbox" into this terminal
#     (「AWS CLI からサンドボックスを使う」の export 4 行をこのターミナルに貼り付ける);
#   - save Dockerfile, server.js, package.json, taskdef.json and this script in one folder and cd into it
#     (Dockerfile、server.js、package.json、taskdef.json とこのスクリプトを 1 つのフォルダーに保存し、そこに cd する).
# Fill in every ____, then paste the steps into the terminal one at a time (the docker() line and the
# variables first), reading each answer before the next.
# ____ を埋め、ステップを 1 つずつターミナルに貼り付けて実行し (最初に docker() の行と変数の行)、次に進む前に毎回応答を読みます。

# The sandbox's Docker: no Docker of your own is needed. / サンドボックスの Docker (自分の Docker は不要です)
docker() { npx ecs-dojo docker "$@"; }

REGION=ap-northeast-1
ACCOUNT=$(aws sts get-caller-identity --query Account --output text)
REGISTRY="$ACCOUNT.dkr.ecr.$REGION.amazonaws.com"   # the wiki's us-east-1 is another registry / wiki の us-east-1 は別のレジストリ
TAG=1.0.0

# 1. The repository. / リポジトリを作成する
aws ecr create-repository --repository-name web --region "$REGION"

# 2. Log Docker in to the registry. / Docker をレジストリにログインさせる
aws ecr get-login-password --region "$REGION" | docker login --username AWS --password-stdin "$REGISTRY"

# 3. Build, give the image its name in the registry, push. / ビルドし、レジストリでの名前を付けてプッシュする
docker build -t web:"$TAG" .
docker tag web:"$TAG" "$REGISTRY/web:$TAG"
docker push "$REGISTRY/web:$TAG"

# 4. Ask ECR for that tag. / そのタグを ECR に問い合わせる
aws ecr describe-images --repository-name web --region "$REGION" --image-ids imageTag="$TAG"

# 5. Put the pushed image in taskdef.json, with the account written 123456789012 as in executionRoleArn, then register it:
#    プッシュしたイメージを taskdef.json に書き (アカウントは executionRoleArn と同じく 123456789012 と書く)、登録する:
#    aws ecs register-task-definition --cli-input-json file://taskdef.json
