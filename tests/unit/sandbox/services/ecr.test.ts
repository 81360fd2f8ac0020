/**
 * Amazon ECR's sandbox provider, driven through its operations (as the gateway runs them) and, for the wire, through
 * handleAwsRequest: lifecycle policy evaluation (AWS's documented examples and the simulated clock), deterministic
 * digests, tag immutability, pagination, AWS's error texts, scanning, scenarios and findImage.
 */
import { createHash } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, test } from "vitest";
import { createSandboxState, EcsError, handleSandboxOperation, NEW_ACCOUNT, type SandboxState } from "@/lib/sandbox/engine";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { AWS_MODELS } from "@/lib/aws-models";
import { handleAwsRequest, type GatewayDeps } from "@/lib/sandbox/gateway";
import { MemorySandboxStore } from "@/lib/sandbox/memory-store";
import { ecrProvider, findImage, parseEcrImageUri } from "@/lib/sandbox/services/ecr";
import { evaluateLifecyclePolicy, readLifecyclePolicy, type LifecycleImage } from "@/lib/sandbox/services/ecr/lifecycle-policy";
import { ECR_SANDBOX_LIMITS } from "@/lib/sandbox/services/ecr/quotas";
import { jacksonPretty } from "@/lib/sandbox/services/ecr/repository-policy";
import { sha256Hex } from "@/lib/sandbox/services/ecr/sha256";
import { NodeSha256 } from "../support/sign";

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** One learner's sandbox, ECR calls at explicit simulated seconds after T0. */
class Ecr {
  state: SandboxState;
  now = 0;

  constructor(seed?: string) {
    this.state = createSandboxState(ACCOUNT, REGION, seed);
    this.state.clock = { simMs: T0, wallMs: T0 };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(operation: string, input: object = {}, atSeconds = this.now): any {
    this.now = atSeconds;
    const handler = ecrProvider.operations[operation];
    if (!handler) throw new Error(`no ${operation}`);
    const { state, output } = runOperation(this.state, handler, input, T0 + atSeconds * 1000, NEW_ACCOUNT);
    if (!handler.readOnly) this.state = state;
    return output;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  push(repositoryName: string, imageTag?: string, extra: object = {}, atSeconds = this.now): any {
    this.now = atSeconds;
    const { state, output } = handleSandboxOperation(this.state, "PushImage", { repositoryName, imageTag, ...extra }, T0 + atSeconds * 1000, NEW_ACCOUNT);
    this.state = state;
    return output;
  }

  sandbox(operation: string, input: object): object {
    const { state, output } = handleSandboxOperation(this.state, operation, input, T0 + this.now * 1000, NEW_ACCOUNT);
    this.state = state;
    return output;
  }

  error(run: () => unknown): EcsError {
    const before = this.state;
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(EcsError);
      // A refused call changes nothing.
      expect(this.state).toBe(before);
      return error as EcsError;
    }
    throw new Error("the call succeeded but an error was expected");
  }

  digestOf(repositoryName: string, tag: string): string {
    return this.call("DescribeImages", { repositoryName, imageIds: [{ imageTag: tag }] }).imageDetails[0].imageDigest;
  }
}

const policy = (...rules: object[]) =>
  JSON.stringify({ rules: rules.map((rule, i) => ({ rulePriority: i + 1, action: { type: "expire" }, ...rule })) }, null, 2);

const rule = (selection: object, extra: object = {}) => ({ selection, ...extra });

function previewOf(ecr: Ecr, repositoryName: string, text: string, atSeconds = ecr.now) {
  ecr.call("StartLifecyclePolicyPreview", { repositoryName, lifecyclePolicyText: text }, atSeconds);
  const preview = ecr.call("GetLifecyclePolicyPreview", { repositoryName });
  expect(preview.status).toBe("COMPLETE");
  expect(preview.summary).toEqual({ expiringImageTotalCount: preview.previewResults.length });
  return preview.previewResults as { imageTags?: string[]; imageDigest: string; appliedRulePriority: number; action: object }[];
}

const tagsOf = (results: { imageTags?: string[]; imageDigest: string }[]) => results.map((r) => (r.imageTags ?? []).join("+") || "<untagged>");

describe("SHA-256 and deterministic digests", () => {
  test("sha256Hex agrees with node:crypto (empty, one block, many blocks, UTF-8)", () => {
    for (const text of ["", "abc", "a".repeat(55), "a".repeat(56), "x".repeat(1000), "日本語のタグ"]) {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
    }
  });

  test("a digest is the SHA-256 of the manifest BatchGetImage returns; two sandboxes pushing alike get the same digests", () => {
    const run = () => {
      const ecr = new Ecr();
      ecr.call("CreateRepository", { repositoryName: "web" });
      ecr.push("web", "1.0");
      ecr.push("web", "2.0", {}, 60);
      return ecr;
    };
    const [a, b] = [run(), run()];
    expect(a.digestOf("web", "1.0")).toMatch(DIGEST);
    expect(a.digestOf("web", "1.0")).toBe(b.digestOf("web", "1.0"));
    expect(a.digestOf("web", "2.0")).toBe(b.digestOf("web", "2.0"));
    expect(a.digestOf("web", "1.0")).not.toBe(a.digestOf("web", "2.0"));

    const got = a.call("BatchGetImage", { repositoryName: "web", imageIds: [{ imageTag: "1.0" }] });
    const [image] = got.images;
    expect(image.imageId).toEqual({ imageDigest: a.digestOf("web", "1.0"), imageTag: "1.0" });
    expect(`sha256:${createHash("sha256").update(image.imageManifest).digest("hex")}`).toBe(image.imageId.imageDigest);
    expect(JSON.parse(image.imageManifest)).toMatchObject({ schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.v2+json" });
    expect(image.imageManifestMediaType).toBe("application/vnd.docker.distribution.manifest.v2+json");
  });

  test("the same build is the same image: a second tag lands on it; a push without build is a fresh image", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    const first = ecr.push("web", "1.0", { build: "web-v1" }).image.imageId.imageDigest;
    const second = ecr.push("web", "stable", { build: "web-v1" }).image.imageId.imageDigest;
    expect(second).toBe(first);
    expect(ecr.call("DescribeImages", { repositoryName: "web" }).imageDetails.map((d: { imageTags: string[] }) => d.imageTags)).toEqual([["1.0", "stable"]]);
    const fresh = ecr.push("web", "1.1").image.imageId.imageDigest;
    const again = ecr.push("web", "1.2").image.imageId.imageDigest;
    expect(new Set([first, fresh, again]).size).toBe(3);
  });
});

describe("tag mutability", () => {
  test("MUTABLE: a push moves the tag; the older image stays, untagged", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    const old = ecr.push("web", "latest").image.imageId.imageDigest;
    const young = ecr.push("web", "latest", {}, 30).image.imageId.imageDigest;
    expect(ecr.call("ListImages", { repositoryName: "web" }).imageIds).toEqual([{ imageDigest: old }, { imageDigest: young, imageTag: "latest" }]);
    expect(ecr.call("ListImages", { repositoryName: "web", filter: { tagStatus: "UNTAGGED" } }).imageIds).toEqual([{ imageDigest: old }]);
  });

  test("IMMUTABLE: pushing an existing tag fails with AWS's text and changes nothing; a new tag is fine", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web", imageTagMutability: "IMMUTABLE" });
    ecr.push("web", "release-25");
    const error = ecr.error(() => ecr.push("web", "release-25"));
    expect(error.type).toBe("ImageTagAlreadyExistsException");
    expect(error.message).toBe("The image tag 'release-25' already exists in the 'web' repository and cannot be overwritten because the repository is immutable.");
    ecr.push("web", "release-26");
    expect(ecr.call("ListImages", { repositoryName: "web" }).imageIds.map((i: { imageTag: string }) => i.imageTag)).toEqual(["release-25", "release-26"]);
  });

  test("the same manifest and tag again is ImageAlreadyExistsException, whatever the mutability", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    const digest = ecr.push("web", "1.0", { build: "b" }).image.imageId.imageDigest;
    const error = ecr.error(() => ecr.push("web", "1.0", { build: "b" }));
    expect(error.type).toBe("ImageAlreadyExistsException");
    expect(error.message).toBe(`Image with digest '${digest}' and tag '1.0' already exists in the repository with name 'web' in registry with id '${ACCOUNT}'`);
  });

