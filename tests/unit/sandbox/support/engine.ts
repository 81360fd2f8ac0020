import { expect } from "vitest";
import { advanceTo, createSandboxState, EcsError, handleOperation, handleSandboxOperation, newSandboxState, type Account, type SandboxState } from "@/lib/sandbox/engine";
import { scenarioRolesOf } from "@/lib/sandbox/engine/scenarios";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { transition } from "@/lib/sandbox/engine/transition";
import { cloudWatchProvider } from "@/lib/sandbox/services/cloudwatch";
import { elbv2Provider } from "@/lib/sandbox/services/elbv2";
import { iamProvider } from "@/lib/sandbox/services/iam";
import { applyScenarioRoles } from "@/lib/sandbox/services/iam/seed";
import { GLOBAL_REGION } from "@/lib/sandbox/services/provider";

export const ACCOUNT = "123456789012";
export const REGION = "ap-northeast-1";
/** 2026-01-01T00:00:00Z: the simulated epoch of every engine test. */
export const T0 = Date.UTC(2026, 0, 1);

export const FARGATE_TD = {
  family: "web",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "256",
  memory: "512",
  containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", portMappings: [{ containerPort: 80 }] }],
};

export const AWSVPC = { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"], assignPublicIp: "ENABLED" } };

/**
 * Drives the engine the way the gateway does, with time given explicitly in seconds after T0.
 * `state` always holds the latest state so tests can inspect it.
 */
export class EngineDriver {
  state: SandboxState;
  /** The account's IAM (its GLOBAL_REGION state), with the roles every account starts with. */
  global: SandboxState = newSandboxState(ACCOUNT, GLOBAL_REGION, T0);
  /** The learner's other Regions, by name (absent: nothing stored there). */
  regions: Record<string, SandboxState> = {};
  now = 0;
  /** What the gateway hands the engine: this driver's IAM and other Regions. */
  readonly account: Account = { stateOf: (region) => (region === GLOBAL_REGION ? this.global : (this.regions[region] ?? null)) };

  constructor(seed?: string) {
    this.state = createSandboxState(ACCOUNT, REGION, seed);
    this.state.clock = { simMs: T0, wallMs: T0 };
  }

  /** An IAM call on the account's IAM, as the CLI makes it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  iam(operation: string, input: unknown = {}): any {
    const { state, output } = runOperation(this.global, iamProvider.operations[operation], input, T0 + this.now * 1000, this.account);
    this.global = state;
    return output;
  }

  // The engine's outputs are JSON; tests read them loosely typed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(operation: string, input: unknown = {}, atSeconds = this.now): any {
    this.now = atSeconds;
    const { state, output } = handleOperation(this.state, operation, input, T0 + atSeconds * 1000, this.account);
    this.state = state;
    return output;
  }

  /** An Elastic Load Balancing v2 call on this Region's sandbox, as the CLI makes it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  elb(operation: string, input: unknown = {}): any {
    const run = elbv2Provider.operations[operation];
    const { state, output } = runOperation(this.state, run, input, T0 + this.now * 1000, this.account);
    if (!run.readOnly) this.state = state;
    return output;
  }

  /** A CloudWatch call on this Region's sandbox, as the CLI makes it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  cw(operation: string, input: unknown = {}): any {
    const run = cloudWatchProvider.operations[operation];
    const { state, output } = runOperation(this.state, run, input, T0 + this.now * 1000, this.account);
    if (!run.readOnly) this.state = state;
    return output;
  }

  /** The EcsError the call fails with (the test fails if it succeeds). */
  error(operation: string, input: unknown = {}): EcsError {
    return failureOf(operation, () => this.call(operation, input));
  }

  /** A DojoSandbox operation. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sandbox(operation: string, input: unknown = {}): any {
    // As the gateway does: a scenario's roles go to the account's IAM first.
    const roles = operation.endsWith("Scenario") ? scenarioRolesOf(input) : null;
    if (roles?.length) this.global = transition(this.global, (draft) => applyScenarioRoles(draft, roles, T0 + this.now * 1000)).state;
    const { state, output } = handleSandboxOperation(this.state, operation, input, T0 + this.now * 1000, this.account);
    this.state = state;
    return output;
  }

  /** The EcsError a DojoSandbox operation fails with. */
  sandboxError(operation: string, input: unknown = {}): EcsError {
    return failureOf(operation, () => this.sandbox(operation, input));
  }

  addInstances(instanceType: string, count = 1, cluster = "dojo") {
    return this.sandbox("AddContainerInstances", { cluster, instanceType, count }).containerInstances;
  }

  /** Advances one step at a time, calling `each` after every step (to check invariants while time passes). */
  stepTo(toSeconds: number, stepSeconds: number, each: (now: number) => void = () => {}): void {
    while (this.now < toSeconds) {
      this.advance(Math.min(toSeconds, this.now + stepSeconds));
      each(this.now);
    }
  }

  service(name: string, cluster = "dojo") {
    return this.call("DescribeServices", { cluster, services: [name] }).services[0];
  }

  /** Service event messages, oldest first (the API lists them newest first). */
  events(name: string, cluster = "dojo"): string[] {
    return (this.service(name, cluster).events as { message: string }[]).map((e) => e.message).reverse();
  }

  /** The service's tasks as stored (every status). */
  serviceTasks(name: string) {
    return Object.values(this.state.tasks).filter((t) => t.group === `service:${name}`);
  }

  advance(toSeconds: number): void {
    this.now = toSeconds;
    this.state = advanceTo(this.state, T0 + toSeconds * 1000, this.account);
  }

  /** A cluster "dojo" and the Fargate task definition "web:1". */
  withFargateBasics(): this {
    this.call("CreateCluster", { clusterName: "dojo" });
    this.call("RegisterTaskDefinition", FARGATE_TD);
    return this;
  }

  runTask(extra: Record<string, unknown> = {}) {
    return this.call("RunTask", {
      cluster: "dojo",
      taskDefinition: "web",
      launchType: "FARGATE",
      networkConfiguration: AWSVPC,
      ...extra,
    });
  }

  describeTask(taskArn: string) {
    return this.call("DescribeTasks", { cluster: "dojo", tasks: [taskArn] }).tasks[0];
  }
}

function failureOf(operation: string, run: () => unknown): EcsError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EcsError);
    return error as EcsError;
  }
  throw new Error(`${operation} succeeded but an error was expected`);
}

export const at = (seconds: number) => (T0 + seconds * 1000) / 1000;

/** A bridge-mode task definition for EC2: 256 CPU units and a 512 MiB hard limit. */
export const EC2_TD = {
  family: "api",
  containerDefinitions: [
    { name: "api", image: "ecs-dojo/web:1", cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 0 }] },
  ],
};

/** A Fargate task definition running `image` with `environment`, plus any other members. */
export function fargateTd(family: string, image: string, extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}) {
  return {
    family,
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    ...extra,
    containerDefinitions: [{ name: "app", image, essential: true, ...container }],
  };
}

export const SERVICE_NETWORK = AWSVPC;
