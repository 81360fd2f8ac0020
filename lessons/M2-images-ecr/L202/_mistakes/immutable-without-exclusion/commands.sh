# changes: _solution/commands.sh
# L202 mistake: plain IMMUTABLE (tag-mutability.json of this mistake), so the dev pipeline can no longer move dev-latest.
# replace step: retag-dev
MANIFEST=$(aws ecr batch-get-image --repository-name storefront --image-ids imageTag=dev-5 \
  --query 'images[0].imageManifest' --output text)
aws ecr put-image --repository-name storefront --image-tag dev-latest --image-manifest "$MANIFEST" \
  || echo "refused: plain IMMUTABLE locks dev-latest too"