  test("PutImageTagMutability switches it; exclusion filters turn matching tags the other way", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    ecr.push("web", "latest");
    ecr.push("web", "v1");
    expect(
      ecr.call("PutImageTagMutability", {
        repositoryName: "web",
        imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
        imageTagMutabilityExclusionFilters: [{ filterType: "WILDCARD", filter: "lat*" }],
      }),
    ).toEqual({
      registryId: ACCOUNT,
      repositoryName: "web",
      imageTagMutability: "IMMUTABLE_WITH_EXCLUSION",
      imageTagMutabilityExclusionFilters: [{ filterType: "WILDCARD", filter: "lat*" }],
    });
    ecr.push("web", "latest");
    expect(ecr.error(() => ecr.push("web", "v1")).type).toBe("ImageTagAlreadyExistsException");
    const missing = ecr.error(() => ecr.call("PutImageTagMutability", { repositoryName: "web", imageTagMutability: "MUTABLE_WITH_EXCLUSION" }));
    expect(missing.message).toBe(
      "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'ImageTagMutabilityExclusionFilters can't be null when imageTagMutability is set as MUTABLE_WITH_EXCLUSION'",
    );
  });
});

describe("lifecycle policy evaluation", () => {
  const NOW = T0 + 100 * DAY * 1000;
  const img = (name: string, tags: string[], daysAgo: number): LifecycleImage => ({ imageDigest: name, imageTags: tags, pushedAtMs: NOW - daysAgo * DAY * 1000 });
  const expire = (text: string, images: LifecycleImage[]) =>
    evaluateLifecyclePolicy(readLifecyclePolicy(text).rules, images, NOW).map((r) => `${r.image.imageDigest}@${r.appliedRulePriority}`);

  test("1. untagged, imageCountMoreThan: keeps the youngest N untagged images, never a tagged one", () => {
    const images = [img("A", [], 5), img("B", ["v1"], 4), img("C", [], 3), img("D", [], 2)];
    expect(expire(policy(rule({ tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 1 })), images)).toEqual(["A@1", "C@1"]);
  });

  test("2. sinceImagePushed: only images pushed more than N days ago", () => {
    const images = [img("A", [], 15), img("B", [], 14), img("C", [], 13.9)];
    expect(expire(policy(rule({ tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 })), images)).toEqual(["A@1"]);
  });

  test("3. AWS's multiple-rules Example A: an image the prod rule matched is not expired by the beta rule", () => {
    const images = [img("A", ["beta-1", "prod-1"], 10), img("B", ["beta-2", "prod-2"], 9), img("C", ["beta-3"], 8)];
    const text = policy(
      rule({ tagStatus: "tagged", tagPrefixList: ["prod"], countType: "imageCountMoreThan", countNumber: 1 }),
      rule({ tagStatus: "tagged", tagPrefixList: ["beta"], countType: "imageCountMoreThan", countNumber: 1 }),
    );
    expect(expire(text, images)).toEqual(["A@1"]);
  });

  test("4. AWS's multiple-rules Example B: priorities swapped, images A and B expire by the beta rule", () => {
    const images = [img("A", ["beta-1", "prod-1"], 10), img("B", ["beta-2", "prod-2"], 9), img("C", ["beta-3"], 8)];
    const text = policy(
      rule({ tagStatus: "tagged", tagPrefixList: ["beta"], countType: "imageCountMoreThan", countNumber: 1 }),
      rule({ tagStatus: "tagged", tagPrefixList: ["prod"], countType: "imageCountMoreThan", countNumber: 1 }),
    );
    expect(expire(text, images)).toEqual(["A@1", "B@1"]);
  });

  test("5. AWS's multiple-tags Example A: every prefix must match a tag; older than five days", () => {
    const images = [
      img("A", ["alpha-1"], 12),
      img("B", ["beta-1"], 11),
      img("C", ["alpha-2", "beta-2"], 10),
      img("D", ["alpha-3"], 4),
      img("E", ["beta-3"], 3),
      img("F", ["alpha-4", "beta-4"], 2),
    ];
    const text = policy(rule({ tagStatus: "tagged", tagPrefixList: ["alpha", "beta"], countType: "sinceImagePushed", countUnit: "days", countNumber: 5 }));
    expect(expire(text, images)).toEqual(["C@1"]);
  });

  test("6. AWS's multiple-tags Example B: tags are not exclusive; keep one of the images carrying alpha and beta", () => {
    const images = [img("A", ["alpha-1", "beta-1", "gamma-1"], 10), img("B", ["alpha-2", "beta-2"], 9), img("C", ["alpha-3", "beta-3", "gamma-2"], 8)];
    const text = policy(rule({ tagStatus: "tagged", tagPrefixList: ["alpha", "beta"], countType: "imageCountMoreThan", countNumber: 1 }));
    expect(expire(text, images)).toEqual(["A@1", "B@1"]);
  });

  test("7. tagPatternList wildcards match whole tags; a prefix list would match more", () => {
    const images = [img("A", ["release-1"], 9), img("B", ["release-1-rc"], 8), img("C", ["prerelease-2"], 7), img("D", ["release-2"], 6)];
    const byPattern = policy(rule({ tagStatus: "tagged", tagPatternList: ["release-*"], countType: "imageCountMoreThan", countNumber: 1 }));
    expect(expire(byPattern, images)).toEqual(["A@1", "B@1"]);
    const byMiddle = policy(rule({ tagStatus: "tagged", tagPatternList: ["*release-*-rc"], countType: "sinceImagePushed", countUnit: "days", countNumber: 1 }));
    expect(expire(byMiddle, images)).toEqual(["B@1"]);
  });

  test("8. an `any` rule last counts every image but expires none a higher-priority rule matched", () => {
    const images = [img("R1", ["release-1"], 10), img("R2", ["release-2"], 9), img("D1", ["dev-1"], 8), img("U1", [], 7), img("D2", ["dev-2"], 6)];
    const text = policy(
      rule({ tagStatus: "tagged", tagPatternList: ["release-*"], countType: "imageCountMoreThan", countNumber: 5 }),
      rule({ tagStatus: "any", countType: "imageCountMoreThan", countNumber: 2 }),
    );
    // The any rule keeps D2 and U1 (the two youngest) and would expire D1, R2, R1; the release rule protects R1, R2.
    expect(expire(text, images)).toEqual(["D1@2"]);
  });

  test("9. one image, one rule: the first rule (by priority, not by position in the file) that expires it is named", () => {
    const images = [img("A", ["dev-1"], 30), img("B", ["dev-2"], 20), img("C", [], 40)];
    const text = JSON.stringify({
      rules: [
        { rulePriority: 20, selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } },
        { rulePriority: 5, selection: { tagStatus: "tagged", tagPrefixList: ["dev"], countType: "sinceImagePushed", countUnit: "days", countNumber: 25 }, action: { type: "expire" } },
      ],
    });
    expect(expire(text, images)).toEqual(["C@20", "A@5"]);
  });

  test("10. ties in push time: the later push counts as the younger image", () => {
    const images = [img("A", [], 1), img("B", [], 1), img("C", [], 1)];
    expect(expire(policy(rule({ tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 2 })), images)).toEqual(["A@1"]);
  });

  test("sinceImagePushed on the simulated clock: previews taken days apart expire more images", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    ecr.push("web", undefined, {}, 0);
    ecr.push("web", undefined, {}, 3 * DAY);
    ecr.push("web", "v1", {}, 4 * DAY);
    const text = policy(rule({ tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }));
    expect(previewOf(ecr, "web", text, 7 * DAY)).toEqual([]);
    expect(previewOf(ecr, "web", text, 7 * DAY + 1)).toHaveLength(1);
    const later = previewOf(ecr, "web", text, 11 * DAY);
    expect(later).toHaveLength(2);
    expect(later[0]).toMatchObject({ imagePushedAt: T0 / 1000, action: { type: "EXPIRE" }, appliedRulePriority: 1 });
    // A preview is a snapshot: the images stay (the sandbox never applies the policy by itself).
    expect(ecr.call("ListImages", { repositoryName: "web" }).imageIds).toHaveLength(3);
  });

  test("L202: 25 images from a scenario; keep the last 10 release- images and expire untagged after 7 days", () => {
    const ecr = new Ecr();
    const images = [
      ...Array.from({ length: 12 }, (_, i) => ({ tag: `release-${i + 1}`, pushedDaysAgo: 60 - i * 4 })),
      ...Array.from({ length: 8 }, (_, i) => ({ tag: `dev-${i + 1}`, pushedDaysAgo: 20 - i * 2 })),
      ...Array.from({ length: 5 }, (_, i) => ({ pushedDaysAgo: 10 - i * 2 })),
    ];
    ecr.sandbox("ApplyScenario", { ecr: { repositories: [{ name: "web", images }] } });
    expect(ecr.call("DescribeImages", { repositoryName: "web", maxResults: 1000 }).imageDetails).toHaveLength(25);
    const text = policy(
      rule({ tagStatus: "tagged", tagPatternList: ["release-*"], countType: "imageCountMoreThan", countNumber: 10 }),
      rule({ tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }),
    );
    // Untagged images were pushed 10, 8, 6, 4 and 2 days ago: two are older than 7 days.
    expect(tagsOf(previewOf(ecr, "web", text))).toEqual(["release-1", "release-2", "<untagged>", "<untagged>"]);
    const tagged = ecr.call("GetLifecyclePolicyPreview", { repositoryName: "web", filter: { tagStatus: "TAGGED" } });
    expect(tagsOf(tagged.previewResults)).toEqual(["release-1", "release-2"]);
    expect(tagged.summary).toEqual({ expiringImageTotalCount: 2 });
  });

  test("the policy's own checks, with AWS's texts", () => {
    const bad = (text: string) => {
      try {
        readLifecyclePolicy(text);
      } catch (error) {
        const frame = /^Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: (.*)'$/s;
        return frame.exec((error as EcsError).message)?.[1];
      }
      throw new Error("accepted");
    };
    const tagged = rule({ tagStatus: "tagged", countType: "imageCountMoreThan", countNumber: 10 });
    expect(bad(policy(tagged))).toBe("Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.");
    const untagged = rule({ tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 1 });
    expect(bad(policy(untagged, untagged))).toBe("Only one rule can select Untagged images per storage class.");
    const any = rule({ tagStatus: "any", countType: "imageCountMoreThan", countNumber: 1 });
    expect(bad(policy(any, untagged))).toBe("Rule for tagStatus=ANY must have the lowest priority per storage class.");
    const unit = rule({ tagStatus: "untagged", countType: "imageCountMoreThan", countUnit: "days", countNumber: 1 });
    expect(bad(policy(unit))).toBe("instance failed to match exactly one schema (matched 0 out of 2)");
    expect(bad(policy(rule({ tagStatus: "untagged", countType: "imageCountMoreThan", countNumber: 0 })))).toBe(
      "numeric instance is lower than the required minimum (minimum: 1, found: 0)",
    );
    expect(bad(`${"{".repeat(1)} "rules": [ ${" ".repeat(100)}`)).toBe("Could not map policyString into LifecyclePolicy.");
    expect(bad(JSON.stringify({ rules: [{ rulePriority: 1, description: "x".repeat(80), selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 1 } }] }))).toBe(
      'object has missing required properties (["action"])',
    );
    const twice = JSON.stringify({ rules: [{ ...untagged, rulePriority: 3, action: { type: "expire" } }, { ...any, rulePriority: 3, action: { type: "expire" } }] });
    expect(bad(twice)).toBe("Rule priorities must be unique; 3 is used more than once.");
  });
});

