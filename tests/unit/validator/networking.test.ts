import { describe, expect, it } from "vitest";
import { applyFix, covered, fargateTaskDefinition, only, problems, text } from "./helpers";

const withPorts = (portMappings: unknown[]) => fargateTaskDefinition({ containerDefinitions: [{ name: "web", image: "nginx:1", portMappings }] });

describe("NET-AWSVPC-HOSTPORT", () => {
  it("rejects a different host port with AWS's words and sets it to the container port", () => {
    const source = text(withPorts([{ containerPort: 80, hostPort: 8080 }]));
    const [diagnostic] = only(source, "NET-AWSVPC-HOSTPORT");
    expect(diagnostic.level).toBe("error");
    expect(diagnostic.awsMessage).toBe("When networkMode=awsvpc, the host ports and container ports in port mappings must match.");
    expect(covered(source, diagnostic)).toBe("8080");
    expect(only(applyFix(source, diagnostic.fixes![0]), "NET-AWSVPC-HOSTPORT")).toEqual([]);
  });

  it("only warns about hostPort 0, which ECS is said to read as unset in awsvpc", () => {
    const source = text(withPorts([{ containerPort: 80, hostPort: 0 }]));
    expect(only(source, "NET-AWSVPC-HOSTPORT").map((d) => d.level)).toEqual(["warning"]);
    expect(problems(source).filter((d) => d.ruleId === "NET-AWSVPC-HOSTPORT")).toEqual([]);
  });
});

describe("NET-AWSVPC-PORT-UNIQUE", () => {
  it("finds a port used by two containers, also inside a port range, per protocol", () => {
    const twoContainers = fargateTaskDefinition({
      containerDefinitions: [
        { name: "a", image: "nginx:1", portMappings: [{ containerPortRange: "8000-8010" }] },
        { name: "b", image: "nginx:1", portMappings: [{ containerPort: 8005 }, { containerPort: 8005, protocol: "udp" }] },
      ],
    });
    const [diagnostic] = only(twoContainers, "NET-AWSVPC-PORT-UNIQUE");
    expect(diagnostic.awsMessage).toBe("TCP container port '8005' is used multiple times in task when networkMode=awsvpc.");
    expect(diagnostic.pointer).toBe("/containerDefinitions/1/portMappings/0/containerPort");
  });
});
