# The learner registers revision 1 from the repaired file (before adding "revision" to it)...
sed -e '/"revision": 1,/d' -e 's|httpd:2.4.62"|httpd:2.4"|' fargate-task.json > first.json
aws ecs register-task-definition --cli-input-json file://first.json
# ...then changes the tag and adds "revision": 1 to update revision 1 in place. The AWS CLI refuses the input
# before sending it, and the learner stops there, expecting revision 1 to carry the new tag.
aws ecs register-task-definition --cli-input-json file://fargate-task.json || echo "refused by the AWS CLI"