describe("repositories", () => {
  test("CreateRepository answers AWS's defaults; the name and the registry appear in every text", () => {
    const ecr = new Ecr();
    expect(ecr.call("CreateRepository", { repositoryName: "team/web", tags: [{ Key: "team", Value: "a" }] }).repository).toEqual({
      repositoryArn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/team/web`,
      registryId: ACCOUNT,
      repositoryName: "team/web",
      repositoryUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/team/web`,
      createdAt: T0 / 1000,
      imageTagMutability: "MUTABLE",
      imageScanningConfiguration: { scanOnPush: false },
      encryptionConfiguration: { encryptionType: "AES256" },
    });
    expect(ecr.error(() => ecr.call("CreateRepository", { repositoryName: "team/web" })).message).toBe(
      `The repository with name 'team/web' already exists in the registry with id '${ACCOUNT}'`,
    );
    expect(ecr.error(() => ecr.call("CreateRepository", { repositoryName: "Web" })).message).toBe(
      "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*''",
    );
    const kms = ecr.call("CreateRepository", { repositoryName: "secure", encryptionConfiguration: { encryptionType: "KMS" } }).repository;
    expect(kms.encryptionConfiguration.kmsKey).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`));
    const missing = ecr.error(() => ecr.call("DescribeRepositories", { repositoryNames: ["team/web", "nope"] }));
    expect([missing.type, missing.message]).toEqual(["RepositoryNotFoundException", `The repository with name 'nope' does not exist in the registry with id '${ACCOUNT}'`]);
    const other = ecr.error(() => ecr.call("DescribeImages", { repositoryName: "team/web", registryId: "999999999999" }));
    expect(other.message).toBe("The repository with name 'team/web' does not exist in the registry with id '999999999999'");
  });

  test("DescribeRepositories pages with maxResults and nextToken", () => {
    const ecr = new Ecr();
    for (const name of ["a1", "b2", "c3", "d4", "e5"]) ecr.call("CreateRepository", { repositoryName: name });
    const first = ecr.call("DescribeRepositories", { maxResults: 2 });
    expect(first.repositories.map((r: { repositoryName: string }) => r.repositoryName)).toEqual(["a1", "b2"]);
    const second = ecr.call("DescribeRepositories", { maxResults: 2, nextToken: first.nextToken });
    const third = ecr.call("DescribeRepositories", { maxResults: 2, nextToken: second.nextToken });
    expect([...second.repositories, ...third.repositories].map((r: { repositoryName: string }) => r.repositoryName)).toEqual(["c3", "d4", "e5"]);
    expect(third.nextToken).toBeUndefined();
    expect(ecr.error(() => ecr.call("DescribeRepositories", { maxResults: 1001 })).message).toBe(
      "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value less than or equal to 1000'",
    );
    expect(ecr.error(() => ecr.call("DescribeRepositories", { nextToken: "bogus" })).type).toBe("InvalidParameterException");
  });

  test("DeleteRepository refuses a repository with images unless forced, then forgets its images", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    ecr.push("web", "1.0");
    const error = ecr.error(() => ecr.call("DeleteRepository", { repositoryName: "web" }));
    expect([error.type, error.message]).toEqual([
      "RepositoryNotEmptyException",
      `The repository with name 'web' in registry with id '${ACCOUNT}' cannot be deleted because it still contains images`,
    ]);
    expect(ecr.call("DeleteRepository", { repositoryName: "web", force: true }).repository.repositoryName).toBe("web");
    expect(ecr.state.ecrImages).toEqual({});
    ecr.call("CreateRepository", { repositoryName: "web" });
    expect(ecr.call("ListImages", { repositoryName: "web" }).imageIds).toEqual([]);
  });

  test("tags by repository ARN; scanning configuration; policies reformatted as AWS answers them", () => {
    const ecr = new Ecr();
    const arn = ecr.call("CreateRepository", { repositoryName: "web" }).repository.repositoryArn;
    ecr.call("TagResource", { resourceArn: arn, tags: [{ Key: "env", Value: "dev" }, { Key: "team", Value: "a" }] });
    ecr.call("TagResource", { resourceArn: arn, tags: [{ Key: "env", Value: "prod" }] });
    ecr.call("UntagResource", { resourceArn: arn, tagKeys: ["team"] });
    expect(ecr.call("ListTagsForResource", { resourceArn: arn })).toEqual({ tags: [{ Key: "env", Value: "prod" }] });
    expect(ecr.error(() => ecr.call("ListTagsForResource", { resourceArn: "web" })).message).toBe("Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'");
    expect(ecr.error(() => ecr.call("TagResource", { resourceArn: arn, tags: [{ Key: "aws:x", Value: "1" }] })).type).toBe("InvalidTagParameterException");
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    expect(ecr.error(() => ecr.call("TagResource", { resourceArn: arn, tags: many })).type).toBe("TooManyTagsException");

    expect(ecr.call("PutImageScanningConfiguration", { repositoryName: "web", imageScanningConfiguration: { scanOnPush: true } })).toEqual({
      registryId: ACCOUNT,
      repositoryName: "web",
      imageScanningConfiguration: { scanOnPush: true },
    });

    const text = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "pull", Effect: "Allow", Principal: { AWS: "*" }, Action: ["ecr:BatchGetImage"] }] });
    const pretty = '{\n  "Version" : "2012-10-17",\n  "Statement" : [ {\n    "Sid" : "pull",\n    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "*"\n    },\n    "Action" : [ "ecr:BatchGetImage" ]\n  } ]\n}';
    expect(ecr.call("SetRepositoryPolicy", { repositoryName: "web", policyText: text }).policyText).toBe(pretty);
    expect(ecr.call("GetRepositoryPolicy", { repositoryName: "web" }).policyText).toBe(pretty);
    expect(ecr.call("DeleteRepositoryPolicy", { repositoryName: "web" }).policyText).toBe(pretty);
    expect(ecr.error(() => ecr.call("GetRepositoryPolicy", { repositoryName: "web" })).message).toBe(
      `Repository policy does not exist for the repository with name 'web' in the registry with id '${ACCOUNT}'`,
    );
    expect(ecr.error(() => ecr.call("SetRepositoryPolicy", { repositoryName: "web", policyText: "{not json" })).message).toBe(
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'",
    );
    expect(jacksonPretty({ a: [], b: {}, c: [1, "x"] })).toBe('{\n  "a" : [ ],\n  "b" : { },\n  "c" : [ 1, "x" ]\n}');
  });

  test("a sandbox holds at most ECR_SANDBOX_LIMITS.repositories repositories, saying whose limit it is", () => {
    const ecr = new Ecr();
    for (let i = 0; i < ECR_SANDBOX_LIMITS.repositories; i++) ecr.call("CreateRepository", { repositoryName: `r${i}` });
    const error = ecr.error(() => ecr.call("CreateRepository", { repositoryName: "one-more" }));
    expect([error.type, error.message]).toEqual([
      "LimitExceededException",
      `This ECS Dojo sandbox holds at most ${ECR_SANDBOX_LIMITS.repositories} ECR repositories. This is a limit of the sandbox, not of Amazon ECR.`,
    ]);
  });
});

describe("images", () => {
  function withImages() {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    ecr.push("web", "1.0", {}, 0);
    ecr.push("web", "2.0", {}, 10);
    ecr.push("web", "stable", { build: "v3" }, 20);
    ecr.push("web", "3.0", { build: "v3" }, 30);
    ecr.push("web", undefined, {}, 40);
    return ecr;
  }

  test("DescribeImages: details, tagStatus filter, imageIds (ImageNotFoundException text), pages", () => {
    const ecr = withImages();
    const all = ecr.call("DescribeImages", { repositoryName: "web" }).imageDetails;
    expect(all.map((d: { imageTags?: string[] }) => d.imageTags)).toEqual([["1.0"], ["2.0"], ["stable", "3.0"], undefined]);
    expect(all[0]).toMatchObject({ registryId: ACCOUNT, repositoryName: "web", imagePushedAt: T0 / 1000, artifactMediaType: "application/vnd.docker.container.image.v1+json" });
    expect(all[0].imageSizeInBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(ecr.call("DescribeImages", { repositoryName: "web", filter: { tagStatus: "UNTAGGED" } }).imageDetails).toHaveLength(1);
    const page = ecr.call("DescribeImages", { repositoryName: "web", maxResults: 3 });
    expect(page.imageDetails).toHaveLength(3);
    expect(ecr.call("DescribeImages", { repositoryName: "web", nextToken: page.nextToken }).imageDetails).toHaveLength(1);
    const missing = ecr.error(() => ecr.call("DescribeImages", { repositoryName: "web", imageIds: [{ imageTag: "latest" }] }));
    expect([missing.type, missing.message]).toEqual([
      "ImageNotFoundException",
      `The image with imageId {imageDigest:'null', imageTag:'latest'} does not exist within the repository with name 'web' in the registry with id '${ACCOUNT}'`,
    ]);
  });

  test("ListImages lists one id per tag and one per untagged image, filtered and paged", () => {
    const ecr = withImages();
    const ids = ecr.call("ListImages", { repositoryName: "web" }).imageIds;
    expect(ids.map((i: { imageTag?: string }) => i.imageTag ?? "-")).toEqual(["1.0", "2.0", "stable", "3.0", "-"]);
    expect(ecr.call("ListImages", { repositoryName: "web", filter: { tagStatus: "TAGGED" }, maxResults: 2 }).imageIds).toHaveLength(2);
  });

  test("BatchGetImage answers the found images and a failure per missing or malformed id", () => {
    const ecr = withImages();
    const got = ecr.call("BatchGetImage", {
      repositoryName: "web",
      imageIds: [{ imageTag: "2.0" }, { imageTag: "9.9" }, { imageDigest: "nonsense" }, {}],
    });
    expect(got.images.map((i: { imageId: object }) => i.imageId)).toEqual([{ imageDigest: ecr.digestOf("web", "2.0"), imageTag: "2.0" }]);
    expect(got.failures).toEqual([
      { imageId: { imageTag: "9.9" }, failureCode: "ImageNotFound", failureReason: "Requested image not found" },
      {
        imageId: { imageDigest: "nonsense" },
        failureCode: "InvalidImageDigest",
        failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'",
      },
      { imageId: {}, failureCode: "MissingDigestAndTag", failureReason: "Invalid request parameters: both tag and digest cannot be null" },
    ]);
  });

  test("BatchDeleteImage: a tag of a multi-tag image removes the tag; a digest removes the image and all its tags", () => {
    const ecr = withImages();
    const v3 = ecr.digestOf("web", "3.0");
    expect(ecr.call("BatchDeleteImage", { repositoryName: "web", imageIds: [{ imageTag: "stable" }, { imageTag: "nope" }] })).toEqual({
      imageIds: [{ imageDigest: v3, imageTag: "stable" }],
      failures: [{ imageId: { imageTag: "nope" }, failureCode: "ImageNotFound", failureReason: "Requested image not found" }],
    });
    expect(ecr.call("DescribeImages", { repositoryName: "web", imageIds: [{ imageDigest: v3 }] }).imageDetails[0].imageTags).toEqual(["3.0"]);
    const one = ecr.digestOf("web", "1.0");
    expect(ecr.call("BatchDeleteImage", { repositoryName: "web", imageIds: [{ imageDigest: one }, { imageTag: "3.0" }] })).toEqual({
      imageIds: [
        { imageDigest: one, imageTag: "1.0" },
        { imageDigest: v3, imageTag: "3.0" },
      ],
      failures: [],
    });
    expect(ecr.call("ListImages", { repositoryName: "web" }).imageIds).toHaveLength(2);
  });

  test("findImage resolves a task's image URI by tag or digest, only in this sandbox's registry", () => {
    const ecr = withImages();
    const host = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
    const digest = ecr.digestOf("web", "2.0");
    expect(findImage(ecr.state, `${host}/web:2.0`)?.imageDigest).toBe(digest);
    expect(findImage(ecr.state, `${host}/web@${digest}`)?.imageTags).toEqual(["2.0"]);
    expect(findImage(ecr.state, `${host}/web:9.9`)).toBeUndefined();
    expect(findImage(ecr.state, `${host}/web`)).toBeUndefined();
    expect(findImage(ecr.state, `${host}/other:2.0`)).toBeUndefined();
    expect(findImage(ecr.state, `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:2.0`)).toBeUndefined();
    expect(findImage(ecr.state, `999999999999.dkr.ecr.${REGION}.amazonaws.com/web:2.0`)).toBeUndefined();
    expect(findImage(ecr.state, "public.ecr.aws/nginx/nginx:1.27")).toBeUndefined();
    ecr.push("web", "latest", { source: "sbx/web:1.0" });
    expect(findImage(ecr.state, `${host}/web`)?.source).toBe("sbx/web:1.0");
    expect(parseEcrImageUri(`${host}/team/web:v1@${digest}`)).toEqual({ registryId: ACCOUNT, region: REGION, repositoryName: "team/web", imageDigest: digest });
    expect(parseEcrImageUri("nginx:latest")).toBeUndefined();
  });

  test("PushImage's refusals: no repository, a tag Docker would not accept", () => {
    const ecr = new Ecr();
    const missing = ecr.error(() => ecr.push("web", "1.0"));
    expect([missing.type, missing.message]).toEqual(["RepositoryNotFoundException", `The repository with name 'web' does not exist in the registry with id '${ACCOUNT}'`]);
    ecr.call("CreateRepository", { repositoryName: "web" });
    expect(ecr.error(() => ecr.push("web", "-bad")).type).toBe("InvalidParameterException");
  });
});

describe("scanning and authorization", () => {
  test("a scan completes 10 simulated seconds later with the findings of the image's name; one scan a day", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "shop/dbclient" });
    ecr.push("shop/dbclient", "1.0");
    const id = { repositoryName: "shop/dbclient", imageId: { imageTag: "1.0" } };
    const before = ecr.error(() => ecr.call("DescribeImageScanFindings", id));
    expect(before.message).toBe(
      `Image scan does not exist for the image with '{imageDigest:'null', imageTag:'1.0'}' in the repository with name 'shop/dbclient' in the registry with id '${ACCOUNT}'`,
    );
    expect(ecr.call("StartImageScan", id, 100).imageScanStatus).toEqual({ status: "IN_PROGRESS" });
    expect(ecr.call("DescribeImageScanFindings", id, 105).imageScanStatus).toEqual({ status: "IN_PROGRESS" });
    const done = ecr.call("DescribeImageScanFindings", id, 110);
    expect(done.imageScanStatus).toEqual({ status: "COMPLETE", description: "The scan was completed successfully." });
    expect(done.imageScanFindings.findingSeverityCounts).toEqual({ CRITICAL: 1, HIGH: 1, LOW: 1 });
    expect(done.imageScanFindings.findings.map((f: { name: string }) => f.name)).toEqual(["CVE-2023-0464", "CVE-2023-38545", "CVE-2023-29383"]);
    expect(ecr.call("DescribeImageScanFindings", { ...id, maxResults: 2 }).nextToken).toBeDefined();
    expect(ecr.call("DescribeImages", { repositoryName: "shop/dbclient" }).imageDetails[0].imageScanFindingsSummary.findingSeverityCounts).toEqual({
      CRITICAL: 1,
      HIGH: 1,
      LOW: 1,
    });
    expect(ecr.error(() => ecr.call("StartImageScan", id, 100 + DAY - 1)).message).toBe("The scan quota per image has been exceeded. Wait and try again.");
    ecr.call("StartImageScan", id, 100 + DAY);
  });

  test("scan on push scans every pushed image", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web", imageScanningConfiguration: { scanOnPush: true } });
    ecr.push("web", "1.0");
    expect(ecr.call("DescribeImages", { repositoryName: "web" }, 60).imageDetails[0].imageScanStatus.status).toBe("COMPLETE");
  });

  test("GetAuthorizationToken: base64 of AWS:<password>, the registry URL, 12 hours; reads change nothing", () => {
    const ecr = new Ecr();
    const before = ecr.state;
    const { authorizationData } = ecr.call("GetAuthorizationToken", {}, 60);
    expect(ecr.state).toBe(before);
    expect(authorizationData).toHaveLength(1);
    const [data] = authorizationData;
    expect(data.proxyEndpoint).toBe(`https://${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`);
    expect(data.expiresAt).toBe(T0 / 1000 + 60 + 12 * 3600);
    expect(atob(data.authorizationToken)).toMatch(/^AWS:[A-Za-z0-9+/=]{100,}$/);
    expect(ecr.call("GetAuthorizationToken", {}, 60)).toEqual({ authorizationData });
  });
});

