// The AWS CLI interpreter (lib/aws-cli): its own cost per command, and the seed CLI flow end to end against one sandbox
// gateway, side by side with the real AWS CLI v2 (/usr/bin/aws, a Python process per command) in the same run.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { runAws, type AwsCliEnvironment, type HttpResponse } from "@/lib/aws-cli";
import { nodeReadFile, nodeSend } from "@/lib/cli/aws";
import { AWS_CLI_V2, cliEnvironment } from "../../tests/integration/support/aws-cli";
import { LEARNER_REGION, startGatewayEndpoint, type GatewayEndpoint } from "../../tests/integration/support/gateway-endpoint";
import { fmt, sample, summarize } from "../stats";

const exec = promisify(execFile);

// Tunables, with why: enough runs for a stable p95 without making `npm run bench` slow.
const PER_COMMAND_RUNS = 300; // interpreter runs per command line (each well under a millisecond)
const PROCESS_RUNS = 8; // /usr/bin/aws process starts measured (each ~0.5 s)
const FLOW_RUNS = 5; // seed flows per CLI (each a few seconds with the real CLI)
const SERVICE_STABLE_SECONDS = 300; // simulated time moved before `wait services-stable`, same for both CLIs
// Simulated seconds per wall second: the ticks move the gateway's wall clock, which must stay within SigV4's 15
// minutes of the real time the real CLI signs with.
const SPEED = 20;

const NETWORK = "awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d],assignPublicIp=ENABLED}";
const TASK_DEFINITION = {
  family: "web",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "256",
  memory: "512",
  containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 80 }] }],
};

/** The command lines timed alone: parse, unpack (shorthand, JSON, file://), validate, serialize and sign. */
const COMMANDS = (dir: string) => [
  ["ecs", "list-clusters"],
  ["ecs", "create-service", "--cluster", "dojo", "--service-name", "web", "--task-definition", "web", "--desired-count", "2", "--launch-type", "FARGATE", "--network-configuration", NETWORK],
  ["ecs", "register-task-definition", "--cli-input-json", `file://${path.join(dir, "td.json")}`],
  ["ecs", "describe-services", "--cluster", "dojo", "--services", "web", "--query", "services[0].{status:status,running:runningCount}", "--output", "table"],
];

function seedFlow(dir: string, cluster: string): string[][] {
  return [
    ["ecs", "create-cluster", "--cluster-name", cluster],
    ["ecs", "register-task-definition", "--cli-input-json", `file://${path.join(dir, "td.json")}`],
    ["ecs", "create-service", "--cluster", cluster, "--service-name", "web", "--task-definition", "web", "--desired-count", "1", "--launch-type", "FARGATE", "--network-configuration", NETWORK],
    ["ecs", "wait", "services-stable", "--cluster", cluster, "--services", "web"],
    ["ecs", "describe-services", "--cluster", cluster, "--services", "web", "--query", "services[0].[status,runningCount,desiredCount]", "--output", "text"],
  ];
}

