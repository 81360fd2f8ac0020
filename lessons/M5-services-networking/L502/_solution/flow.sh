#!/usr/bin/env bash
# L502 · The usual CLI walkthrough, Tokyo edition / 定番の CLI の流れ (東京リージョン版): solution / 解答例
#
# Before you start / 始める前に:
#   - paste the four export lines from "Use the AWS CLI with your sandbox" into this terminal
#     (「AWS CLI からサンドボックスを使う」の export 4 行をこのターミナルに貼り付ける);
#   - `aws --version` should show aws-cli/2 (aws-cli/2 と表示されること);
#   - save fargate-task.json and service.json next to this script
#     (fargate-task.json と service.json をこのスクリプトと同じフォルダーに保存する).

# 1. Create the cluster. / クラスターを作成する
aws ecs create-cluster --cluster-name fargate-cluster

# 2. Register the task definition (family sample-fargate → revision 1). / タスク定義を登録する
aws ecs register-task-definition --cli-input-json file://fargate-task.json

# 3. Create the service from service.json. / service.json からサービスを作成する
#    (taskDefinition sample-fargate:1, desiredCount 1, awsvpc network configuration, enableExecuteCommand true)
aws ecs create-service --cli-input-json file://service.json

# 4. Wait until the service is stable (one deployment, running = desired). / 安定するまで待つ
aws ecs wait services-stable --cluster fargate-cluster --services fargate-service

# 5. Scale the service out to two tasks, and wait again. / タスクを 2 つにして、もう一度待つ
aws ecs update-service --cluster fargate-cluster --service fargate-service --desired-count 2
aws ecs wait services-stable --cluster fargate-cluster --services fargate-service

# 6. Press Check on the lesson page. Then clean up: / 「チェック」に合格したらクリーンアップする:
# aws ecs delete-service --cluster fargate-cluster --service fargate-service --force
# aws ecs wait services-inactive --cluster fargate-cluster --services fargate-service
# aws ecs delete-cluster --cluster fargate-cluster
# aws ecs deregister-task-definition --task-definition sample-fargate:1
