/**
 * Amazon ECR end to end with the real AWS CLI (v1), unchanged but for the endpoint: issue 10's ECR flow (create a
 * repository, push through DojoSandbox — the CLI has no push, Docker does —, a lifecycle policy and its preview,
 * describe-images, list-images, batch-delete-image, delete-repository), AWS's exact error lines, a refused call that
 * changes nothing, and two learners who never see each other's registry.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireAwsCli, type CliResult } from "./support/aws-cli";
import { cliAs, dojoCall, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const exec = promisify(execFile);
const REGION = "ap-northeast-1";
const DIGEST = /^sha256:[0-9a-f]{64}$/;

let endpoint: GatewayEndpoint;
let workDir: string;
let alice: GatewayLearner;
let bob: GatewayLearner;

function ecr(args: string[], learner: GatewayLearner = alice): Promise<CliResult> {
  return cliAs(endpoint, learner, workDir)("ecr", args, REGION);
}

function expectAwsError(result: CliResult, operation: string, code: string, message: string) {
  expect(result.code).toBe(255);
  expect(result.stderr.trim()).toBe(`An error occurred (${code}) when calling the ${operation} operation: ${message}`);
}

/** `aws ecr get-login-password`, which prints the bare password (awsCli parses JSON), run as awsCli runs the CLI. */
async function loginPassword(learner: GatewayLearner): Promise<string> {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name];
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: learner.accessKeyId,
    AWS_SECRET_ACCESS_KEY: learner.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_CONFIG_FILE: path.join(workDir, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(workDir, "no-credentials"),
    AWS_PAGER: "",
  });
  const { stdout } = await exec("aws", ["ecr", "get-login-password", "--endpoint-url", endpoint.url], { env });
  return stdout.trim();
}

function dojo(operation: string, input: object, learner: GatewayLearner = alice) {
  return dojoCall(endpoint, learner, operation, input, REGION);
}

async function push(repositoryName: string, imageTag?: string, extra: object = {}): Promise<string> {
  const pushed = await dojo("PushImage", { repositoryName, ...(imageTag && { imageTag }), ...extra });
  expect(pushed.status).toBe(200);
  return (pushed.json.image as { imageId: { imageDigest: string } }).imageId.imageDigest;
}

/** Lets simulated days pass (one AdvanceClock call moves at most a day). */
async function advanceDays(days: number): Promise<void> {
  for (let i = 0; i < days; i++) expect((await dojo("AdvanceClock", { seconds: 86_400 })).status).toBe(200);
}

const LIFECYCLE_POLICY = {
  rules: [
    {
      rulePriority: 1,
      description: "Keep the last two release images",
      selection: { tagStatus: "tagged", tagPatternList: ["release-*"], countType: "imageCountMoreThan", countNumber: 2 },
      action: { type: "expire" },
    },
    {
      rulePriority: 2,
      description: "Expire untagged images older than 7 days",
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
      action: { type: "expire" },
    },
  ],
};

