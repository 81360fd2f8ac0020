# L502: the walkthrough with the fixed files (run with SOLUTION set to this folder).

# 1. The cluster the service will run in.
aws ecs create-cluster --cluster-name fargate-cluster

# 2. Revision 1 of the sample-fargate family.
aws ecs register-task-definition --cli-input-json "file://$SOLUTION/fargate-task.json"

# 3. The service, from the JSON prepared with --generate-cli-skeleton.
aws ecs create-service --cli-input-json "file://$SOLUTION/service.json"

# 4. Scale out to two tasks. (A learner waits with `aws ecs wait services-stable` first;
#    the verifier advances simulated time instead.)
aws ecs update-service --cluster fargate-cluster --service fargate-service --desired-count 2
