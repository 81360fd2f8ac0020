/**
 * The interpreter end to end with a scripted transport: what it sends (protocol, target, body), how it pages (tokens
 * as botocore encodes them), waits (acceptors, Ctrl-C) and fails (argparse, validation, service errors, exit codes).
 */
import { describe, expect, test } from "vitest";
import { runAws, runAwsLine, type AwsCliEnvironment, type HttpRequest, type HttpResponse } from "@/lib/aws-cli";

const ENV = { AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "secret", AWS_DEFAULT_REGION: "ap-northeast-1", AWS_ENDPOINT_URL: "http://sandbox.test/aws" };

function scripted(answer: (request: HttpRequest, index: number) => HttpResponse, extra: Partial<AwsCliEnvironment> = {}) {
  const requests: HttpRequest[] = [];
  const environment: AwsCliEnvironment = {
    send: async (request) => {
      requests.push(request);
      return answer(request, requests.length - 1);
    },
    readFile: async (path) => {
      if (path === "td.json") return '{"family": "web", "containerDefinitions": [{"name": "a", "image": "nginx"}]}';
      throw new Error(`[Errno 2] No such file or directory: '${path}'`);
    },
    env: ENV,
    sleep: async () => {},
    timeZoneOffset: () => 0,
    ...extra,
  };
  return { environment, requests };
}

const json = (body: unknown, status = 200): HttpResponse => ({ status, headers: { "x-amzn-requestid": "r-1" }, body: JSON.stringify(body) });
const header = (request: HttpRequest, name: string) => Object.entries(request.headers).find(([k]) => k.toLowerCase() === name)?.[1];

describe("requests", () => {
  test("AWS JSON 1.1 for ECS: target, content type, the shorthand unpacked into the body, signed for ecs", async () => {
    const { environment, requests } = scripted(() => json({ service: { serviceName: "web" } }));
    const result = await runAws(
      ["ecs", "create-service", "--service-name", "web", "--desired-count", "2", "--network-configuration", "awsvpcConfiguration={subnets=[a,b],assignPublicIp=ENABLED}", "--enable-execute-command", "--query", "service.serviceName", "--output", "text"],
      environment,
    );
    expect(result).toEqual({ exitCode: 0, stdout: "web\n", stderr: "" });
    expect(header(requests[0], "x-amz-target")).toBe("AmazonEC2ContainerServiceV20141113.CreateService");
    expect(header(requests[0], "content-type")).toBe("application/x-amz-json-1.1");
    expect(header(requests[0], "authorization")).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/ap-northeast-1\/ecs\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    expect(JSON.parse(requests[0].body)).toEqual({ serviceName: "web", desiredCount: 2, networkConfiguration: { awsvpcConfiguration: { subnets: ["a", "b"], assignPublicIp: "ENABLED" } }, enableExecuteCommand: true });
  });

  test("query protocol for IAM: lists as .member.N, answers read from XML, policy documents decoded", async () => {
    const policy = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [] }));
    const xml = `<CreateRoleResponse><CreateRoleResult><Role><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate><AssumeRolePolicyDocument>${policy}</AssumeRolePolicyDocument><Path>/</Path><RoleId>AROA</RoleId></Role></CreateRoleResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></CreateRoleResponse>`;
    const { environment, requests } = scripted(() => ({ status: 200, headers: {}, body: xml }));
    const result = await runAws(["iam", "create-role", "--role-name", "r", "--assume-role-policy-document", "{}", "--tags", "Key=a,Value=b", "--query", "Role.[CreateDate,AssumeRolePolicyDocument]"], environment);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(["2024-01-02T03:04:05+00:00", { Version: "2012-10-17", Statement: [] }]);
    expect(requests[0].body).toBe("Action=CreateRole&Version=2010-05-08&RoleName=r&AssumeRolePolicyDocument=%7B%7D&Tags.member.1.Key=a&Tags.member.1.Value=b");
  });

  test("a file:// value is read through the injected reader; a missing one is the CLI's parameter error", async () => {
    const { environment, requests } = scripted(() => json({}));
    expect((await runAws(["ecs", "register-task-definition", "--cli-input-json", "file://td.json"], environment)).exitCode).toBe(0);
    expect(JSON.parse(requests[0].body)).toEqual({ family: "web", containerDefinitions: [{ name: "a", image: "nginx" }] });
    const missing = await runAws(["ecs", "register-task-definition", "--family", "x", "--container-definitions", "file://nope.json"], environment);
    expect(missing).toEqual({ exitCode: 252, stdout: "", stderr: "\nError parsing parameter '--container-definitions': Unable to load paramfile file://nope.json: [Errno 2] No such file or directory: 'nope.json'\n" });
  });
});