describe("scenarios", () => {
  const scenario = {
    ecr: {
      repositories: [{ name: "web", imageTagMutability: "IMMUTABLE", images: [{ tag: "release-1", pushedDaysAgo: 3, source: "sbx/web:1.0" }, { pushedDaysAgo: 1 }] }],
    },
  };

  test("ApplyScenario creates the repositories and images; applying again adds nothing; ResetScenario starts over", () => {
    const ecr = new Ecr();
    ecr.now = 100;
    ecr.sandbox("ApplyScenario", scenario);
    const details = ecr.call("DescribeImages", { repositoryName: "web" }).imageDetails;
    expect(details.map((d: { imagePushedAt: number; imageTags?: string[] }) => [d.imageTags, d.imagePushedAt])).toEqual([
      [["release-1"], T0 / 1000 + 100 - 3 * DAY],
      [undefined, T0 / 1000 + 100 - DAY],
    ]);
    expect(ecr.call("DescribeRepositories", {}).repositories[0].imageTagMutability).toBe("IMMUTABLE");
    ecr.sandbox("ApplyScenario", scenario);
    expect(ecr.call("ListImages", { repositoryName: "web" }).imageIds).toHaveLength(2);
    ecr.push("web", "release-2");
    ecr.sandbox("ResetScenario", scenario);
    expect(ecr.call("ListImages", { repositoryName: "web" }).imageIds).toHaveLength(2);
    expect(findImage(ecr.state, `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/web:release-1`)?.source).toBe("sbx/web:1.0");
  });

  test("an invalid ecr member is refused before anything is applied", () => {
    const ecr = new Ecr();
    const error = ecr.error(() => ecr.sandbox("ApplyScenario", { ecr: { repositories: [{ name: "Web" }] } }));
    expect(error.message).toBe("Scenario ecr.repositories[0].name must be an ECR repository name.");
    expect(ecr.error(() => ecr.sandbox("ApplyScenario", { ecr: { repositories: [{ name: "web", images: [{ pushedDaysAgo: -1 }] }] } })).message).toBe(
      "Scenario ecr.repositories[0].images[0].pushedDaysAgo must be a number of days from 0 to 3650.",
    );
  });
});

