/** Section E: log drivers and their options. */
import { keySpan, type RuleContext } from "../engine/context";
import { addMemberFix, replaceValueFix } from "../engine/fixes";
import { closestName } from "../model/suggest";
import { at, defineRule, logConfigurationOf, obj, present, str } from "./define";

export const LOG_DRIVERS = ["json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens"] as const;
export const FARGATE_LOG_DRIVERS = ["awslogs", "splunk", "awsfirelens"] as const;
export const AWSLOGS_OPTIONS = [
  "awslogs-create-group",
  "awslogs-region",
  "awslogs-group",
  "awslogs-stream-prefix",
  "awslogs-datetime-format",
  "awslogs-multiline-pattern",
  "mode",
  "max-buffer-size",
] as const;
/** Options Docker's awslogs driver also takes, which the ECS documentation does not list. */
const DOCKER_AWSLOGS_EXTRAS = new Set(["awslogs-endpoint", "awslogs-credentials-endpoint", "awslogs-force-flush-interval-seconds", "awslogs-max-buffer-size", "awslogs-format", "tag"]);
const LOG_GROUP = /^[.\-_/#A-Za-z0-9]{1,512}$/;

/** Each container that has a log configuration, with the readable parts of it. */
function configured(ctx: RuleContext) {
  return ctx.taskDefinition.containers.flatMap((container) => {
    const log = logConfigurationOf(ctx, container);
    return log ? [{ container, ...log }] : [];
  });
}

function option(ctx: RuleContext, options: ReturnType<typeof obj>, name: string) {
  return options ? str(ctx, options.value, name) : undefined;
}

export const logDriverEnum = defineRule("LOG-DRIVER-ENUM", "error", "E", "API model enum (LogDriver)", (ctx) => {
  for (const { container, driver } of configured(ctx)) {
    if (!driver || (LOG_DRIVERS as readonly string[]).includes(driver.value)) continue;
    const suggestion = closestName(driver.value, LOG_DRIVERS) ?? LOG_DRIVERS.find((d) => d === driver.value.toLowerCase());
    ctx.report(
      "LOG-DRIVER-ENUM",
      { container: container.label, driver: driver.value, suggestion },
      driver.span,
      at(container, "logConfiguration", "logDriver"),
      suggestion ? [replaceValueFix(driver.node, suggestion)] : undefined,
    );
  }
});

export const fargateLogDriver = defineRule(
  "LOG-FARGATE-DRIVER",
  "error",
  "E",
  "[AWS-obs] cdk-preflight pf-ecs-fargate-log-driver-unsupported; cfn-lint E3048, E3713",
  (ctx) => {
    if (!ctx.taskDefinition.fargate) return;
    for (const { container, driver } of configured(ctx)) {
      if (!driver || !(LOG_DRIVERS as readonly string[]).includes(driver.value) || (FARGATE_LOG_DRIVERS as readonly string[]).includes(driver.value)) continue;
      ctx.report("LOG-FARGATE-DRIVER", { container: container.label, driver: driver.value }, driver.span, at(container, "logConfiguration", "logDriver"), [
        replaceValueFix(driver.node, "awslogs"),
      ]);
    }
  },
);

export const awslogsRequired = defineRule(
  "LOG-AWSLOGS-REQUIRED",
  "error",
  "E",
  "[AWS-obs] cfn-lint#1787, cdk-preflight pf-ecs-awslogs-missing-group; cfn-lint E3046",
  (ctx) => {
    for (const { container, config, driver, options } of configured(ctx)) {
      if (driver?.value !== "awslogs") continue;
      if (options === undefined && present(config, "options")) continue;
      // AWS lists the missing options region first.
      const missing = ["awslogs-region", "awslogs-group"].filter((name) => !present(options?.value, name));
      if (missing.length === 0) continue;
      ctx.report("LOG-AWSLOGS-REQUIRED", { container: container.label, missing: missing.join(", ") }, options ? options.span : driver.span, at(container, "logConfiguration", "options"));
    }
  },
);

export const awslogsStreamPrefixFargate = defineRule(
  "LOG-AWSLOGS-PREFIX-FARGATE",
  "error",
  "E",
  "[AWS-obs] cdk-preflight pf-ecs-awslogs-fargate-missing-stream-prefix; API doc",
  (ctx) => {
    if (!ctx.taskDefinition.fargate) return;
    for (const { container, config, driver, options } of configured(ctx)) {
      if (driver?.value !== "awslogs" || (options === undefined && present(config, "options"))) continue;
      if (present(options?.value, "awslogs-stream-prefix")) continue;
      const path = at(container, "logConfiguration", "options", "awslogs-stream-prefix");
      const fix = options ? addMemberFix(ctx.text, path, container.name ?? "ecs") : undefined;
      ctx.report("LOG-AWSLOGS-PREFIX-FARGATE", { container: container.label }, options ? options.span : driver.span, path, fix && [fix]);
    }
  },
);

export const awslogsCreateGroup = defineRule("LOG-AWSLOGS-CREATEGROUP", "error", "E", "[AWS-obs] terraform-linters/tflint-ruleset-aws#348", (ctx) => {
  for (const { container, driver, options } of configured(ctx)) {
    if (driver?.value !== "awslogs") continue;
    const value = option(ctx, options, "awslogs-create-group");
    // Official AWS samples write "True"; AWS reads the value as a boolean, so only its meaning matters.
    if (value && value.value.toLowerCase() !== "true") {
      ctx.report("LOG-AWSLOGS-CREATEGROUP", { container: container.label, value: value.value }, value.span, at(container, "logConfiguration", "options", "awslogs-create-group"), [
        replaceValueFix(value.node, "true"),
      ]);
    }
  }
});

export const awslogsGroupFormat = defineRule("LOG-AWSLOGS-GROUP-FORMAT", "error", "E", "CloudWatch Logs LogGroupName pattern (cfn-lint E1155 is registered under the wrong format)", (ctx) => {
  for (const { container, driver, options } of configured(ctx)) {
    if (driver?.value !== "awslogs") continue;
    const group = option(ctx, options, "awslogs-group");
    if (group && !LOG_GROUP.test(group.value)) {
      ctx.report("LOG-AWSLOGS-GROUP-FORMAT", { group: group.value }, group.span, at(container, "logConfiguration", "options", "awslogs-group"));
    }
  }
});

export const awslogsUnknownOption = defineRule("LOG-AWSLOGS-UNKNOWN-OPT", "warning", "E", "[AWS-doc] awslogs options; cfn-lint E3046", (ctx) => {
  for (const { container, driver, options } of configured(ctx)) {
    if (driver?.value !== "awslogs" || !options) continue;
    for (const prop of options.value.props ?? []) {
      if ((AWSLOGS_OPTIONS as readonly string[]).includes(prop.key) || DOCKER_AWSLOGS_EXTRAS.has(prop.key)) continue;
      ctx.report("LOG-AWSLOGS-UNKNOWN-OPT", { key: prop.key, suggestion: closestName(prop.key, AWSLOGS_OPTIONS) }, keySpan(prop), at(container, "logConfiguration", "options", prop.key));
    }
  }
});

export const awslogsDatetimeMultiline = defineRule("LOG-AWSLOGS-DATETIME-MULTILINE", "warning", "E", "[AWS-doc] LogConfiguration.options", (ctx) => {
  for (const { container, driver, options } of configured(ctx)) {
    if (driver?.value !== "awslogs" || !options) continue;
    const pattern = options.value.props?.find((p) => p.key === "awslogs-multiline-pattern");
    if (pattern && present(options.value, "awslogs-datetime-format")) {
      ctx.report("LOG-AWSLOGS-DATETIME-MULTILINE", { container: container.label }, keySpan(pattern), at(container, "logConfiguration", "options", "awslogs-multiline-pattern"));
    }
  }
});

export const logMode = defineRule("LOG-MODE", "error", "E", "[AWS-doc] LogConfiguration.options (mode, max-buffer-size)", (ctx) => {
  for (const { container, options } of configured(ctx)) {
    const mode = option(ctx, options, "mode");
    if (mode && mode.value !== "blocking" && mode.value !== "non-blocking") {
      ctx.report("LOG-MODE", { container: container.label, value: mode.value, problem: "value" }, mode.span, at(container, "logConfiguration", "options", "mode"));
    }
    const buffer = option(ctx, options, "max-buffer-size");
    if (buffer && mode?.value === "blocking") {
      // A buffer size is harmless but useless in blocking mode: teach it, do not fail it.
      const finding = ctx.report("LOG-MODE", { container: container.label, value: buffer.value, problem: "buffer" }, buffer.span, at(container, "logConfiguration", "options", "max-buffer-size"));
      finding.level = "warning";
      finding.stage = "advice";
    }
  }
});

export const awslogsGroupMissing = defineRule("LOG-AWSLOGS-GROUP-MISSING", "runtime", "E", "[AWS-doc]; observed stopped reasons", (ctx) => {
  for (const { container, driver, options } of configured(ctx)) {
    if (driver?.value !== "awslogs") continue;
    const group = option(ctx, options, "awslogs-group");
    if (group && option(ctx, options, "awslogs-create-group")?.value.toLowerCase() !== "true") {
      ctx.report("LOG-AWSLOGS-GROUP-MISSING", { group: group.value }, group.span, at(container, "logConfiguration", "options", "awslogs-group"));
    }
  }
});

export const firelensRouter = defineRule("LOG-FIRELENS-ROUTER", "error", "E", "[AWS-obs] cdk-preflight pf-ecs-awsfirelens-without-router; CDK", (ctx) => {
  const entries = configured(ctx);
  const users = entries.filter((entry) => entry.driver?.value === "awsfirelens");
  const routers = ctx.taskDefinition.containers.filter((c) => present(c.node, "firelensConfiguration"));
  if (users.length > 0 && routers.length === 0) {
    const first = users[0];
    ctx.report("LOG-FIRELENS-ROUTER", { count: 0 }, first.driver!.span, at(first.container, "logConfiguration", "logDriver"));
  }
  for (const extra of routers.slice(1)) {
    const prop = extra.node.props!.find((p) => p.key === "firelensConfiguration")!;
    ctx.report("LOG-FIRELENS-ROUTER", { count: routers.length }, keySpan(prop), at(extra, "firelensConfiguration"));
  }
});

export const firelensFargateS3 = defineRule("LOG-FIRELENS-FARGATE-S3", "error", "E", "[AWS-doc]; [AWS-obs] aws/aws-sdk#311", (ctx) => {
  if (!ctx.taskDefinition.fargate) return;
  for (const container of ctx.taskDefinition.containers) {
    const firelens = obj(ctx, container.node, "firelensConfiguration")?.value;
    const type = option(ctx, obj(ctx, firelens, "options"), "config-file-type");
    if (type?.value === "s3") {
      ctx.report("LOG-FIRELENS-FARGATE-S3", { container: container.label }, type.span, at(container, "firelensConfiguration", "options", "config-file-type"), [replaceValueFix(type.node, "file")]);
    }
  }
});

export const splunkOptions = defineRule("LOG-SPLUNK-OPTS", "runtime", "E", "[AWS-doc] splunk log driver", (ctx) => {
  for (const { container, config, driver, options } of configured(ctx)) {
    if (driver?.value !== "splunk") continue;
    const secretNames = new Set(secretOptionNames(ctx, config));
    const missing = [
      present(options?.value, "splunk-url") || secretNames.has("splunk-url") ? undefined : "splunk-url",
      present(options?.value, "splunk-token") || secretNames.has("splunk-token") ? undefined : "splunk-token",
    ].filter((m): m is string => m !== undefined);
    if (missing.length > 0) ctx.report("LOG-SPLUNK-OPTS", { container: container.label, missing: missing.join(", ") }, driver.span, at(container, "logConfiguration"));
  }
});

function secretOptionNames(ctx: RuleContext, config: import("../json/tree").JsonNode): string[] {
  const items = config.props?.find((p) => p.key === "secretOptions")?.node.items ?? [];
  return items.flatMap((item) => {
    const name = str(ctx, item, "name");
    return name ? [name.value] : [];
  });
}

export const logMissing = defineRule("LOG-MISSING", "warning", "E", "Security Hub ECS.9; Config ecs-task-definition-log-configuration; CT.ECS.PR.5", (ctx) => {
  for (const container of ctx.taskDefinition.containers) {
    if (!present(container.node, "logConfiguration")) ctx.report("LOG-MISSING", { container: container.label }, container.span, at(container, "logConfiguration"));
  }
});

export const loggingRules = [
  logDriverEnum,
  fargateLogDriver,
  awslogsRequired,
  awslogsStreamPrefixFargate,
  awslogsCreateGroup,
  awslogsGroupFormat,
  awslogsUnknownOption,
  awslogsDatetimeMultiline,
  logMode,
  awslogsGroupMissing,
  firelensRouter,
  firelensFargateS3,
  splunkOptions,
  logMissing,
];