describe("pagination", () => {
  const pages = [{ clusterArns: ["a", "b"], nextToken: "tok2" }, { clusterArns: ["c"] }];

  test("every page is read and merged; the output token is not printed", async () => {
    const { environment, requests } = scripted((_, i) => json(pages[i]));
    const result = await runAws(["ecs", "list-clusters"], environment);
    expect(JSON.parse(result.stdout)).toEqual({ clusterArns: ["a", "b", "c"] });
    expect(JSON.parse(requests[1].body)).toEqual({ nextToken: "tok2" });
  });

  test("--max-items cuts the list and prints botocore's resume token; --starting-token resumes from it", async () => {
    const first = scripted((_, i) => json(pages[i]));
    const cut = JSON.parse((await runAws(["ecs", "list-clusters", "--max-items", "1"], first.environment)).stdout);
    expect(cut).toEqual({ clusterArns: ["a"], NextToken: "eyJuZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==" });
    const second = scripted((_, i) => json(pages[i]));
    const resumed = JSON.parse((await runAws(["ecs", "list-clusters", "--starting-token", cut.NextToken], second.environment)).stdout);
    expect(resumed).toEqual({ clusterArns: ["b", "c"] });
  });

  test("--no-paginate makes one call and prints the service's own token", async () => {
    const { environment, requests } = scripted((_, i) => json(pages[i]));
    expect(JSON.parse((await runAws(["ecs", "list-clusters", "--no-paginate"], environment)).stdout)).toEqual(pages[0]);
    expect(requests).toHaveLength(1);
  });
});

describe("waiters", () => {
  const service = (running: number) => json({ services: [{ serviceName: "web", status: "ACTIVE", desiredCount: 2, runningCount: running, deployments: [{}] }], failures: [] });

  test("polls until the acceptors say success, sleeping the waiter's delay in between", async () => {
    const sleeps: number[] = [];
    const { environment, requests } = scripted((_, i) => service(i < 2 ? 1 : 2), { sleep: async (ms) => void sleeps.push(ms) });
    expect(await runAws(["ecs", "wait", "services-stable", "--cluster", "c", "--services", "web"], environment)).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([15_000, 15_000]);
  });

  test("a failure acceptor ends it with botocore's explanation, exit 255", async () => {
    const { environment } = scripted(() => json({ tasks: [], failures: [{ arn: "t", reason: "MISSING" }] }));
    expect(await runAws(["ecs", "wait", "tasks-running", "--cluster", "c", "--tasks", "t"], environment)).toEqual({
      exitCode: 255,
      stdout: "",
      stderr: '\nWaiter TasksRunning failed: Waiter encountered a terminal failure state: For expression "failures[].reason" we matched expected path: "MISSING" at least once\n',
    });
  });

  test("Ctrl-C (the abort signal) ends a waiter at once with exit code 130", async () => {
    const controller = new AbortController();
    const { environment, requests } = scripted(() => service(0), {
      sleep: async () => {
        if (requests.length === 3) controller.abort();
      },
    });
    expect(await runAws(["ecs", "wait", "services-stable", "--cluster", "c", "--services", "web"], environment, { signal: controller.signal })).toEqual({ exitCode: 130, stdout: "\n", stderr: "" });
    expect(requests).toHaveLength(3);
  });
});