describe("over the wire (AWS JSON 1.1, signing name ecr)", () => {
  const learner = { accessKeyId: "AKIDECRTESTECRTEST01", secretAccessKey: "ecr-secret-ecr-secret-ecr-secret-ecr-se", accountId: "111111111111" };
  const deps: GatewayDeps = {
    store: new MemorySandboxStore(),
    credentials: { lookup: async (key) => (key === learner.accessKeyId ? learner : null) },
    now: () => T0,
    speed: 1,
    log: () => {},
  };

  async function call(operation: string, body: object) {
    const signer = new SignatureV4({ credentials: learner, region: REGION, service: "ecr", sha256: NodeSha256 });
    const text = JSON.stringify(body);
    const signed = await signer.sign(
      {
        method: "POST",
        protocol: "http:",
        hostname: "localhost",
        path: "/aws",
        headers: {
          host: "localhost",
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `AmazonEC2ContainerRegistry_V20150921.${operation}`,
        },
        body: text,
      },
      { signingDate: new Date(T0) },
    );
    const response = await handleAwsRequest({ method: "POST", path: "/aws", headers: signed.headers as Record<string, string>, body: text }, deps);
    return { status: response.status, json: JSON.parse(response.body) };
  }

  test("answers in JSON; errors as {__type, message} with the model's status", async () => {
    const created = await call("CreateRepository", { repositoryName: "web" });
    expect(created.status).toBe(200);
    expect(created.json.repository.repositoryUri).toBe(`111111111111.dkr.ecr.${REGION}.amazonaws.com/web`);
    expect(await call("DescribeRepositories", { repositoryNames: ["nope"] })).toEqual({
      status: 400,
      json: { __type: "RepositoryNotFoundException", message: "The repository with name 'nope' does not exist in the registry with id '111111111111'" },
    });
    expect((await call("ListImages", { repositoryName: 7 })).json.__type).toBe("SerializationException");
  });
});

