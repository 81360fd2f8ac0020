/**
 * The sandbox's Docker as a learner's shell uses it: bash, the real AWS CLI and `ecs-dojo docker` / `ecs-dojo curl`
 * (as `docker` and `curl` functions, exactly as `lessons verify` defines them) against the gateway. Build, history,
 * run and curl on the workstation; get-login-password | docker login; push into ECR and describe-images; and the
 * failures the lessons teach, each with Docker's or curl's own words and exit code.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cliEnvironment, requireAwsCli } from "./support/aws-cli";
import { LEARNER_REGION, startGatewayEndpoint, type GatewayEndpoint, type GatewayLearner } from "./support/gateway-endpoint";

const exec = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "../../bin/ecs-dojo.mjs");

let endpoint: GatewayEndpoint;
let workDir: string;

const SERVER = 'require("http").createServer((q, r) => r.end("ok")).listen(process.env.PORT || 8080);\n';
const GOOD = `FROM node:22-slim
WORKDIR /app
COPY package.json server.js ./
USER node
EXPOSE 8080
CMD ["node", "server.js"]
`;

beforeAll(async () => {
  await requireAwsCli();
  endpoint = await startGatewayEndpoint();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "docker-cli-"));
  fs.writeFileSync(path.join(workDir, "server.js"), SERVER);
  fs.writeFileSync(path.join(workDir, "package.json"), '{"name":"api"}\n');
});

afterAll(async () => {
  await endpoint?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

interface Shell {
  learner: GatewayLearner;
  sh(script: string, dockerfile?: string): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** A learner's shell: their keys, `aws` with the endpoint, `docker` and `curl` as `lessons verify` defines them. */
