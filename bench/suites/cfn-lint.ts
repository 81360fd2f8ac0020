// cfn-lint (the best public peer) against our validator on the real corpus: each task definition is
// wrapped as a CloudFormation template, cfn-lint runs on all of them, and the findings are compared side by
// side with ours: what cfn-lint finds that we lack (each one either a cfn-lint false alarm, named, or a gap),
// what we find that it lacks, and the time per file of each tool.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { validate, type Diagnostic } from "@/lib/validator";
import { placeholderIn } from "@/lib/validator/json/placeholders";
import { fmt, sample, summarize } from "../stats";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus/taskdefs/real");

/** Our rules that cover each cfn-lint rule (by what it checks), for matching findings file by file. */
const EQUIVALENT: Record<string, string[]> = {
  E3047: ["FG-CPU-MEM-COMBO", "FG-WINDOWS-SIZE"],
  E3048: ["FG-NETWORKMODE", "FG-CPU-MEM-REQUIRED", "FG-PLACEMENT-CONSTRAINTS", "LOG-FARGATE-DRIVER", "TD-CPU-FORMAT"],
  E3046: ["LOG-AWSLOGS-REQUIRED", "LOG-AWSLOGS-UNKNOWN-OPT"],
  E3042: ["TD-ESSENTIAL"],
  E3053: ["NET-AWSVPC-HOSTPORT"],
  E1156: ["TD-ROLE-ARN-FORMAT"],
  E3511: ["TD-ROLE-ARN-FORMAT"],
  E3002: ["CLI-UNKNOWN-KEY", "CLI-PASCALCASE", "SEC-ENV-DUP", "CLI-DESCRIBE-OUTPUT"],
  E3003: ["CLI-REQUIRED", "CD-NAME-REQUIRED", "CD-IMAGE-REQUIRED"],
  E3012: ["CLI-TYPE", "CLI-TYPE-TASK-CPU-MEM", "CLI-NULL"],
  E3030: ["API-ENUM", "LOG-DRIVER-ENUM"],
  E3031: ["API-TAGS", "TD-FAMILY-FORMAT", "CD-NAME-FORMAT", "CLI-STRLEN"],
  E3032: ["API-TAGS", "TD-CONTAINERS-MAX"],
  E3033: ["API-TAGS", "CLI-STRLEN"],
  E3034: ["HC-INTERVAL-RANGE", "HC-TIMEOUT-RANGE", "HC-RETRIES-RANGE", "HC-STARTPERIOD-RANGE", "TD-EPHEMERAL-RANGE"],
  E3037: ["TD-REQCOMPAT-UNIQUE", "LP-DEVICE-PERMS"],
  E3024: ["API-TAGS", "CLI-STRLEN"],
};

/**
 * cfn-lint findings that are wrong about the API input (validator-rules.md §2 and §4), named so the
 * comparison can tell them from our gaps.
 */
function falseAlarm(finding: CfnFinding, ours: Diagnostic[]): string | undefined {
  const id = finding.Rule.Id;
  if (id === "E3048" && /PlacementConstraints' isn't supported/.test(finding.Message) && !ours.some((d) => d.ruleId === "FG-PLACEMENT-CONSTRAINTS")) {
    return "E3048 flags an empty PlacementConstraints list";
  }
  if (id === "E3046" && /is not one of \['awslogs-create-group'/.test(finding.Message)) return "E3046 rejects awslogs options Docker's driver accepts (our LOG-AWSLOGS-UNKNOWN-OPT warns)";
  if (id.startsWith("W")) return `${id} is a cfn-lint warning about the template itself`;
  const quoted = /'([^']*)'/.exec(finding.Message)?.[1];
  if (quoted !== undefined && ours.some((d) => d.ruleId === "TPL-PLACEHOLDER") && (placeholderIn(quoted) !== undefined || quoted === "string")) {
    return "a template placeholder (we report TPL-PLACEHOLDER and skip the value)";
  }
  if ((id === "E1156" || id === "E3511") && quoted === "") return "E1156/E3511 on an empty role ARN, which console exports write and AWS reads as no role";
  if (id === "E3030" && /MANAGED_INSTANCES|'NONE'/.test(finding.Message)) return "E3030: CloudFormation's enum lags the API";
  return undefined;
}

interface CfnFinding {
  Filename: string;
  Level: string;
  Message: string;
  Rule: { Id: string };
}

const DATA_MAPS = new Set(["options", "dockerLabels", "driverOpts", "labels", "Options", "DockerLabels"]);
const RENAMES: Record<string, string> = {
  efsVolumeConfiguration: "EFSVolumeConfiguration",
  iam: "IAM",
  fsxWindowsFileServerVolumeConfiguration: "FSxWindowsFileServerVolumeConfiguration",
  s3filesVolumeConfiguration: "S3FilesVolumeConfiguration",
  properties: "ProxyConfigurationProperties",
};
const DESCRIBE_ONLY = new Set(["taskDefinitionArn", "revision", "status", "compatibilities", "requiresAttributes", "registeredAt", "registeredBy", "deregisteredAt"]);