beforeAll(async () => {
  await requireAwsCli();
  workDir = await mkdtemp(path.join(tmpdir(), "dojo-ecr-cli-"));
  await writeFile(path.join(workDir, "lifecycle.json"), JSON.stringify(LIFECYCLE_POLICY, null, 2));
  await writeFile(
    path.join(workDir, "broken-lifecycle.json"),
    JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: "tagged", countType: "imageCountMoreThan", countNumber: 10 }, action: { type: "expire" } }] }),
  );
  endpoint = await startGatewayEndpoint();
  alice = endpoint.newLearner();
  bob = endpoint.newLearner();
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("aws ecr against the sandbox", () => {
  const digests: Record<string, string> = {};

  test("create-repository answers AWS's defaults; a second one with the same name is refused", async () => {
    const created = await ecr(["create-repository", "--repository-name", "web"]);
    expect(created.code).toBe(0);
    const { createdAt, ...repository } = created.json.repository;
    expect(repository).toEqual({
      repositoryArn: `arn:aws:ecr:${REGION}:${alice.accountId}:repository/web`,
      registryId: alice.accountId,
      repositoryName: "web",
      repositoryUri: `${alice.accountId}.dkr.ecr.${REGION}.amazonaws.com/web`,
      imageTagMutability: "MUTABLE",
      imageScanningConfiguration: { scanOnPush: false },
      encryptionConfiguration: { encryptionType: "AES256" },
    });
    expect(createdAt).toBeDefined();
    expectAwsError(
      await ecr(["create-repository", "--repository-name", "web"]),
      "CreateRepository",
      "RepositoryAlreadyExistsException",
      `The repository with name 'web' already exists in the registry with id '${alice.accountId}'`,
    );
  });

  test("get-login-password prints the password of get-authorization-token's AWS:<password> token", async () => {
    const token = await ecr(["get-authorization-token"]);
    const [data] = token.json.authorizationData;
    expect(data.proxyEndpoint).toBe(`https://${alice.accountId}.dkr.ecr.${REGION}.amazonaws.com`);
    const decoded = Buffer.from(data.authorizationToken, "base64").toString();
    expect(decoded.startsWith("AWS:")).toBe(true);
    expect(await loginPassword(alice)).toBe(decoded.slice("AWS:".length));
  });

  test("push through DojoSandbox over the days, then describe-images and list-images", async () => {
    // Old untagged builds (pushed 10 and 9 days ago), three releases, a recent untagged build.
    digests.old1 = await push("web");
    await advanceDays(1);
    digests.old2 = await push("web");
    await advanceDays(1);
    digests["release-1"] = await push("web", "release-1", { source: "sbx/web:1.0" });
    digests["release-2"] = await push("web", "release-2");
    await advanceDays(6);
    digests["release-3"] = await push("web", "release-3");
    digests.recent = await push("web");
    await advanceDays(2);
    for (const digest of Object.values(digests)) expect(digest).toMatch(DIGEST);

    const described = await ecr(["describe-images", "--repository-name", "web"]);
    expect(described.code).toBe(0);
    const details = described.json.imageDetails;
    expect(details.map((d: { imageDigest: string }) => d.imageDigest)).toEqual(Object.values(digests));
    expect(details.map((d: { imageTags?: string[] }) => d.imageTags ?? null)).toEqual([null, null, ["release-1"], ["release-2"], ["release-3"], null]);
    expect(details[2]).toMatchObject({
      registryId: alice.accountId,
      repositoryName: "web",
      imageManifestMediaType: "application/vnd.docker.distribution.manifest.v2+json",
      artifactMediaType: "application/vnd.docker.container.image.v1+json",
    });

    // The CLI follows nextToken itself: a page size of 2 still prints every image.
    const paged = await ecr(["describe-images", "--repository-name", "web", "--page-size", "2"]);
    expect(paged.json.imageDetails).toHaveLength(6);
    const firstTwo = await ecr(["describe-images", "--repository-name", "web", "--max-items", "2"]);
    expect(firstTwo.json.imageDetails).toHaveLength(2);
    expect(firstTwo.json.NextToken).toBeDefined();

    const untagged = await ecr(["list-images", "--repository-name", "web", "--filter", "tagStatus=UNTAGGED"]);
    expect(untagged.json.imageIds).toEqual([{ imageDigest: digests.old1 }, { imageDigest: digests.old2 }, { imageDigest: digests.recent }]);
    const tagged = await ecr(["list-images", "--repository-name", "web", "--filter", "tagStatus=TAGGED"]);
    expect(tagged.json.imageIds).toEqual(["release-1", "release-2", "release-3"].map((tag) => ({ imageDigest: digests[tag], imageTag: tag })));

    expectAwsError(
      await ecr(["describe-images", "--repository-name", "web", "--image-ids", "imageTag=latest"]),
      "DescribeImages",
      "ImageNotFoundException",
      `The image with imageId {imageDigest:'null', imageTag:'latest'} does not exist within the repository with name 'web' in the registry with id '${alice.accountId}'`,
    );
  });

  test("put-lifecycle-policy, start-lifecycle-policy-preview, get-lifecycle-policy-preview evaluate the policy on the images", async () => {
    const file = `file://${path.join(workDir, "lifecycle.json")}`;
    const put = await ecr(["put-lifecycle-policy", "--repository-name", "web", "--lifecycle-policy-text", file]);
    expect(put.code).toBe(0);
    expect(put.json).toEqual({ registryId: alice.accountId, repositoryName: "web", lifecyclePolicyText: JSON.stringify(LIFECYCLE_POLICY) });
    const got = await ecr(["get-lifecycle-policy", "--repository-name", "web"]);
    expect(got.json.lifecyclePolicyText).toBe(JSON.stringify(LIFECYCLE_POLICY));
    expect(got.json.lastEvaluatedAt).toBeDefined();

    const started = await ecr(["start-lifecycle-policy-preview", "--repository-name", "web"]);
    expect(started.json).toEqual({
      registryId: alice.accountId,
      repositoryName: "web",
      lifecyclePolicyText: JSON.stringify(LIFECYCLE_POLICY),
      status: "IN_PROGRESS",
    });
    const waited = await ecr(["wait", "lifecycle-policy-preview-complete", "--repository-name", "web"]);
    expect(waited.code).toBe(0);

    const preview = await ecr(["get-lifecycle-policy-preview", "--repository-name", "web"]);
    expect(preview.code).toBe(0);
    expect(preview.json.status).toBe("COMPLETE");
    // release-1 is the third-youngest release; the two untagged builds are 10 and 9 days old (the recent one 2).
    const results = preview.json.previewResults;
    expect(results.map((r: { imageDigest: string }) => r.imageDigest)).toEqual([digests.old1, digests.old2, digests["release-1"]]);
    expect(results.map((r: { appliedRulePriority: number }) => r.appliedRulePriority)).toEqual([2, 2, 1]);
    expect(results[2]).toMatchObject({ imageTags: ["release-1"], action: { type: "EXPIRE" } });
    expect(results[2].imagePushedAt).toBeDefined();
    expect(preview.json.summary).toEqual({ expiringImageTotalCount: 3 });

    const untaggedOnly = await ecr(["get-lifecycle-policy-preview", "--repository-name", "web", "--filter", "tagStatus=UNTAGGED"]);
    expect(untaggedOnly.json.previewResults.map((r: { imageDigest: string }) => r.imageDigest)).toEqual([digests.old1, digests.old2]);
  });

  test("a broken lifecycle policy is refused with AWS's line and changes nothing", async () => {
    const file = `file://${path.join(workDir, "broken-lifecycle.json")}`;
    expectAwsError(
      await ecr(["put-lifecycle-policy", "--repository-name", "web", "--lifecycle-policy-text", file]),
      "PutLifecyclePolicy",
      "InvalidParameterException",
      "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'",
    );
    expect((await ecr(["get-lifecycle-policy", "--repository-name", "web"])).json.lifecyclePolicyText).toBe(JSON.stringify(LIFECYCLE_POLICY));
  });

  test("an immutable repository refuses to move a tag (ImageTagAlreadyExistsException) and keeps its images", async () => {
    const set = await ecr(["put-image-tag-mutability", "--repository-name", "web", "--image-tag-mutability", "IMMUTABLE"]);
    expect(set.json).toEqual({ registryId: alice.accountId, repositoryName: "web", imageTagMutability: "IMMUTABLE" });
    const before = (await ecr(["list-images", "--repository-name", "web"])).json.imageIds;
    const refused = await dojo("PushImage", { repositoryName: "web", imageTag: "release-3" });
    expect(refused).toEqual({
      status: 400,
      json: {
        __type: "ImageTagAlreadyExistsException",
        message: "The image tag 'release-3' already exists in the 'web' repository and cannot be overwritten because the repository is immutable.",
      },
    });
    expect((await ecr(["list-images", "--repository-name", "web"])).json.imageIds).toEqual(before);
    await ecr(["put-image-tag-mutability", "--repository-name", "web", "--image-tag-mutability", "MUTABLE"]);
  });

  test("batch-get-image and batch-delete-image answer failures for what is not there", async () => {
    const got = await ecr(["batch-get-image", "--repository-name", "web", "--image-ids", "imageTag=release-2", "imageTag=nope"]);
    expect(got.code).toBe(0);
    expect(got.json.images.map((i: { imageId: object }) => i.imageId)).toEqual([{ imageDigest: digests["release-2"], imageTag: "release-2" }]);
    expect(JSON.parse(got.json.images[0].imageManifest).schemaVersion).toBe(2);
    expect(got.json.failures).toEqual([{ imageId: { imageTag: "nope" }, failureCode: "ImageNotFound", failureReason: "Requested image not found" }]);

    const deleted = await ecr(["batch-delete-image", "--repository-name", "web", "--image-ids", "imageTag=release-1", `imageDigest=${digests.old1}`, "imageTag=nope"]);
    expect(deleted.code).toBe(0);
    expect(deleted.json).toEqual({
      imageIds: [{ imageDigest: digests["release-1"], imageTag: "release-1" }, { imageDigest: digests.old1 }],
      failures: [{ imageId: { imageTag: "nope" }, failureCode: "ImageNotFound", failureReason: "Requested image not found" }],
    });
    expect((await ecr(["list-images", "--repository-name", "web"])).json.imageIds).toHaveLength(4);
  });

  test("scanning: start-image-scan, then the findings once the simulated scan completes", async () => {
    const started = await ecr(["start-image-scan", "--repository-name", "web", "--image-id", "imageTag=release-3"]);
    expect(started.json).toEqual({
      registryId: alice.accountId,
      repositoryName: "web",
      imageId: { imageDigest: digests["release-3"], imageTag: "release-3" },
      imageScanStatus: { status: "IN_PROGRESS" },
    });
    await dojo("AdvanceClock", { seconds: 30 });
    const findings = await ecr(["describe-image-scan-findings", "--repository-name", "web", "--image-id", "imageTag=release-3"]);
    expect(findings.json.imageScanStatus).toEqual({ status: "COMPLETE", description: "The scan was completed successfully." });
    expect(findings.json.imageScanFindings.findings.map((f: { name: string }) => f.name)).toEqual(["CVE-2023-44487", "CVE-2023-4911", "CVE-2023-50495", "CVE-2011-3374"]);
    expect(findings.json.imageScanFindings.findingSeverityCounts).toEqual({ HIGH: 2, MEDIUM: 1, LOW: 1 });
  });

  test("a second learner sees none of it, and cannot touch it", async () => {
    expect((await ecr(["describe-repositories"], bob)).json.repositories).toEqual([]);
    expectAwsError(
      await ecr(["describe-images", "--repository-name", "web"], bob),
      "DescribeImages",
      "RepositoryNotFoundException",
      `The repository with name 'web' does not exist in the registry with id '${bob.accountId}'`,
    );
    expect((await dojo("PushImage", { repositoryName: "web", imageTag: "x" }, bob)).json.__type).toBe("RepositoryNotFoundException");
    // Bob's own repository of the same name is another repository.
    expect((await ecr(["create-repository", "--repository-name", "web"], bob)).code).toBe(0);
    expect((await ecr(["list-images", "--repository-name", "web"], bob)).json.imageIds).toEqual([]);
    expect((await ecr(["list-images", "--repository-name", "web"])).json.imageIds).toHaveLength(4);
  });

  test("delete-repository: refused while images remain, done with --force; then it is gone", async () => {
    expectAwsError(
      await ecr(["delete-repository", "--repository-name", "web"]),
      "DeleteRepository",
      "RepositoryNotEmptyException",
      `The repository with name 'web' in registry with id '${alice.accountId}' cannot be deleted because it still contains images`,
    );
    expect((await ecr(["describe-repositories", "--repository-names", "web"])).json.repositories).toHaveLength(1);
    const deleted = await ecr(["delete-repository", "--repository-name", "web", "--force"]);
    expect(deleted.code).toBe(0);
    expect(deleted.json.repository.repositoryName).toBe("web");
    expectAwsError(
      await ecr(["describe-repositories", "--repository-names", "web"]),
      "DescribeRepositories",
      "RepositoryNotFoundException",
      `The repository with name 'web' does not exist in the registry with id '${alice.accountId}'`,
    );
    expectAwsError(
      await ecr(["delete-repository", "--repository-name", "web"]),
      "DeleteRepository",
      "RepositoryNotFoundException",
      `The repository with name 'web' does not exist in the registry with id '${alice.accountId}'`,
    );
    expect((await ecr(["list-images", "--repository-name", "web"], bob)).code).toBe(0);
  });

  test("a scenario's ecr member seeds a repository with dated images", async () => {
    const applied = await dojo("ApplyScenario", {
      ecr: { repositories: [{ name: "shop/api", images: [{ tag: "v1", pushedDaysAgo: 30 }, { pushedDaysAgo: 1 }] }] },
    });
    expect(applied.status).toBe(200);
    const images = (await ecr(["describe-images", "--repository-name", "shop/api"])).json.imageDetails;
    expect(images.map((d: { imageTags?: string[] }) => d.imageTags ?? null)).toEqual([["v1"], null]);
  });
});

