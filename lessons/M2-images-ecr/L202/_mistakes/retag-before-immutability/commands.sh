# changes: _solution/commands.sh
# L202 mistake: release-25 is retagged before the setting is sent, so ECR accepts it and release-25 moves.
# before step: tag-mutability
# 0. The release-25 retag, sent while the repository is still MUTABLE: it succeeds.
MANIFEST=$(aws ecr batch-get-image --repository-name storefront --image-ids imageTag=release-24 \
  --query 'images[0].imageManifest' --output text)
aws ecr put-image --repository-name storefront --image-tag release-25 --image-manifest "$MANIFEST"
# drop step: retag-release