function shellOf(learner = endpoint.newLearner()): Shell {
  const env = {
    ...cliEnvironment({ accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey, region: LEARNER_REGION, workDir, endpointUrl: endpoint.url }),
    AWS_ENDPOINT_URL: endpoint.url,
  };
  const prelude = [
    'aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }',
    `docker() { node ${JSON.stringify(CLI)} docker "$@"; }`,
    `curl() { node ${JSON.stringify(CLI)} curl "$@"; }`,
  ].join("\n");
  return {
    learner,
    async sh(script, dockerfile = GOOD) {
      fs.writeFileSync(path.join(workDir, "Dockerfile"), dockerfile);
      return exec("bash", ["-c", `${prelude}\n${script}`], { cwd: workDir, env, timeout: 60_000 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    },
  };
}

const registryOf = (learner: GatewayLearner) => `${learner.accountId}.dkr.ecr.${LEARNER_REGION}.amazonaws.com`;

describe("docker build, history, run and curl on the sandbox's workstation", () => {
  test("a good image builds, runs as non-root and answers /health on the published port", async () => {
    const { sh, learner } = shellOf();
    const result = await sh("docker build -t api:1.0 . && docker run -d --name api -p 8080:8080 api:1.0 && curl -fsS http://localhost:8080/health && docker logs api && docker ps");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("naming to docker.io/library/api:1.0 done");
    expect(result.stderr).not.toContain("warning");
    expect(result.stdout).toContain('{"status":"ok"}');
    expect(result.stdout).toContain("listening on :8080");
    expect(result.stdout).toContain("GET /health 200");
    expect(result.stdout).toMatch(/0\.0\.0\.0:8080->8080\/tcp\s+api/);
    const build = learner.calls.find((c) => c.operation === "DockerBuild")!;
    expect(build).toMatchObject({ service: "dojo", input: { tags: ["api:1.0"] } });
    expect(JSON.stringify(build.input)).not.toContain("createServer"); // file contents never leave the machine
  });

  test("a secret in ENV is a BuildKit warning and stays readable in docker history", async () => {
    const { sh } = shellOf();
    const dockerfile = GOOD.replace("USER node", "ENV DB_PASSWORD=hunter2\nUSER node");
    const result = await sh("docker build -t api:secret . && docker history api:secret", dockerfile);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(' - SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD") (line 4)');
    expect(result.stdout).toContain("ENV DB_PASSWORD=hunter2");
  });

  test("the same Dockerfile and files build the same image id; a changed file another one", async () => {
    const { sh } = shellOf();
    const ids = await sh("docker build -t a . 2>&1 | grep 'writing image'; docker build -t b . 2>&1 | grep 'writing image'; echo '// v2' >> server.js; docker build -t c . 2>&1 | grep 'writing image'");
    fs.writeFileSync(path.join(workDir, "server.js"), SERVER);
    const [a, b, c] = ids.stdout.trim().split("\n");
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  test("EXPOSE 80 with -p 8080:80 resets the connection; nothing published refuses it; curl's exit codes", async () => {
    const { sh } = shellOf();
    const wrong = await sh("docker build -q -t api:80 . >/dev/null 2>&1 || docker build -t api:80 . 2>/dev/null; docker run -d -p 8080:80 api:80 >/dev/null; curl -fsS http://localhost:8080/health", GOOD.replace("EXPOSE 8080", "EXPOSE 80"));
    expect(wrong.code).toBe(56);
    expect(wrong.stderr).toContain("curl: (56) Recv failure: Connection reset by peer");
    const refused = await sh("curl -sS http://localhost:9090/health");
    expect(refused.code).toBe(7);
    expect(refused.stderr).toContain("Failed to connect to localhost port 9090");
    const notFound = await sh("curl -f http://localhost:8080/nope");
    expect(notFound.code).toBe(56); // still the wrong mapping: the port is published, nothing listens behind it
  });

  test("build failures stop with BuildKit's words: a typo, a missing COPY source, a Windows base image, an unknown image", async () => {
    const { sh } = shellOf();
    const cases: [string, string][] = [
      [GOOD.replace("WORKDIR", "WORKDIRR"), "dockerfile parse error on line 2: unknown instruction: WORKDIRR"],
      [GOOD.replace("server.js ./", "app.js ./"), '"/app.js": not found'],
      ["FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8\n", "no match for platform in manifest: not found"],
      ["FROM nodejs:22\n", "pull access denied, repository does not exist or may require authorization"],
    ];
    for (const [dockerfile, message] of cases) {
      const result = await sh("docker build -t broken .", dockerfile);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`ERROR: failed to solve: `);
      expect(result.stderr).toContain(message);
    }
  });

  test("a CMD script never copied exits 1 with Node's message; USER naming no account fails docker run", async () => {
    const { sh } = shellOf();
    const missing = await sh("docker build -t api:nocopy . 2>/dev/null && docker run --name nocopy api:nocopy", GOOD.replace("COPY package.json server.js ./\n", ""));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("Error: Cannot find module '/app/server.js'");
    const user = await sh("docker build -t api:user . 2>/dev/null && docker run -d api:user", GOOD.replace("USER node", "USER app"));
    expect(user.code).toBe(125);
    expect(user.stderr).toContain("unable to find user app: no matching entries in passwd file");
  });
});

describe("docker login and push to the learner's ECR", () => {
  test("create-repository, get-login-password | docker login, tag, push: describe-images shows the tag with its digest", async () => {
    const { sh, learner } = shellOf();
    const registry = registryOf(learner);
    const result = await sh(`set -e
aws ecr create-repository --repository-name web >/dev/null
aws ecr get-login-password --region ${LEARNER_REGION} | docker login --username AWS --password-stdin ${registry}
docker build -t web:1.0.0 . 2>/dev/null
docker tag web:1.0.0 ${registry}/web:1.0.0
docker push ${registry}/web:1.0.0
aws ecr describe-images --repository-name web --output json`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Login Succeeded");
    expect(result.stdout).toContain(`The push refers to repository [${registry}/web]`);
    const digest = /1\.0\.0: digest: (sha256:[0-9a-f]{64}) size: \d+/.exec(result.stdout)![1];
    const described = JSON.parse(result.stdout.slice(result.stdout.indexOf("{"))) as { imageDetails: { imageTags: string[]; imageDigest: string }[] };
    expect(described.imageDetails).toEqual([expect.objectContaining({ imageTags: ["1.0.0"], imageDigest: digest })]);
    expect(learner.calls.find((c) => c.operation === "DockerLogin")!.input).not.toHaveProperty("password", expect.stringContaining("AWS"));
  });

  test("the curriculum's account id in the host is the learner's own registry", async () => {
    const { sh } = shellOf();
    const registry = `123456789012.dkr.ecr.${LEARNER_REGION}.amazonaws.com`;
    const result = await sh(`set -e
aws ecr create-repository --repository-name web >/dev/null
aws ecr get-login-password | docker login --username AWS --password-stdin ${registry}
docker build -t ${registry}/web:1.0.0 . 2>/dev/null
docker push ${registry}/web:1.0.0
aws ecr list-images --repository-name web --query 'imageIds[].imageTag' --output text`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("1.0.0");
  });

  test("the mistakes of the push flow, each with Docker's answer", async () => {
    const { sh, learner } = shellOf();
    const registry = registryOf(learner);
    const other = `${learner.accountId}.dkr.ecr.us-east-1.amazonaws.com`;
    await sh(`docker build -t ${registry}/web:1.0.0 -t ${other}/web:1.0.0 . 2>/dev/null`);
    const notLoggedIn = await sh(`docker push ${registry}/web:1.0.0`);
    expect(notLoggedIn).toMatchObject({ code: 1, stderr: "no basic auth credentials\n" });
    const wrongUser = await sh(`aws ecr get-login-password | docker login --username admin --password-stdin ${registry}`);
    expect(wrongUser.code).toBe(1);
    expect(wrongUser.stderr).toContain(`login attempt to https://${registry}/v2/ failed with status: 400 Bad Request`);
    const wrongRegion = await sh(`aws ecr get-login-password --region ${LEARNER_REGION} | docker login --username AWS --password-stdin ${other}`);
    expect(wrongRegion.stderr).toContain(`login attempt to https://${other}/v2/ failed with status: 400 Bad Request`);
    const noRepository = await sh(`aws ecr get-login-password | docker login --username AWS --password-stdin ${registry} && docker push ${registry}/web:1.0.0`);
    expect(noRepository.code).toBe(1);
    expect(noRepository.stderr).toContain(`name unknown: The repository with name 'web' does not exist in the registry with id '${learner.accountId}'`);
    const noTag = await sh(`aws ecr create-repository --repository-name web >/dev/null && docker push ${registry}/web:2.0.0`);
    expect(noTag.stderr).toContain(`tag does not exist: ${registry}/web:2.0.0`);
    const dockerHub = await sh("docker push web:1.0.0");
    expect(dockerHub.stderr).toContain("denied: requested access to the resource is denied");
    const immutable = await sh(`aws ecr put-image-tag-mutability --repository-name web --image-tag-mutability IMMUTABLE >/dev/null
docker push ${registry}/web:1.0.0 >/dev/null && docker build -t ${registry}/web:1.0.0 . 2>/dev/null <<<'' ; echo '// v3' >> server.js; docker build -t ${registry}/web:1.0.0 . 2>/dev/null; docker push ${registry}/web:1.0.0`);
    fs.writeFileSync(path.join(workDir, "server.js"), SERVER);
    expect(immutable.stderr).toContain("tag invalid: The image tag '1.0.0' already exists in the 'web' repository and cannot be overwritten because the repository is immutable.");
    const refused = learner.calls.filter((c) => c.service === "dojo" && c.error).map((c) => c.error!.code);
    expect(refused).toEqual(expect.arrayContaining(["NoBasicAuthCredentials", "LoginFailed", "RepositoryNotFound", "ImageNotFound", "RequestedAccessDenied", "ImageTagAlreadyExists"]));
  });

  test("a pushed image runs in ECS as the web workload", async () => {
    const { sh, learner } = shellOf();
    const registry = registryOf(learner);
    const result = await sh(`set -e
aws ecr create-repository --repository-name web >/dev/null
aws ecr get-login-password | docker login --username AWS --password-stdin ${registry} >/dev/null
docker build -t ${registry}/web:1.0.0 . 2>/dev/null
docker push ${registry}/web:1.0.0 >/dev/null
aws ecs create-cluster --cluster-name c >/dev/null
aws ecs register-task-definition --family webf --network-mode awsvpc --requires-compatibilities FARGATE --cpu 256 --memory 512 --execution-role-arn arn:aws:iam::${learner.accountId}:role/ecsTaskExecutionRole --container-definitions '[{"name":"web","image":"${registry}/web:1.0.0"}]' >/dev/null
aws ecs run-task --cluster c --launch-type FARGATE --task-definition webf --network-configuration 'awsvpcConfiguration={subnets=[subnet-0a1b2c3d4e5f60001],assignPublicIp=ENABLED}' --query 'tasks[0].taskArn' --output text`);
    expect(result.code, result.stderr).toBe(0);
    endpoint.tick(60);
    const described = await sh(`aws ecs describe-tasks --cluster c --tasks ${result.stdout.trim()} --query 'tasks[0].lastStatus' --output text`);
    expect(described.stdout.trim()).toBe("RUNNING");
  });
});
