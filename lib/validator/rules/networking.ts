/** Section D: port mappings and the container networking settings each network mode allows. */
import { keySpan, type ContainerView, type RuleContext } from "../engine/context";
import { replaceValueFix, removeMemberFix } from "../engine/fixes";
import type { JsonNode } from "../json/tree";
import { at, defineRule, int, list, objectsOf, present, str, stringsOf, type Value } from "./define";

const PORT_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
const MAX_PORT = 65535;
const MAX_RANGES = 100;
/** Ports the ECS agent and Docker reserve on a container instance (PortMapping.hostPort). */
const RESERVED_HOST_PORTS = new Set([22, 2375, 2376, 51678, 51679, 51680]);
const EPHEMERAL_START = 32768;

interface Mapping {
  container: ContainerView;
  index: number;
  node: JsonNode;
  containerPort?: Value<number>;
  hostPort?: Value<number>;
  range?: Value<string>;
  protocol: string;
  name?: Value<string>;
}

function mappingsOf(ctx: RuleContext, container: ContainerView): Mapping[] {
  return objectsOf(ctx, container.node, "portMappings").map(({ node, index }) => ({
    container,
    index,
    node,
    containerPort: int(ctx, node, "containerPort"),
    hostPort: int(ctx, node, "hostPort"),
    range: str(ctx, node, "containerPortRange"),
    protocol: str(ctx, node, "protocol")?.value ?? "tcp",
    name: str(ctx, node, "name"),
  }));
}

function allMappings(ctx: RuleContext): Mapping[] {
  return ctx.taskDefinition.containers.flatMap((container) => mappingsOf(ctx, container));
}

/** `"8000-8010"` as numbers, or undefined when the text is not a well-formed range. */
export function parseRange(text: string): { start: number; end: number } | undefined {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start >= 1 && end <= MAX_PORT && start < end ? { start, end } : undefined;
}

const mappingPath = (m: Mapping, member: string) => at(m.container, "portMappings", m.index, member);

function hostPortMatches(mode: "awsvpc" | "host") {
  const id = mode === "awsvpc" ? "NET-AWSVPC-HOSTPORT" : "NET-HOST-HOSTPORT";
  return (ctx: RuleContext) => {
    if (ctx.taskDefinition.networkMode !== mode) return;
    for (const m of allMappings(ctx)) {
      if (!m.hostPort || !m.containerPort || m.hostPort.value === m.containerPort.value) continue;
      const finding = ctx.report(
        id as "NET-AWSVPC-HOSTPORT",
        { container: m.container.label, hostPort: m.hostPort.value, containerPort: m.containerPort.value },
        m.hostPort.span,
        mappingPath(m, "hostPort"),
        [replaceValueFix(m.hostPort.node, m.containerPort.value)],
      );
      // ECS is reported to read hostPort 0 as unset in awsvpc (unconfirmed): teach it, do not fail it.
      if (mode === "awsvpc" && m.hostPort.value === 0) {
        finding.level = "warning";
        finding.stage = "advice";
      }
    }
  };
}

export const awsvpcHostPort = defineRule(
  "NET-AWSVPC-HOSTPORT",
  "error",
  "D",
  "[AWS-obs] pulumi/pulumi-awsx#935, aws/amazon-ecs-cli#1014; cfn-lint E3053",
  hostPortMatches("awsvpc"),
);

export const hostModeHostPort = defineRule(
  "NET-HOST-HOSTPORT",
  "error",
  "D",
  "[AWS-obs] cdk-preflight pf-ecs-host-network-host-port-mismatch; API doc",
  hostPortMatches("host"),
);

export const noneModePorts = defineRule("NET-NONE-PORTS", "error", "D", "[AWS-doc] RegisterTaskDefinition.networkMode", (ctx) => {
  if (ctx.taskDefinition.networkMode !== "none") return;
  for (const container of ctx.taskDefinition.containers) {
    const ports = list(ctx, container.node, "portMappings");
    if (ports && ports.value.length > 0) ctx.report("NET-NONE-PORTS", { container: container.label }, ports.span, at(container, "portMappings"));
  }
});