/** API JSON → CloudFormation properties: PascalCase keys (with CloudFormation's own renames), data maps as they are. */
function toCloudFormation(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map((item) => toCloudFormation(item));
  if (value && typeof value === "object") {
    if (key !== undefined && DATA_MAPS.has(key)) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => v !== null && !DESCRIBE_ONLY.has(k))
        // EFS spells it FilesystemId in CloudFormation; FSx keeps FileSystemId.
        .map(([k, v]) => [key === "efsVolumeConfiguration" && k === "fileSystemId" ? "FilesystemId" : (RENAMES[k] ?? k.charAt(0).toUpperCase() + k.slice(1)), toCloudFormation(v, k)]),
    );
  }
  return value;
}

export default async function run() {
  if (!fs.existsSync(CORPUS)) {
    console.log(`corpus not found at ${CORPUS}: skipping the cfn-lint comparison`);
    return;
  }
  if (spawnSync("cfn-lint", ["--version"], { encoding: "utf8" }).status !== 0) {
    console.log("!!! cfn-lint is not on PATH: the comparison with cfn-lint CANNOT RUN. Install it (pip install cfn-lint) and rerun npm run bench.");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-dojo-cfn-"));
  const entries: Array<{ file: string; template: string; text: string }> = [];
  for (const file of fs.readdirSync(CORPUS).filter((f) => f.endsWith(".json") && f !== "MANIFEST.json")) {
    const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch {
      continue; // Not JSON: cfn-lint cannot read it as a template either.
    }
    const definition = (value as { taskDefinition?: unknown }).taskDefinition ?? value;
    const template = path.join(dir, file);
    fs.writeFileSync(template, JSON.stringify({ Resources: { TaskDefinition: { Type: "AWS::ECS::TaskDefinition", Properties: toCloudFormation(definition) } } }, null, 2));
    entries.push({ file, template, text });
  }

  const started = performance.now();
  const output = spawnSync("cfn-lint", ["--format", "json", ...entries.map((e) => e.template)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const cfnTotal = performance.now() - started;
  // cfn-lint exits non-zero when it finds something, so its status is not checked here.
  const single = summarize(await sample(() => spawnSync("cfn-lint", ["--format", "json", entries[0].template], { encoding: "utf8" }).status, 3, 1));
  const findings = JSON.parse(output.stdout || "[]") as CfnFinding[];

  const ourTimes: number[] = [];
  const theyLack: Record<string, number> = {};
  const weLack: Record<string, number> = {};
  const alarms: Record<string, number> = {};
  const unmapped: Record<string, number> = {};
  let cfnFiles = 0;
  let ourFiles = 0;
  for (const entry of entries) {
    const ours = validate(entry.text);
    ourTimes.push(summarize(await sample(() => validate(entry.text), 20, 5)).median);
    const theirs = findings.filter((f) => path.basename(f.Filename) === entry.file && f.Level === "Error");
    if (theirs.length > 0) cfnFiles++;
    if (ours.some((d) => d.level === "error")) ourFiles++;
    for (const finding of theirs) {
      const equivalent = EQUIVALENT[finding.Rule.Id];
      const reason = falseAlarm(finding, ours);
      if (reason) alarms[reason] = (alarms[reason] ?? 0) + 1;
      else if (!equivalent) unmapped[`${finding.Rule.Id}: ${finding.Message.slice(0, 90)}`] = (unmapped[finding.Rule.Id] ?? 0) + 1;
      else if (!ours.some((d) => equivalent.includes(d.ruleId))) weLack[`${finding.Rule.Id} ${finding.Message.slice(0, 90)} (${entry.file})`] = 1;
    }
    const theirRules = new Set(theirs.flatMap((f) => EQUIVALENT[f.Rule.Id] ?? []));
    for (const diagnostic of ours) {
      if (diagnostic.level === "warning" || theirRules.has(diagnostic.ruleId)) continue;
      theyLack[`${diagnostic.level} ${diagnostic.ruleId}`] = (theyLack[`${diagnostic.level} ${diagnostic.ruleId}`] ?? 0) + 1;
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const ourMedian = summarize(ourTimes).median;
  const cfnPerFile = cfnTotal / entries.length;
  console.log(`templates: ${entries.length} (the JSON files of the corpus, wrapped as AWS::ECS::TaskDefinition)`);
  console.log(`files with an error: cfn-lint ${cfnFiles}, ours ${ourFiles}`);
  console.log(`time per file: ours ${fmt(ourMedian)} (median, in process) | cfn-lint ${fmt(cfnPerFile)} (one run over all files) or ${fmt(single.median)} (one process per file)`);
  console.log(`ratio: cfn-lint is ${(cfnPerFile / ourMedian).toFixed(0)}× slower per file in a batch, ${(single.median / ourMedian).toFixed(0)}× as a process per file`);
  console.log(`\nfindings cfn-lint has that we lack (target: none): ${Object.keys(weLack).length}`);
  for (const line of Object.keys(weLack)) console.log(`  - ${line}`);
  console.log(`cfn-lint findings we judge false alarms (${Object.values(alarms).reduce((a, b) => a + b, 0)}):`);
  for (const [reason, count] of Object.entries(alarms)) console.log(`  - ${count}× ${reason}`);
  if (Object.keys(unmapped).length > 0) {
    console.log("cfn-lint findings with no equivalent rule mapped (review):");
    for (const [line, count] of Object.entries(unmapped)) console.log(`  - ${count}× ${line}`);
  }
  console.log(`\nfindings we have that cfn-lint lacks (errors and runtime failures, by rule):`);
  for (const [rule, count] of Object.entries(theyLack).sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(4)}  ${rule}`);
}
