#!/usr/bin/env bash
# L102 — stop one task of the service hello and watch ECS replace it.
# サービス hello のタスクを 1 つ停止し、ECS が置き換える様子を確かめます。
# Fill in every ____, then run the commands one at a time: read each answer before the next step.
# ____ をすべて埋めてから、コマンドを 1 つずつ実行します。次に進む前に、毎回出力を読んでください。

# 1. The tasks hello runs now. Note both task IDs (the part of each ARN after the last /).
#    hello がいま動かしているタスク。2 つのタスク ID (ARN の最後の / より後ろ) を控えます。
aws ecs list-tasks --cluster ____ --service-name ____

# 2. Stop one of them. --reason is optional; ECS stores it as the task's stoppedReason.
#    そのうち 1 つを停止します。--reason は省略可能で、タスクの stoppedReason になります。
aws ecs stop-task --cluster heal-lab --task ____ --reason "L102: watching ECS heal"

# 3. Press "Fast-forward 5 min" in the Sandbox console, then list hello's tasks again. Which ID is new?
#    サンドボックスコンソールの「5 分早送り」を押してから、もう一度一覧します。新しい ID はどれですか。
aws ecs list-tasks --cluster heal-lab --service-name hello

# 4. How the task you stopped ended. / 停止したタスクの終わり方。
aws ecs describe-tasks --cluster heal-lab --tasks ____ \
  --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output table

# 5. What the service reports it did: fill in the field that holds its event messages.
#    サービスが報告した内容。イベントのメッセージが入っているフィールドを埋めます。
aws ecs describe-services --cluster heal-lab --services hello \
  --query 'services[0].____[:5].[createdAt,message]' --output table