export const awsvpcPortUnique = defineRule(
  "NET-AWSVPC-PORT-UNIQUE",
  "error",
  "D",
  "[AWS-obs] cdk-preflight pf-ecs-port-range-overlap",
  (ctx) => {
    if (ctx.taskDefinition.networkMode !== "awsvpc") return;
    const taken: Array<{ protocol: string; start: number; end: number }> = [];
    for (const m of allMappings(ctx)) {
      const span = m.containerPort ? { start: m.containerPort.value, end: m.containerPort.value } : m.range && parseRange(m.range.value);
      if (!span) continue;
      const clash = taken.find((t) => t.protocol === m.protocol && t.start <= span.end && span.start <= t.end);
      if (clash) {
        const port = Math.max(clash.start, span.start);
        const where = m.containerPort ?? m.range!;
        ctx.report("NET-AWSVPC-PORT-UNIQUE", { protocol: m.protocol.toUpperCase(), port }, where.span, mappingPath(m, m.containerPort ? "containerPort" : "containerPortRange"));
      }
      taken.push({ protocol: m.protocol, ...span });
    }
  },
);

export const portMultiProtocol = defineRule(
  "NET-PORT-MULTI-PROTOCOL",
  "error",
  "D",
  "[AWS-doc] PortMapping (\"You can't expose the same container port for multiple protocols\")",
  (ctx) => {
    for (const container of ctx.taskDefinition.containers) {
      const protocols = new Map<number, string>();
      for (const m of mappingsOf(ctx, container)) {
        if (!m.containerPort) continue;
        const first = protocols.get(m.containerPort.value);
        if (first !== undefined && first !== m.protocol) {
          ctx.report("NET-PORT-MULTI-PROTOCOL", { container: container.label, port: m.containerPort.value }, m.containerPort.span, mappingPath(m, "containerPort"));
        }
        if (first === undefined) protocols.set(m.containerPort.value, m.protocol);
      }
    }
  },
);

export const portRange = defineRule("NET-PORT-RANGE", "error", "D", "[AWS-obs] aws/aws-cli#7288", (ctx) => {
  const mode = ctx.taskDefinition.networkMode;
  for (const m of allMappings(ctx)) {
    const c = m.containerPort;
    if (c && (c.value < 1 || c.value > MAX_PORT)) {
      ctx.report("NET-PORT-RANGE", { container: m.container.label, member: "containerPort", value: c.value }, c.span, mappingPath(m, "containerPort"));
    }
    const h = m.hostPort;
    // hostPort 0 asks for a dynamic port in bridge mode (and is read as unset in awsvpc).
    if (h && (h.value < 0 || h.value > MAX_PORT || (h.value === 0 && mode === "host"))) {
      ctx.report("NET-PORT-RANGE", { container: m.container.label, member: "hostPort", value: h.value }, h.span, mappingPath(m, "hostPort"));
    }
    if (!present(m.node, "containerPort") && !present(m.node, "containerPortRange")) {
      ctx.report("NET-PORT-RANGE", { container: m.container.label, member: "containerPort" }, { start: m.node.start, end: Math.min(m.node.start + 1, m.node.end) }, mappingPath(m, "containerPort"));
    }
  }
});

export const portRangeFormat = defineRule("NET-PORTRANGE-FORMAT", "error", "D", "[AWS-obs] cdk-preflight pf-ecs-port-range-reversed", (ctx) => {
  for (const m of allMappings(ctx)) {
    if (m.range && !parseRange(m.range.value)) {
      ctx.report("NET-PORTRANGE-FORMAT", { container: m.container.label, value: m.range.value }, m.range.span, mappingPath(m, "containerPortRange"));
    }
  }
});

