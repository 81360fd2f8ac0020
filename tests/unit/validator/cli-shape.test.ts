import { describe, expect, it } from "vitest";
import { applyFix, covered, ec2TaskDefinition, fargateTaskDefinition, only, text, problems } from "./helpers";

const CONTAINER_MEMBERS =
  "name, image, repositoryCredentials, cpu, memory, memoryReservation, links, portMappings, essential, restartPolicy, entryPoint, command, environment, environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn, startTimeout, stopTimeout, versionConsistency, hostname, user, workingDirectory, disableNetworking, privileged, readonlyRootFilesystem, dnsServers, dnsSearchDomains, extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels, ulimits, logConfiguration, healthCheck, systemControls, resourceRequirements, firelensConfiguration, credentialSpecs";

describe("CLI-UNKNOWN-KEY", () => {
  it("passes documents with API members only", () => {
    expect(problems(text(fargateTaskDefinition()))).toEqual([]);
  });

  it("uses botocore's exact message and points at the key", () => {
    const source = text(ec2TaskDefinition({ taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1" }));
    const [diagnostic] = only(source, "CLI-UNKNOWN-KEY");
    expect(diagnostic.awsMessage).toMatch(/^Unknown parameter in input: "taskDefinitionArn", must be one of: family, taskRoleArn, executionRoleArn, networkMode, containerDefinitions,/);
    expect(covered(source, diagnostic)).toBe('"taskDefinitionArn"');
    expect(diagnostic.pointer).toBe("/taskDefinitionArn");
    expect(diagnostic.stage).toBe("cli");
    expect(diagnostic.docs).toBe("/reference/rules#CLI-UNKNOWN-KEY");
  });

  it("suggests the member a misspelt key was meant to be, with a quick fix", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memoryReservaton: 128 }] }));
    const [diagnostic] = only(source, "CLI-UNKNOWN-KEY");
    expect(diagnostic.awsMessage).toBe(`Unknown parameter in containerDefinitions[0]: "memoryReservaton", must be one of: ${CONTAINER_MEMBERS}`);
    expect(diagnostic.message).toMatch(/Did you mean "memoryReservation"\?/);
    expect(only(source, "CLI-UNKNOWN-KEY", "ja")[0].message).toMatch(/"memoryReservation" の誤りではありませんか/);
    const fixed = applyFix(source, diagnostic.fixes![0]);
    expect(problems(fixed)).toEqual([]);
  });

  it("offers no guess for keys far from every member", () => {
    const [diagnostic] = only(ec2TaskDefinition({ registeredBy: "me" }), "CLI-UNKNOWN-KEY");
    expect(diagnostic.message).not.toMatch(/Did you mean/);
    expect(diagnostic.fixes).toBeUndefined();
  });

  it("says where a key that belongs to another level goes", () => {
    const [inContainer] = only(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128, ipcMode: "task" }] }), "CLI-UNKNOWN-KEY");
    expect(inContainer.pointer).toBe("/containerDefinitions/0/ipcMode");
    expect(inContainer.message).toMatch(/it belongs at the top level of the task definition\. Move it there\./);
    const [atTop] = only(ec2TaskDefinition({ portMappings: [] }), "CLI-UNKNOWN-KEY");
    expect(atTop.message).toMatch(/it belongs in containerDefinitions\[\]\./);
    const [port] = only(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128, containerPort: 80 }] }), "CLI-UNKNOWN-KEY", "ja");
    expect(port.message).toMatch(/containerDefinitions\[\]\.portMappings\[\] に移動してください/);
  });

  it("never checks the keys of maps (log options, labels), which are data", () => {
    const container = {
      name: "web",
      image: "nginx",
      memory: 128,
      dockerLabels: { Team: "a" },
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-create-group": "true", Mode: "x" } },
    };
    expect(problems(text(ec2TaskDefinition({ containerDefinitions: [container] })))).toEqual([]);
  });
});

