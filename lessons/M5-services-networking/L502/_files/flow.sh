#!/usr/bin/env bash
# L502 · The usual CLI walkthrough, Tokyo edition / 定番の CLI の流れ (東京リージョン版)
#
# Before you start / 始める前に:
#   - paste the four export lines from "Use the AWS CLI with your sandbox" into this terminal
#     (「AWS CLI からサンドボックスを使う」の export 4 行をこのターミナルに貼り付ける);
#   - `aws --version` should show aws-cli/2 (aws-cli/2 と表示されること);
#   - save fargate-task.json and service.json next to this script
#     (fargate-task.json と service.json をこのスクリプトと同じフォルダーに保存する).
# Fill in every ____ and run the steps one at a time, reading each answer before the next.
# ____ を埋め、ステップを 1 つずつ実行して、次に進む前に毎回応答を読みます。

# 1. Create the cluster. / クラスターを作成する
aws ecs ____ --cluster-name ____

# 2. Register the task definition in fargate-task.json. / fargate-task.json のタスク定義を登録する
aws ecs register-task-definition --cli-input-json ____

# 3. Create the service. / サービスを作成する
#    The walkthrough passes everything as options / 定番の手順ではすべてをオプションで渡す:
#
#   aws ecs create-service --cluster fargate-cluster --service-name fargate-service \
#     --task-definition sample-fargate:1 --desired-count 1 --launch-type "FARGATE" \
#     --network-configuration "awsvpcConfiguration={subnets=[subnet-abcd1234],securityGroups=[sg-abcd1234]}" \
#     --enable-execute-command
#
#    Here the same settings live in service.json / ここでは同じ設定を service.json に書く
#    (start one with / ひな形の作り方: aws ecs create-service --generate-cli-skeleton > service.json).
aws ecs create-service --cli-input-json ____

# 4. Wait until the service is stable. / サービスが安定するまで待つ
aws ecs wait ____ --cluster fargate-cluster --services fargate-service

# 5. Scale the service out to two tasks. / タスクを 2 つにスケールアウトする
aws ecs ____ --cluster fargate-cluster --service fargate-service ____

# 6. Press Check on the lesson page; clean up only after it passes.
#    レッスンページで「チェック」を押し、合格してからクリーンアップする。