export const portRangeExclusive = defineRule(
  "NET-PORTRANGE-EXCLUSIVE",
  "error",
  "D",
  "[AWS-obs] cdk-preflight pf-ecs-port-range-with-host-port",
  (ctx) => {
    for (const m of allMappings(ctx)) {
      if (!m.range) continue;
      for (const member of ["containerPort", "hostPort"] as const) {
        const node = present(m.node, member);
        if (node) ctx.report("NET-PORTRANGE-EXCLUSIVE", { container: m.container.label, member }, { start: node.start, end: node.end }, mappingPath(m, member), optionalFix(removeMemberFix(ctx.text, mappingPath(m, member))));
      }
    }
  },
);

function optionalFix<T>(fix: T | undefined): T[] | undefined {
  return fix ? [fix] : undefined;
}

export const portRangeMode = defineRule("NET-PORTRANGE-MODE", "error", "D", "[AWS-doc] PortMapping.containerPortRange", (ctx) => {
  const mode = ctx.taskDefinition.networkMode;
  for (const container of ctx.taskDefinition.containers) {
    const ranges = mappingsOf(ctx, container).filter((m) => m.range);
    if (ranges.length === 0) continue;
    if (mode !== undefined && mode !== "bridge" && mode !== "awsvpc") {
      ctx.report("NET-PORTRANGE-MODE", { container: container.label, networkMode: mode, count: ranges.length, max: MAX_RANGES }, ranges[0].range!.span, mappingPath(ranges[0], "containerPortRange"));
    } else if (ranges.length > MAX_RANGES) {
      ctx.report("NET-PORTRANGE-MODE", { container: container.label, count: ranges.length, max: MAX_RANGES }, ranges[MAX_RANGES].range!.span, mappingPath(ranges[MAX_RANGES], "containerPortRange"));
    }
  }
});

export const portNameFormat = defineRule("NET-PORTNAME-FORMAT", "error", "D", "[AWS-doc] PortMapping.name", (ctx) => {
  for (const m of allMappings(ctx)) {
    if (m.name && !PORT_NAME.test(m.name.value)) {
      const repaired = m.name.value.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+/, "").slice(0, 64);
      ctx.report("NET-PORTNAME-FORMAT", { name: m.name.value }, m.name.span, mappingPath(m, "name"), PORT_NAME.test(repaired) ? [replaceValueFix(m.name.node, repaired)] : undefined);
    }
  }
});

export const portNameUnique = defineRule("NET-PORTNAME-UNIQUE", "error", "D", "[AWS-obs] cdk-preflight pf-ecs-port-mapping-duplicate-name; CDK", (ctx) => {
  const seen = new Set<string>();
  for (const m of allMappings(ctx)) {
    if (!m.name) continue;
    if (seen.has(m.name.value)) ctx.report("NET-PORTNAME-UNIQUE", { name: m.name.value }, m.name.span, mappingPath(m, "name"));
    seen.add(m.name.value);
  }
});

export const appProtocolWithoutName = defineRule("NET-APPPROTOCOL-NONAME", "warning", "D", "[AWS-doc] PortMapping.appProtocol", (ctx) => {
  for (const m of allMappings(ctx)) {
    const app = str(ctx, m.node, "appProtocol");
    if (app && !present(m.node, "name")) ctx.report("NET-APPPROTOCOL-NONAME", { container: m.container.label }, app.span, mappingPath(m, "appProtocol"));
  }
});

/** Container settings Docker's per-container network allows and awsvpc (one shared ENI) does not. */
function awsvpcForbids(id: "NET-HOSTNAME-AWSVPC" | "NET-EXTRAHOSTS-AWSVPC" | "NET-DNS-AWSVPC" | "NET-DISABLENET-AWSVPC", members: readonly string[]) {
  return (ctx: RuleContext) => {
    if (ctx.taskDefinition.networkMode !== "awsvpc") return;
    for (const container of ctx.taskDefinition.containers) {
      for (const member of members) {
        const prop = container.node.props?.find((p) => p.key === member);
        if (!prop || prop.node.kind === "null") continue;
        ctx.report(id, { container: container.label, member }, keySpan(prop), at(container, member), optionalFix(removeMemberFix(ctx.text, at(container, member))));
      }
    }
  };
}