describe("robustness", () => {
  test("every ECR operation of the generated model is answered, and nothing else", () => {
    expect(Object.keys(ecrProvider.operations).sort()).toEqual(Object.keys(AWS_MODELS.ecr.operations).sort());
  });

  test("2,000 calls with members of every wrong type and size: an AWS-shaped error or an answer, never a crash", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    ecr.push("web", "1.0");
    const values: unknown[] = [
      null,
      0,
      -1,
      1.5,
      2000,
      "",
      "web",
      "1.0",
      "x".repeat(400),
      true,
      [],
      [{}],
      [null],
      ["web"],
      {},
      { imageTag: "1.0" },
      [{ imageDigest: "sha256:zz" }, { imageTag: "1.0" }],
      { tagStatus: "TAGGED" },
      '{"rules": []}',
      "[".repeat(5000),
      policy(rule({ tagStatus: "any", countType: "imageCountMoreThan", countNumber: 1 })),
      `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/web`,
      [{ Key: "k", Value: "v" }],
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const operations = Object.keys(AWS_MODELS.ecr.operations);
    let answered = 0;
    for (let i = 0; i < 2000; i++) {
      const operation = operations[random(operations.length)];
      const shape = AWS_MODELS.ecr.shapes[AWS_MODELS.ecr.operations[operation].input!];
      const members = Object.keys(shape.members ?? {});
      const input: Record<string, unknown> = {};
      for (const member of members) if (random(3) > 0) input[member] = random(3) === 0 ? "web" : values[random(values.length)];
      const before = ecr.state;
      try {
        ecr.call(operation, input);
        answered++;
      } catch (error) {
        expect(error, `${operation} ${JSON.stringify(input).slice(0, 200)}`).toBeInstanceOf(EcsError);
        expect(ecr.state).toBe(before);
      }
    }
    expect(answered).toBeGreaterThan(0);
  });
});