describe("put-image: the retag idiom", () => {
  test("a manifest from batch-get-image under a new tag points that tag at the same image; an immutable tag and an unknown manifest are refused", async () => {
    await ecr(["create-repository", "--repository-name", "retag"]);
    const digest = await push("retag", "1.0");
    const manifest = (await ecr(["batch-get-image", "--repository-name", "retag", "--image-ids", "imageTag=1.0"])).json.images[0].imageManifest;
    const put = await ecr(["put-image", "--repository-name", "retag", "--image-tag", "prod", "--image-manifest", manifest]);
    expect(put.code).toBe(0);
    expect(put.json.image.imageId).toEqual({ imageDigest: digest, imageTag: "prod" });
    const described = await ecr(["describe-images", "--repository-name", "retag"]);
    expect(described.json.imageDetails.map((d: { imageTags: string[] }) => d.imageTags)).toEqual([["1.0", "prod"]]);
    expectAwsError(
      await ecr(["put-image", "--repository-name", "retag", "--image-tag", "prod", "--image-manifest", manifest]),
      "PutImage",
      "ImageAlreadyExistsException",
      `Image with digest '${digest}' and tag 'prod' already exists in the repository with name 'retag' in registry with id '${alice.accountId}'`,
    );
    await ecr(["put-image-tag-mutability", "--repository-name", "retag", "--image-tag-mutability", "IMMUTABLE"]);
    await push("retag", "2.0");
    expectAwsError(
      await ecr(["put-image", "--repository-name", "retag", "--image-tag", "2.0", "--image-manifest", manifest]),
      "PutImage",
      "ImageTagAlreadyExistsException",
      "The image tag '2.0' already exists in the 'retag' repository and cannot be overwritten because the repository is immutable.",
    );
    const unknown = await ecr(["put-image", "--repository-name", "retag", "--image-tag", "x", "--image-manifest", '{"schemaVersion":2}']);
    expect(unknown.code).toBe(255);
    expect(unknown.stderr).toContain("An error occurred (LayersNotFoundException) when calling the PutImage operation");
  });
});