describe("failures end as AWS CLI v2 ends them", () => {
  test("argparse: a unique prefix works, an ambiguous one fails, unknown words are listed", async () => {
    const { environment, requests } = scripted(() => json({ clusters: [], failures: [] }));
    expect((await runAws(["ecs", "describe-clusters", "--clus", "a"], environment)).exitCode).toBe(0);
    expect(JSON.parse(requests[0].body)).toEqual({ clusters: ["a"] });
    expect((await runAws(["ecs", "list-clusters", "--cli"], environment)).stderr).toContain("aws: error: ambiguous option: --cli could match --cli-read-timeout, --cli-connect-timeout, --cli-binary-format, --cli-auto-prompt");
    expect((await runAws(["ecs", "list-clusters", "x", "y"], environment)).stderr).toContain("\nUnknown options: y, x\n");
  });

  test("botocore's validation lists every problem, exit 252, nothing sent", async () => {
    const { environment, requests } = scripted(() => json({}));
    const result = await runAws(["ecs", "create-service", "--service-name", "web", "--cli-input-json", '{"desiredCount": "two", "bogus": 1, "loadBalancers": [{"containerPort": 1.0}]}'], environment);
    expect(result.exitCode).toBe(252);
    expect(result.stderr).toBe(
      "\nParameter validation failed:\n" +
        'Unknown parameter in input: "bogus", must be one of: cluster, serviceName, taskDefinition, availabilityZoneRebalancing, loadBalancers, serviceRegistries, desiredCount, clientToken, launchType, capacityProviderStrategy, platformVersion, role, deploymentConfiguration, placementConstraints, placementStrategy, networkConfiguration, healthCheckGracePeriodSeconds, schedulingStrategy, deploymentController, tags, enableECSManagedTags, propagateTags, enableExecuteCommand, serviceConnectConfiguration, volumeConfigurations, vpcLatticeConfigurations\n' +
        "Invalid type for parameter desiredCount, value: two, type: <class 'str'>, valid types: <class 'int'>\n" +
        "Invalid type for parameter loadBalancers[0].containerPort, value: 1.0, type: <class 'float'>, valid types: <class 'int'>\n",
    );
    expect(requests).toHaveLength(0);
  });

  test("a service error: AWS's code and message, exit 254; missing Region and keys: exit 253", async () => {
    const { environment } = scripted(() => json({ __type: "ClusterNotFoundException", message: "Cluster not found." }, 400));
    expect(await runAws(["ecs", "list-services", "--cluster", "nope"], environment)).toEqual({
      exitCode: 254,
      stdout: "",
      stderr: "\nAn error occurred (ClusterNotFoundException) when calling the ListServices operation: Cluster not found.\n",
      serviceError: { code: "ClusterNotFoundException", operation: "ListServices", message: "Cluster not found." },
    });
    const noRegion = scripted(() => json({}), { env: { ...ENV, AWS_DEFAULT_REGION: undefined } });
    expect((await runAws(["ecs", "list-clusters"], noRegion.environment)).exitCode).toBe(253);
    const noKeys = scripted(() => json({}), { env: { ...ENV, AWS_ACCESS_KEY_ID: undefined } });
    expect(await runAws(["ecs", "list-clusters"], noKeys.environment)).toEqual({ exitCode: 253, stdout: "", stderr: '\nUnable to locate credentials. You can configure credentials by running "aws configure".\n' });
  });

  test("throttling is retried twice, then reported with the retry count", async () => {
    const { environment, requests } = scripted(() => json({ __type: "ThrottlingException", message: "Rate exceeded" }, 400));
    const result = await runAws(["ecs", "list-clusters"], environment);
    expect(requests).toHaveLength(3);
    expect(result.stderr).toBe("\nAn error occurred (ThrottlingException) when calling the ListClusters operation (reached max retries: 2): Rate exceeded\n");
  });

  test("shell variables from the terminal's environment", async () => {
    const { environment, requests } = scripted(() => json({ clusters: [] }), { env: { ...ENV, CLUSTER: "dojo" } });
    await runAwsLine('aws ecs describe-clusters --clusters "$CLUSTER"', environment);
    expect(JSON.parse(requests[0].body)).toEqual({ clusters: ["dojo"] });
  });
});