describe("a saved lifecycle policy acts on the simulated clock", () => {
  const KEEP_TWO = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 2 }, action: { type: "expire" } }] });
  const tags = (ecr: Ecr) => (ecr.call("DescribeImages", { repositoryName: "web" }).imageDetails as { imageTags?: string[] }[]).map((d) => d.imageTags?.[0]).sort();

  test("an hour after it is saved it expires what its preview showed, then again every day; a deleted policy stops", () => {
    const ecr = new Ecr();
    ecr.call("CreateRepository", { repositoryName: "web" });
    for (const [i, tag] of ["a", "b", "c", "d"].entries()) ecr.push("web", tag, {}, i * 60);
    ecr.call("PutLifecyclePolicy", { repositoryName: "web", lifecyclePolicyText: KEEP_TWO }, 300);
    expect(ecr.call("GetLifecyclePolicy", { repositoryName: "web" }).lastEvaluatedAt).toBe(0);
    expect(tags(ecr)).toEqual(["a", "b", "c", "d"]);
    // Time passes without any ECR call: the first read after the hour sees the run.
    ecr.call("ListImages", { repositoryName: "web" }, 300 + 3600);
    expect(tags(ecr)).toEqual(["c", "d"]);
    expect(ecr.call("GetLifecyclePolicy", { repositoryName: "web" }).lastEvaluatedAt).toBe((T0 + (300 + 3600) * 1000) / 1000);
    ecr.push("web", "e", {}, 300 + 7200);
    ecr.call("ListImages", { repositoryName: "web" }, 300 + 3600 + DAY - 1);
    expect(tags(ecr)).toEqual(["c", "d", "e"]);
    ecr.call("ListImages", { repositoryName: "web" }, 300 + 3600 + DAY);
    expect(tags(ecr)).toEqual(["d", "e"]);
    ecr.call("DeleteLifecyclePolicy", { repositoryName: "web" });
    ecr.push("web", "f");
    ecr.call("ListImages", { repositoryName: "web" }, 300 + 3600 + 3 * DAY);
    expect(tags(ecr)).toEqual(["d", "e", "f"]);
  });
});
