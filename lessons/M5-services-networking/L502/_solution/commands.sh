# L502: the walkthrough with the fixed files (run with SOLUTION set to this folder).

# step: create-cluster
# 1. The cluster the service will run in.
aws ecs create-cluster --cluster-name fargate-cluster

# step: register
# 2. Revision 1 of the sample-fargate family.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/fargate-task.json"

# step: create-service
# 3. The service, from the JSON prepared with --generate-cli-skeleton.
aws ecs create-service --cli-input-json "file://$SOLUTION/service.json"

# step: check-service
# 4. Look at the service before scaling. A learner waits with `aws ecs wait services-stable`, which polls
#    describe-services; the verifier's clock is frozen (time moves only by verify.advanceSeconds), so the
#    waiter would never return here: this is the describe-services call it makes.
aws ecs describe-services --cluster fargate-cluster --services fargate-service

# step: scale-out
# 5. Scale out to two tasks.
aws ecs update-service --cluster fargate-cluster --service fargate-service --desired-count 2