describe("CLI-PASCALCASE", () => {
  it("names the camelCase key and renames it", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ Name: "web", image: "nginx", memory: 128 }] }));
    const [diagnostic] = only(source, "CLI-PASCALCASE");
    expect(diagnostic.awsMessage).toBe(`Unknown parameter in containerDefinitions[0]: "Name", must be one of: ${CONTAINER_MEMBERS}`);
    expect(diagnostic.message).toMatch(/write "name", not "Name"/);
    expect(diagnostic.message).toMatch(/CloudFormation/);
    expect(covered(source, diagnostic)).toBe('"Name"');
    expect(diagnostic.fixes![0].title).toBe('Rename "Name" to "name"');
    expect(problems(applyFix(source, diagnostic.fixes![0]))).toEqual([]);
  });

  it("turns a whole CloudFormation-cased document into API keys", () => {
    const source = text({ Family: "web", ContainerDefinitions: [{ Name: "web", Image: "nginx", Memory: 128 }] });
    const found = only(source, "CLI-PASCALCASE");
    expect(found.map((d) => d.pointer)).toEqual(["/Family", "/ContainerDefinitions", "/ContainerDefinitions/0/Name", "/ContainerDefinitions/0/Image", "/ContainerDefinitions/0/Memory"]);
    // The rename fixes the required members too, so they are not reported a second time.
    expect(only(source, "CLI-REQUIRED")).toEqual([]);
    let fixed = source;
    for (const diagnostic of [...found].reverse()) fixed = applyFix(fixed, diagnostic.fixes![0]);
    expect(problems(fixed)).toEqual([]);
  });

  it.each([
    ["EFSVolumeConfiguration", { name: "data", EFSVolumeConfiguration: { fileSystemId: "fs-12345678" } }, "efsVolumeConfiguration"],
    ["FilesystemId", { name: "data", efsVolumeConfiguration: { FilesystemId: "fs-12345678" } }, "fileSystemId"],
    ["IAM", { name: "data", efsVolumeConfiguration: { fileSystemId: "fs-1", authorizationConfig: { IAM: "ENABLED" } } }, "iam"],
    ["S3FilesVolumeConfiguration", { name: "data", S3FilesVolumeConfiguration: { fileSystemArn: "arn:aws:s3files:::x" } }, "s3filesVolumeConfiguration"],
  ])("maps CloudFormation's %s to the API key", (_, volume, expected) => {
    const [diagnostic] = only(ec2TaskDefinition({ volumes: [volume] }), "CLI-PASCALCASE");
    expect(diagnostic.message).toContain(`write "${expected}"`);
  });

  it("maps the non-mechanical ProxyConfigurationProperties to properties", () => {
    const document = ec2TaskDefinition({ proxyConfiguration: { containerName: "envoy", ProxyConfigurationProperties: [] } });
    const [diagnostic] = only(document, "CLI-PASCALCASE");
    expect(diagnostic.message).toContain('write "properties"');
  });
});

describe("CLI-REQUIRED", () => {
  it("reports missing top-level members on the document's opening brace", () => {
    const source = '{"containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128}]}';
    const [diagnostic] = only(source, "CLI-REQUIRED");
    expect(diagnostic.awsMessage).toBe('Missing required parameter in input: "family"');
    expect(diagnostic.pointer).toBe("/family");
    expect(covered(source, diagnostic)).toBe("{");
    expect(diagnostic.message).toMatch(/top level of every request/);
  });

  it("reports nested required members on the containing object's key", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128, healthCheck: { interval: 30 } }] }));
    const [diagnostic] = only(source, "CLI-REQUIRED");
    expect(diagnostic.awsMessage).toBe('Missing required parameter in containerDefinitions[0].healthCheck: "command"');
    expect(diagnostic.pointer).toBe("/containerDefinitions/0/healthCheck/command");
    expect(covered(source, diagnostic)).toBe('"healthCheck"');
  });

  it("reports members missing from list items on the item", () => {
    const [diagnostic] = only(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128, ulimits: [{ name: "nofile", softLimit: 1024 }] }] }), "CLI-REQUIRED");
    expect(diagnostic.awsMessage).toBe('Missing required parameter in containerDefinitions[0].ulimits[0]: "hardLimit"');
  });

  it("passes when every required member is present", () => {
    expect(only(ec2TaskDefinition(), "CLI-REQUIRED")).toEqual([]);
  });
});

describe("CLI-TYPE-TASK-CPU-MEM", () => {
  it("rejects task-level cpu as a number with botocore's message and quotes it", () => {
    const source = text(fargateTaskDefinition({ cpu: 256 }));
    const [diagnostic] = only(source, "CLI-TYPE-TASK-CPU-MEM");
    expect(diagnostic.awsMessage).toBe("Invalid type for parameter cpu, value: 256, type: <class 'int'>, valid types: <class 'str'>");
    expect(covered(source, diagnostic)).toBe("256");
    expect(diagnostic.docs).toBe("/reference/rules#CLI-TYPE-TASK-CPU-MEM");
    expect(diagnostic.fixes![0].edits).toEqual([{ start: diagnostic.range.start, end: diagnostic.range.end, newText: '"256"' }]);
    expect(problems(applyFix(source, diagnostic.fixes![0]))).toEqual([]);
  });

  it("rejects container-level memory as a string and unquotes it", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: "512" }] }));
    const [diagnostic] = only(source, "CLI-TYPE-TASK-CPU-MEM");
    expect(diagnostic.awsMessage).toBe(
      "Invalid type for parameter containerDefinitions[0].memory, value: 512, type: <class 'str'>, valid types: <class 'int'>",
    );
    expect(diagnostic.message).toMatch(/plain integer without quotes/);
    expect(problems(applyFix(source, diagnostic.fixes![0]))).toEqual([]);
  });

  it("rejects a float where an integer is expected, as Python reads it", () => {
    const source = '{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memoryReservation": 512.0}]}';
    const [diagnostic] = only(source, "CLI-TYPE-TASK-CPU-MEM");
    expect(diagnostic.awsMessage).toBe(
      "Invalid type for parameter containerDefinitions[0].memoryReservation, value: 512.0, type: <class 'float'>, valid types: <class 'int'>",
    );
  });

  it("passes strings at task level and integers at container level", () => {
    expect(only(fargateTaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", cpu: 128, memory: 256 }] }), "CLI-TYPE-TASK-CPU-MEM")).toEqual([]);
  });
});

