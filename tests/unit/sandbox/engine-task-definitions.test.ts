import { describe, expect, test } from "vitest";
import { ACCOUNT, at, EngineDriver, FARGATE_TD } from "./support/engine";

const tdArn = (family: string, revision: number) =>
  `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task-definition/${family}:${revision}`;

describe("RegisterTaskDefinition", () => {
  test("numbers revisions per family from 1", () => {
    const sandbox = new EngineDriver();
    const revisions = [FARGATE_TD, FARGATE_TD, { ...FARGATE_TD, family: "worker" }].map(
      (td) => sandbox.call("RegisterTaskDefinition", td).taskDefinition,
    );
    expect(revisions.map((td) => [td.family, td.revision, td.taskDefinitionArn])).toEqual([
      ["web", 1, tdArn("web", 1)],
      ["web", 2, tdArn("web", 2)],
      ["worker", 1, tdArn("worker", 1)],
    ]);
  });

  test("answers with the fields ECS derives at registration", () => {
    const sandbox = new EngineDriver();
    const { taskDefinition, tags } = sandbox.call("RegisterTaskDefinition", FARGATE_TD, 42);
    expect(taskDefinition).toMatchObject({
      status: "ACTIVE",
      compatibilities: ["EC2", "FARGATE", "MANAGED_INSTANCES"],
      requiresAttributes: [{ name: "ecs.capability.task-eni" }],
      registeredAt: at(42),
      registeredBy: `arn:aws:iam::${ACCOUNT}:root`,
      cpu: "256",
      memory: "512",
      volumes: [],
      placementConstraints: [],
      runtimePlatform: { cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX" },
      enableFaultInjection: false,
    });
    expect(tags).toEqual([]);
  });

  test("fills container defaults; awsvpc port mappings get hostPort = containerPort and tcp", () => {
    const { taskDefinition } = new EngineDriver().call("RegisterTaskDefinition", FARGATE_TD);
    expect(taskDefinition.containerDefinitions[0]).toEqual({
      name: "web",
      image: "public.ecr.aws/nginx/nginx:1.27",
      cpu: 0,
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: "tcp" }],
      essential: true,
      environment: [],
      mountPoints: [],
      volumesFrom: [],
    });
  });

  test("stores task cpu and memory as unit strings whatever form they came in", () => {
    const { taskDefinition } = new EngineDriver().call("RegisterTaskDefinition", {
      ...FARGATE_TD,
      cpu: "1 vCPU",
      memory: "2 GB",
    });
    expect([taskDefinition.cpu, taskDefinition.memory]).toEqual(["1024", "2048"]);
  });

  test("lists FARGATE among compatibilities for an awsvpc definition with a Fargate size, not for bridge", () => {
    const sandbox = new EngineDriver();
    const awsvpcOnly = { ...FARGATE_TD, requiresCompatibilities: undefined };
    const bridge = {
      family: "legacy",
      networkMode: "bridge",
      containerDefinitions: [{ name: "app", image: "nginx", memory: 256 }],
    };
    expect(sandbox.call("RegisterTaskDefinition", awsvpcOnly).taskDefinition.compatibilities).toContain("FARGATE");
    const legacy = sandbox.call("RegisterTaskDefinition", bridge).taskDefinition;
    expect(legacy.compatibilities).toEqual(["EC2", "MANAGED_INSTANCES"]);
    expect(legacy.runtimePlatform).toBeUndefined();
  });

  test("derives requiresAttributes from logging, ECR images and roles", () => {
    const { taskDefinition } = new EngineDriver().call("RegisterTaskDefinition", {
      ...FARGATE_TD,
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
      taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/app`,
      containerDefinitions: [
        {
          name: "web",
          image: `${ACCOUNT}.dkr.ecr.ap-northeast-1.amazonaws.com/web:1`,
          logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": "/ecs/web", "awslogs-region": "ap-northeast-1", "awslogs-stream-prefix": "web" },
          },
        },
      ],
    });
    const names = taskDefinition.requiresAttributes.map((a: { name: string }) => a.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "com.amazonaws.ecs.capability.logging-driver.awslogs",
        "ecs.capability.execution-role-awslogs",
        "com.amazonaws.ecs.capability.ecr-auth",
        "ecs.capability.execution-role-ecr-pull",
        "com.amazonaws.ecs.capability.task-iam-role",
        "ecs.capability.task-eni",
      ]),
    );
  });

  test("rejects what AWS rejects, with AWS's type and message (from the validator)", () => {
    const sandbox = new EngineDriver();
    const noCpu = sandbox.error("RegisterTaskDefinition", { ...FARGATE_TD, cpu: undefined });
    expect([noCpu.type, noCpu.message]).toEqual(["ClientException", "Fargate requires that 'cpu' be defined at the task level."]);
    const badSize = sandbox.error("RegisterTaskDefinition", { ...FARGATE_TD, memory: "4096" });
    expect([badSize.type, badSize.message]).toEqual([
      "ClientException",
      "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.",
    ]);
    expect(sandbox.call("ListTaskDefinitions").taskDefinitionArns).toEqual([]);
  });
});

describe("DescribeTaskDefinition", () => {
  const twoRevisions = () => {
    const sandbox = new EngineDriver();
    sandbox.call("RegisterTaskDefinition", { ...FARGATE_TD, tags: [{ key: "app", value: "web" }] });
    sandbox.call("RegisterTaskDefinition", FARGATE_TD);
    return sandbox;
  };

  test("accepts family (latest ACTIVE), family:revision and the ARN", () => {
    const sandbox = twoRevisions();
    const revisionOf = (ref: string) => sandbox.call("DescribeTaskDefinition", { taskDefinition: ref }).taskDefinition.revision;
    expect([revisionOf("web"), revisionOf("web:1"), revisionOf(tdArn("web", 1))]).toEqual([2, 1, 1]);
  });

  test("returns tags only when include=TAGS", () => {
    const sandbox = twoRevisions();
    expect(sandbox.call("DescribeTaskDefinition", { taskDefinition: "web:1" }).tags).toBeUndefined();
    expect(sandbox.call("DescribeTaskDefinition", { taskDefinition: "web:1", include: ["TAGS"] }).tags).toEqual([
      { key: "app", value: "web" },
    ]);
  });

  test.each(["nope", "web:3", "web:0", "web:x", "arn:aws:ecs:ap-northeast-1:999999999999:task-definition/web:1"])(
    "%s → ClientException: Unable to describe task definition.",
    (ref) => {
      const error = twoRevisions().error("DescribeTaskDefinition", { taskDefinition: ref });
      expect([error.type, error.message]).toEqual(["ClientException", "Unable to describe task definition."]);
    },
  );
});

describe("ListTaskDefinitions", () => {
  const sandbox = new EngineDriver();
  for (const family of ["web", "api", "web"]) sandbox.call("RegisterTaskDefinition", { ...FARGATE_TD, family });

  test("sorts by family, then revision; DESC reverses", () => {
    expect(sandbox.call("ListTaskDefinitions").taskDefinitionArns).toEqual([tdArn("api", 1), tdArn("web", 1), tdArn("web", 2)]);
    expect(sandbox.call("ListTaskDefinitions", { sort: "DESC" }).taskDefinitionArns).toEqual([
      tdArn("web", 2),
      tdArn("web", 1),
      tdArn("api", 1),
    ]);
  });

  test("familyPrefix is the full family name, as in AWS", () => {
    expect(sandbox.call("ListTaskDefinitions", { familyPrefix: "web" }).taskDefinitionArns).toEqual([tdArn("web", 1), tdArn("web", 2)]);
    expect(sandbox.call("ListTaskDefinitions", { familyPrefix: "we" }).taskDefinitionArns).toEqual([]);
  });

  test("lists only ACTIVE revisions unless another status is asked for", () => {
    const withInactive = new EngineDriver();
    withInactive.call("RegisterTaskDefinition", FARGATE_TD);
    withInactive.call("RegisterTaskDefinition", FARGATE_TD);
    withInactive.call("DeregisterTaskDefinition", { taskDefinition: "web:1" });
    expect(withInactive.call("ListTaskDefinitions").taskDefinitionArns).toEqual([tdArn("web", 2)]);
    expect(withInactive.call("ListTaskDefinitions", { status: "INACTIVE" }).taskDefinitionArns).toEqual([tdArn("web", 1)]);
    expect(withInactive.error("ListTaskDefinitions", { status: "GONE" }).type).toBe("InvalidParameterException");
  });
});