export const hostnameAwsvpc = defineRule("NET-HOSTNAME-AWSVPC", "error", "D", "[AWS-obs] labd/ecs-deplojo#26", awsvpcForbids("NET-HOSTNAME-AWSVPC", ["hostname"]));
export const extraHostsAwsvpc = defineRule("NET-EXTRAHOSTS-AWSVPC", "error", "D", "[AWS-obs] cdk-preflight pf-ecs-awsvpc-extra-hosts", awsvpcForbids("NET-EXTRAHOSTS-AWSVPC", ["extraHosts"]));
export const dnsAwsvpc = defineRule("NET-DNS-AWSVPC", "error", "D", "[AWS-obs] cdk-preflight pf-ecs-fargate-dns-servers", awsvpcForbids("NET-DNS-AWSVPC", ["dnsServers", "dnsSearchDomains"]));
export const disableNetworkingAwsvpc = defineRule(
  "NET-DISABLENET-AWSVPC",
  "error",
  "D",
  "[AWS-obs] cdk-preflight pf-ecs-fargate-disable-networking",
  awsvpcForbids("NET-DISABLENET-AWSVPC", ["disableNetworking"]),
);

export const linksMode = defineRule("NET-LINKS-MODE", "error", "D", "[AWS-obs] aws-observability/aws-otel-collector#1359 (awsvpc); [AWS-doc] (host/none)", (ctx) => {
  const mode = ctx.taskDefinition.networkMode;
  if (mode === undefined || mode === "bridge") return;
  for (const container of ctx.taskDefinition.containers) {
    const links = list(ctx, container.node, "links");
    if (links && links.value.length > 0) ctx.report("NET-LINKS-MODE", { container: container.label, networkMode: mode }, links.span, at(container, "links"));
  }
});

export const linksTarget = defineRule("NET-LINKS-TARGET", "error", "D", "[AWS-doc] ContainerDefinition.links", (ctx) => {
  const view = ctx.taskDefinition;
  if (!view.namesKnown) return;
  for (const container of view.containers) {
    for (const link of stringsOf(ctx, container.node, "links")) {
      const target = link.value.split(":")[0];
      if (target === container.name || !view.byName.has(target)) {
        ctx.report("NET-LINKS-TARGET", { container: container.label, target }, link.span, at(container, "links", link.index));
      }
    }
  }
});

export const staticHostPort = defineRule("NET-STATIC-HOSTPORT", "runtime", "D", "[AWS-doc] PortMapping.hostPort", (ctx) => {
  const mode = ctx.taskDefinition.networkMode;
  if (mode !== "bridge" && mode !== "host") return;
  for (const m of allMappings(ctx)) {
    const port = m.hostPort?.value ?? (mode === "host" ? m.containerPort?.value : undefined);
    if (port === undefined || port === 0) continue;
    const reserved = RESERVED_HOST_PORTS.has(port);
    if (!reserved && port < EPHEMERAL_START) continue;
    const where = m.hostPort ?? m.containerPort!;
    ctx.report("NET-STATIC-HOSTPORT", { container: m.container.label, port, reserved }, where.span, mappingPath(m, m.hostPort ? "hostPort" : "containerPort"));
  }
});

export const networkingRules = [
  awsvpcHostPort,
  hostModeHostPort,
  noneModePorts,
  awsvpcPortUnique,
  portMultiProtocol,
  portRange,
  portRangeFormat,
  portRangeExclusive,
  portRangeMode,
  portNameFormat,
  portNameUnique,
  appProtocolWithoutName,
  hostnameAwsvpc,
  extraHostsAwsvpc,
  dnsAwsvpc,
  disableNetworkingAwsvpc,
  linksMode,
  linksTarget,
  staticHostPort,
];
