# changes: _solution/commands.sh
# The learner keeps awslogs-region us-east-1 (the prefix is fixed) and creates the group there; the search in Tokyo finds no group.
# drop step: find-log-group
# replace step: create-log-group
aws logs create-log-group --region us-east-1 --log-group-name /ecs/orders
# replace step: set-retention
aws logs put-retention-policy --region us-east-1 --log-group-name /ecs/orders --retention-in-days 30
# drop step: check-log-group
# drop step: check-deployment
# drop step: read-stream
