# L202 solution: make repository storefront safe to deploy from.

# step: tag-mutability
# 1. Tags: every tag immutable except those starting with dev- (the dev pipeline moves dev-latest).
aws ecr put-image-tag-mutability --cli-input-json "file://$SOLUTION/tag-mutability.json"

# step: retag-release
# 2. Prove it with the retag idiom (an image's manifest under another tag, as a push without Docker):
#    release-25 must no longer move, dev-latest still must.
MANIFEST=$(aws ecr batch-get-image --repository-name storefront --image-ids imageTag=release-24 \
  --query 'images[0].imageManifest' --output text)
aws ecr put-image --repository-name storefront --image-tag release-25 --image-manifest "$MANIFEST" \
  || echo "refused, as expected"
# step: retag-dev
MANIFEST=$(aws ecr batch-get-image --repository-name storefront --image-ids imageTag=dev-5 \
  --query 'images[0].imageManifest' --output text)
aws ecr put-image --repository-name storefront --image-tag dev-latest --image-manifest "$MANIFEST"

# step: scanning
# 3. Scanning: scan every image pushed from now on, and scan release-25 by hand (it was pushed before).
aws ecr put-image-scanning-configuration --repository-name storefront \
  --image-scanning-configuration scanOnPush=true
aws ecr start-image-scan --repository-name storefront --image-id imageTag=release-25
# A basic scan takes a few seconds; run this again until imageScanStatus.status is COMPLETE.
aws ecr describe-image-scan-findings --repository-name storefront --image-id imageTag=release-25 \
  --query '{status: imageScanStatus.status, counts: imageScanFindings.findingSeverityCounts}'

# step: preview-lifecycle-policy
# 4. Lifecycle policy: preview it first, read what it would expire, then save it.
aws ecr start-lifecycle-policy-preview --repository-name storefront \
  --lifecycle-policy-text "file://$SOLUTION/lifecycle-policy.json"
aws ecr wait lifecycle-policy-preview-complete --repository-name storefront
aws ecr get-lifecycle-policy-preview --repository-name storefront \
  --query '{total: summary.expiringImageTotalCount, images: previewResults[].[imageTags[0], appliedRulePriority]}'
aws ecr get-lifecycle-policy-preview --repository-name storefront --filter tagStatus=UNTAGGED \
  --query 'summary'
# step: save-lifecycle-policy
aws ecr put-lifecycle-policy --repository-name storefront \
  --lifecycle-policy-text "file://$SOLUTION/lifecycle-policy.json"

# step: image-digest
# 5. The digest of release-25, to pin the image as <repository URI>@<digest>.
aws ecr describe-images --repository-name storefront --image-ids imageTag=release-25 \
  --query 'imageDetails[0].imageDigest' --output text
aws ecr describe-repositories --repository-names storefront --query 'repositories[0].repositoryUri' --output text