export default async function run() {
  const dir = await mkdtemp(path.join(tmpdir(), "dojo-bench-awscli-"));
  await writeFile(path.join(dir, "td.json"), JSON.stringify(TASK_DEFINITION));
  try {
    await perCommand(dir);
    await flows(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function perCommand(dir: string) {
  const answer: HttpResponse = { status: 200, headers: {}, body: "{}" };
  const environment: AwsCliEnvironment = {
    send: async () => answer,
    readFile: nodeReadFile,
    env: { AWS_ACCESS_KEY_ID: "AKIDBENCH", AWS_SECRET_ACCESS_KEY: "secret", AWS_DEFAULT_REGION: LEARNER_REGION, AWS_ENDPOINT_URL: "http://localhost/aws" },
  };
  console.log("interpreter, per command (parse + unpack + validate + serialize + SigV4, transport stubbed):");
  const medians: number[] = [];
  for (const args of COMMANDS(dir)) {
    const stats = summarize(await sample(() => runAws(args, environment), PER_COMMAND_RUNS));
    medians.push(stats.median);
    console.log(`  aws ${args.slice(0, 2).join(" ")} (${args.length} words): median ${fmt(stats.median)}, p95 ${fmt(stats.p95)}`);
  }
  if (!existsSync(AWS_CLI_V2)) {
    console.log(`  peer: ${AWS_CLI_V2} not installed, no process figure`);
    return;
  }
  const env = cliEnvironment({ endpointUrl: "", accessKeyId: "AKIDBENCH", secretAccessKey: "secret", region: LEARNER_REGION, workDir: dir });
  const process = summarize(await sample(() => exec(AWS_CLI_V2, ["ecs", "list-clusters", "--generate-cli-skeleton"], { env }), PROCESS_RUNS, 1));
  console.log(`  peer, AWS CLI v2 parsing the same kind of line without sending (a process: aws ecs list-clusters --generate-cli-skeleton): median ${fmt(process.median)}, p95 ${fmt(process.p95)}`);
  console.log(`  the interpreter's slowest command median is ${(process.median / Math.max(...medians)).toFixed(0)}× faster than one aws process start`);
}

async function flows(dir: string) {
  if (!existsSync(AWS_CLI_V2)) {
    console.log(`seed flow: ${AWS_CLI_V2} not installed, no side-by-side figure`);
    return;
  }
  const endpoint: GatewayEndpoint = await startGatewayEndpoint({ speed: SPEED });
  try {
    const interpreterTimes: number[] = [];
    const realTimes: number[] = [];
    const perStep: { interpreter: number[][]; real: number[][] } = { interpreter: [], real: [] };
    for (let i = 0; i < FLOW_RUNS; i++) {
      for (const side of ["interpreter", "real"] as const) {
        const learner = endpoint.newLearner();
        const steps = seedFlow(dir, `bench-${side}-${i}`);
        const run =
          side === "interpreter"
            ? (args: string[]) =>
                runAws([...args, "--endpoint-url", endpoint.url], { send: nodeSend, readFile: nodeReadFile, env: { AWS_ACCESS_KEY_ID: learner.accessKeyId, AWS_SECRET_ACCESS_KEY: learner.secretAccessKey, AWS_DEFAULT_REGION: LEARNER_REGION } }).then((r) => ({ code: r.exitCode, stdout: r.stdout }))
            : (args: string[]) =>
                exec(AWS_CLI_V2, [...args, "--endpoint-url", endpoint.url], { env: cliEnvironment({ endpointUrl: endpoint.url, accessKeyId: learner.accessKeyId, secretAccessKey: learner.secretAccessKey, region: LEARNER_REGION, workDir: dir }) }).then((r) => ({ code: 0, stdout: r.stdout }));
        const times: number[] = [];
        let last = "";
        for (const [index, args] of steps.entries()) {
          // The same simulated time passes before the waiter for both CLIs: its first poll finds the service steady.
          if (index === 3) endpoint.tick(SERVICE_STABLE_SECONDS / SPEED);
          const started = performance.now();
          const result = await run(args);
          times.push(performance.now() - started);
          if (result.code !== 0) throw new Error(`${side}: aws ${args.join(" ")} failed with exit code ${result.code}`);
          last = result.stdout;
        }
        if (last.trim() !== "ACTIVE\t1\t1") throw new Error(`${side}: the service did not reach a steady state (${JSON.stringify(last)})`);
        perStep[side].push(times);
        (side === "interpreter" ? interpreterTimes : realTimes).push(times.reduce((a, b) => a + b, 0));
      }
    }
    const ours = summarize(interpreterTimes);
    const theirs = summarize(realTimes);
    console.log(`seed flow (create-cluster → register-task-definition file:// → create-service shorthand → wait services-stable → describe-services --query), ${FLOW_RUNS} runs each against one gateway:`);
    console.log(`  interpreter (in-process, HTTP to the gateway): median ${fmt(ours.median)}, p95 ${fmt(ours.p95)}`);
    console.log(`  AWS CLI v2 (${AWS_CLI_V2}, a process per command): median ${fmt(theirs.median)}, p95 ${fmt(theirs.p95)}`);
    console.log(`  → the interpreter runs the flow ${(theirs.median / ours.median).toFixed(1)}× faster`);
    const stepNames = ["create-cluster", "register-task-definition", "create-service", "wait services-stable", "describe-services"];
    for (const [index, name] of stepNames.entries()) {
      const a = summarize(perStep.interpreter.map((t) => t[index]));
      const b = summarize(perStep.real.map((t) => t[index]));
      console.log(`    ${name}: interpreter median ${fmt(a.median)} (p95 ${fmt(a.p95)}) vs aws median ${fmt(b.median)} (p95 ${fmt(b.p95)})`);
    }
    const oneProcess = summarize(perStep.real.map((t) => Math.min(...t)));
    const oneRoundTrip = summarize(perStep.interpreter.map((t) => Math.max(...t)));
    console.log(`  target (issue 12): the slowest interpreter command round trip (median ${fmt(oneRoundTrip.median)}) < the quickest aws process (median ${fmt(oneProcess.median)}): ${oneRoundTrip.median < oneProcess.median ? "met" : "NOT met"}`);
  } finally {
    await endpoint.stop();
  }
}