describe("CLI-TYPE", () => {
  it("rejects \"true\" in quotes for a boolean and unquotes it", () => {
    const source = text(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128, essential: "true" }] }));
    const [diagnostic] = only(source, "CLI-TYPE");
    expect(diagnostic.awsMessage).toBe(
      "Invalid type for parameter containerDefinitions[0].essential, value: true, type: <class 'str'>, valid types: <class 'bool'>",
    );
    expect(diagnostic.message).toMatch(/Write true or false without quotes/);
    expect(problems(applyFix(source, diagnostic.fixes![0]))).toEqual([]);
  });

  it("rejects ports written as strings", () => {
    const container = { name: "web", image: "nginx", memory: 128, portMappings: [{ containerPort: "80" }] };
    const [diagnostic] = only(ec2TaskDefinition({ containerDefinitions: [container] }), "CLI-TYPE");
    expect(diagnostic.pointer).toBe("/containerDefinitions/0/portMappings/0/containerPort");
    expect(diagnostic.fixes![0].title).toBe("Change to 80");
  });

  it("prints objects given for lists the way Python does", () => {
    const [diagnostic] = only(ec2TaskDefinition({ requiresCompatibilities: { type: "EC2", on: true } }), "CLI-TYPE");
    expect(diagnostic.awsMessage).toBe(
      "Invalid type for parameter requiresCompatibilities, value: {'type': 'EC2', 'on': True}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>",
    );
  });

  it("flags a boolean where an integer is expected as the service's error, since the CLI lets it through", () => {
    const [diagnostic] = only(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128, stopTimeout: true }] }), "CLI-TYPE");
    expect(diagnostic.stage).toBe("service");
    expect(diagnostic.awsErrorType).toBe("SerializationException");
    expect(diagnostic.awsMessage).toBe("Cannot deserialize member 'containerDefinitions[0].stopTimeout': expected an integer, got a boolean.");
  });

  it("passes values of the right type", () => {
    expect(only(ec2TaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx", memory: 128, essential: false, portMappings: [{ containerPort: 80 }] }] }), "CLI-TYPE")).toEqual([]);
  });
});

describe("CLI-NULL", () => {
  it("rejects null with botocore's message and removes the member", () => {
    const source = text(ec2TaskDefinition({ ipcMode: null }));
    const [diagnostic] = only(source, "CLI-NULL");
    expect(diagnostic.awsMessage).toBe("Invalid type for parameter ipcMode, value: None, type: <class 'NoneType'>, valid types: <class 'str'>");
    expect(covered(source, diagnostic)).toBe("null");
    expect(diagnostic.fixes![0].title).toBe('Remove "ipcMode"');
    const fixed = applyFix(source, diagnostic.fixes![0]);
    expect(problems(fixed)).toEqual([]);
    expect(JSON.parse(fixed)).toEqual(ec2TaskDefinition());
  });

  it("says so in Japanese too, after AWS's words", () => {
    const [diagnostic] = only(ec2TaskDefinition({ pidMode: null }), "CLI-NULL", "ja");
    expect(diagnostic.message.startsWith("Invalid type for parameter pidMode, value: None")).toBe(true);
    expect(diagnostic.message).toMatch(/null です/);
  });

  it("passes documents without nulls", () => {
    expect(only(ec2TaskDefinition({ ipcMode: "task" }), "CLI-NULL")).toEqual([]);
  });
});

describe("CLI-STRLEN", () => {
  it("rejects an empty tag key", () => {
    const [diagnostic] = only(ec2TaskDefinition({ tags: [{ key: "", value: "x" }] }), "CLI-STRLEN");
    expect(diagnostic.awsMessage).toBe("Invalid length for parameter tags[0].key, value: 0, valid min length: 1");
  });

  it("accepts an empty tag value (its minimum is 0)", () => {
    expect(only(ec2TaskDefinition({ tags: [{ key: "team", value: "" }] }), "CLI-STRLEN")).toEqual([]);
  });
});
