#!/usr/bin/env bash
# Release web 2.0 to the web service.
# The team says: "It ran without an error, but the tasks still run revision 1."
set -euo pipefail

aws ecs update-service --cluster web-cluster --service web --task-definition web
