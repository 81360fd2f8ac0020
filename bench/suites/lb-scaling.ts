// A large service behind a load balancer, in process on the engine (npm run bench -- lb-scaling; issue 14,
// acceptance 4): an Application Load Balancer with an `instance` target group (ALB defaults: a check every 30 s,
// healthy after 5 passing checks), a bridge-mode EC2 service of 100 tasks that has reached a steady state, then
// UpdateService desiredCount 1,000, and the simulated clock stepped as a learner's calls step it until every target is
// healthy and the service has a single COMPLETED deployment with 1,000 tasks running, one target each. The figure is
// the wall time that takes (target: under 1 s), median and p95 over RUNS fresh sandboxes, and the CPU time (user +
// system) beside it: on a shared machine the CPU figure moves less with what else is running. The floor beside it is the
// same scale-out with no load balancer (the ECS scheduler alone), so what the target groups add is visible.
//
// Then blue/green deployed (the issue's second half, `deployBlueGreen`): UpdateService to web:2 with the BLUE_GREEN
// strategy (bake time 0) and the load balancer's advancedConfiguration (the green target group, the production listener
// rule), stepped until web:2's single deployment is COMPLETED with 1,000 tasks, every green target healthy and the blue
// group drained empty (the default deregistration delay, 300 s).
import { advanceTo, createSandboxState, handleOperation, handleSandboxOperation, NEW_ACCOUNT, type SandboxState } from "@/lib/sandbox/engine";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { sandboxNetwork } from "@/lib/sandbox/services/ec2/network";
import { elbv2Provider } from "@/lib/sandbox/services/elbv2";
import { fmt, summarize } from "../stats";

const RUNS = 7;
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const FROM_TASKS = 100;
const TO_TASKS = 1_000;
/** How far each step moves the clock: a learner's AdvanceClock, or the console polling while the clock runs. */
const STEP_MS = 15_000;
const GIVE_UP_AFTER_MS = 2 * 3600_000;
/**
 * Capacity for twice the service (a blue/green deployment runs both fleets at once): 128 CPU units and 256 MiB a
 * task, so an m5.2xlarge (8,192 units) holds 64; 32 of them hold 2,048 tasks. AddContainerInstances adds at most 50
 * at a time.
 */
const INSTANCES = 32;
const INSTANCE_TYPE = "m5.2xlarge";
const TASK_DEFINITION = {
  family: "web",
  networkMode: "bridge",
  containerDefinitions: [{ name: "web", image: "ecs-dojo/web:1", cpu: 128, memory: 256, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
};

// The engine's outputs are JSON; read loosely here as the CLI's --query would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Output = any;

/** One sandbox, driven as the gateway drives it: one call at a time at an explicit simulated time. */
export class LbSandbox {
  state: SandboxState;
  now = Date.UTC(2026, 0, 1);
  /** Set up by `withLoadBalancer`: what a blue/green deployment needs besides the service. */
  lb?: { loadBalancerArn: string; listenerArn: string; ruleArn: string; blueGroupArn: string; greenGroupArn: string };

  constructor() {
    this.state = createSandboxState(ACCOUNT, REGION);
    this.state.clock = { simMs: this.now, wallMs: this.now };
  }

  ecs(operation: string, input: object): Output {
    const { state, output } = handleOperation(this.state, operation, input, this.now, NEW_ACCOUNT);
    this.state = state;
    return output;
  }

  elb(operation: string, input: object): Output {
    const run = elbv2Provider.operations[operation];
    const { state, output } = runOperation(this.state, run, input, this.now, NEW_ACCOUNT);
    if (!run.readOnly) this.state = state;
    return output;
  }

  /** Steps the clock until `done` holds; the simulated time it took and the number of steps. */
  stepUntil(done: () => boolean, what: string): { simulatedMs: number; steps: number } {
    const from = this.now;
    for (let steps = 1; this.now - from < GIVE_UP_AFTER_MS; steps++) {
      this.now += STEP_MS;
      this.state = advanceTo(this.state, this.now, NEW_ACCOUNT);
      if (done()) return { simulatedMs: this.now - from, steps };
    }
    throw new Error(`${what} did not happen within ${GIVE_UP_AFTER_MS / 3600_000} simulated hours`);
  }

  /**
   * The service has one COMPLETED deployment, of `revision`, with `count` tasks running and — behind the ALB — every
   * target of `group` healthy and none left (draining) in the other group.
   */
  steadyAt(count: number, revision = "web:1", group = this.lb?.blueGroupArn): boolean {
    const service = this.ecs("DescribeServices", { cluster: "dojo", services: ["web"] }).services[0];
    const [only, ...others] = service.deployments;
    if (others.length > 0 || only.rolloutState !== "COMPLETED" || service.runningCount !== count || !only.taskDefinition.endsWith(`/${revision}`)) return false;
    if (!this.lb || !group) return true;
    const other = group === this.lb.blueGroupArn ? this.lb.greenGroupArn : this.lb.blueGroupArn;
    if (this.elb("DescribeTargetHealth", { TargetGroupArn: other }).TargetHealthDescriptions.length > 0) return false;
    // A target per task (each bridge task on an instance has its own dynamic host port), every one healthy.
    const targets = this.elb("DescribeTargetHealth", { TargetGroupArn: group }).TargetHealthDescriptions as { TargetHealth: { State: string } }[];
    return targets.length === count && targets.every((t) => t.TargetHealth.State === "healthy");
  }
}

/** A cluster with room for 2,048 tasks and the task definition web:1. */
function withCapacity(sandbox: LbSandbox): void {
  sandbox.ecs("CreateCluster", { clusterName: "dojo" });
  for (let added = 0; added < INSTANCES; added += 50) {
    const count = Math.min(50, INSTANCES - added);
    sandbox.state = handleSandboxOperation(sandbox.state, "AddContainerInstances", { cluster: "dojo", instanceType: INSTANCE_TYPE, count }, sandbox.now, NEW_ACCOUNT).state;
  }
  sandbox.ecs("RegisterTaskDefinition", TASK_DEFINITION);
}

/**
 * An internet-facing ALB in the seeded public subnets, a listener whose rule forwards /* to the `blue` target group
 * (weight 1) and to the `green` one (weight 0): the alternate group a blue/green deployment moves traffic to, already
 * used by the load balancer as ECS requires of a service's target groups.
 */
function withLoadBalancer(sandbox: LbSandbox): void {
  const net = sandboxNetwork(sandbox.state);
  const loadBalancerArn = sandbox.elb("CreateLoadBalancer", { Name: "web", Subnets: net.publicSubnetIds, SecurityGroups: [net.securityGroupIds.alb] }).LoadBalancers[0].LoadBalancerArn;
  const group = (name: string) =>
    sandbox.elb("CreateTargetGroup", { Name: name, Protocol: "HTTP", Port: 80, VpcId: net.vpcId, TargetType: "instance", HealthCheckPath: "/health" }).TargetGroups[0].TargetGroupArn as string;
  const blueGroupArn = group("web-blue");
  const greenGroupArn = group("web-green");
  const forward = (arn: string) => [{ Type: "forward", TargetGroupArn: arn }];
  const listenerArn = sandbox.elb("CreateListener", { LoadBalancerArn: loadBalancerArn, Protocol: "HTTP", Port: 80, DefaultActions: forward(blueGroupArn) }).Listeners[0].ListenerArn;
  const weighted = [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: blueGroupArn, Weight: 1 }, { TargetGroupArn: greenGroupArn, Weight: 0 }] } }];
  const ruleArn = sandbox.elb("CreateRule", { ListenerArn: listenerArn, Priority: 1, Conditions: [{ Field: "path-pattern", Values: ["/*"] }], Actions: weighted }).Rules[0].RuleArn;
  sandbox.lb = { loadBalancerArn, listenerArn, ruleArn, blueGroupArn, greenGroupArn };
}

function createService(sandbox: LbSandbox): void {
  sandbox.ecs("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web",
    desiredCount: FROM_TASKS,
    launchType: "EC2",
    // The figure is the deployment's. With rebalancing on, ECS then moves the green tasks between zones one at a time
    // (engine/az-rebalancing.ts), a process of its own that keeps a target draining for hours after a 1,000-task
    // blue/green on these instances.
    availabilityZoneRebalancing: "DISABLED",
    ...(sandbox.lb ? { loadBalancers: [{ targetGroupArn: sandbox.lb.blueGroupArn, containerName: "web", containerPort: 80 }], healthCheckGracePeriodSeconds: 60 } : {}),
  });
  sandbox.stepUntil(() => sandbox.steadyAt(FROM_TASKS), `the ${FROM_TASKS}-task service's steady state`);
}

interface Phase {
  wallMs: number;
  cpuMs: number;
  simulatedMs: number;
  steps: number;
}

function timed(run: () => { simulatedMs: number; steps: number }): Phase {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { simulatedMs, steps } = run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, simulatedMs, steps };
}

function scaleOut(sandbox: LbSandbox): Phase {
  return timed(() => {
    sandbox.ecs("UpdateService", { cluster: "dojo", service: "web", desiredCount: TO_TASKS });
    return sandbox.stepUntil(() => sandbox.steadyAt(TO_TASKS), `the scale-out to ${TO_TASKS} healthy targets`);
  });
}

/**
 * The blue/green half of acceptance 4 (engine/deployment-strategies.ts, traffic-shift.ts), on the 1,000-task service
 * once it is steady behind `sandbox.lb.blueGroupArn`. Undefined when there is no load balancer.
 */
export function deployBlueGreen(sandbox: LbSandbox): Phase | undefined {
  const lb = sandbox.lb;
  if (!lb) return undefined;
  return timed(() => {
    sandbox.ecs("UpdateService", {
      cluster: "dojo",
      service: "web",
      taskDefinition: "web:2",
      deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: 0 },
      loadBalancers: [
        {
          targetGroupArn: lb.blueGroupArn,
          containerName: "web",
          containerPort: 80,
          advancedConfiguration: { alternateTargetGroupArn: lb.greenGroupArn, productionListenerRule: lb.ruleArn, roleArn: `arn:aws:iam::${ACCOUNT}:role/ecsInfrastructureRole` },
        },
      ],
    });
    return sandbox.stepUntil(() => sandbox.steadyAt(TO_TASKS, "web:2", lb.greenGroupArn), `the blue/green deployment of web:2 to ${TO_TASKS} healthy green targets`);
  });
}

function oneRun(withLb: boolean): { scaleOut: Phase; blueGreen?: Phase; sandbox: LbSandbox } {
  const sandbox = new LbSandbox();
  withCapacity(sandbox);
  if (withLb) withLoadBalancer(sandbox);
  createService(sandbox);
  const scaled = scaleOut(sandbox);
  if (!withLb) return { scaleOut: scaled, sandbox };
  sandbox.ecs("RegisterTaskDefinition", TASK_DEFINITION);
  return { scaleOut: scaled, blueGreen: deployBlueGreen(sandbox), sandbox };
}

export default async function run() {
  // One unmeasured run each, so that the first measured one does not pay for loading and compiling the engine.
  oneRun(true);
  oneRun(false);
  const behindAlb: ReturnType<typeof oneRun>[] = [];
  const alone: ReturnType<typeof oneRun>[] = [];
  // Taking turns, so that a noisy moment of the machine falls on both alike.
  for (let i = 0; i < RUNS; i++) {
    behindAlb.push(oneRun(true));
    alone.push(oneRun(false));
  }
  const last = behindAlb[behindAlb.length - 1];
  console.log(
    `In process on the engine: ${INSTANCES} ${INSTANCE_TYPE}, bridge tasks of 128 CPU units / 256 MiB, the clock stepped ${STEP_MS / 1000} simulated s at a time;`,
  );
  console.log(`median / p95 of ${RUNS} fresh sandboxes each (after one warm-up), the two kinds taking turns. Target: under 1 s.\n`);
  const row = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(64) : c.padStart(26))).join(""));
  row(["", "wall median / p95", "CPU median / p95", "simulated", "steps"]);
  const line = (label: string, phases: Phase[]) => {
    const wall = summarize(phases.map((p) => p.wallMs));
    const cpu = summarize(phases.map((p) => p.cpuMs));
    const simulated = summarize(phases.map((p) => p.simulatedMs / 1000));
    row([label, `${fmt(wall.median)} / ${fmt(wall.p95)}`, `${fmt(cpu.median)} / ${fmt(cpu.p95)}`, `${simulated.median.toFixed(0)} s`, String(summarize(phases.map((p) => p.steps)).median)]);
  };
  line(`scale ${FROM_TASKS} -> ${TO_TASKS} behind an ALB, until all healthy`, behindAlb.map((r) => r.scaleOut));
  line(`floor: the same scale-out with no load balancer (ECS alone)`, alone.map((r) => r.scaleOut));
  line(`then blue/green to web:2, until green all healthy, blue drained`, behindAlb.map((r) => r.blueGreen!));
  const targets = Object.values(last.sandbox.state.elbTargets).filter((t) => t.health.state === "healthy").length;
  console.log(`\nstate at the end (behind the ALB): ${Object.keys(last.sandbox.state.tasks).length} tasks, ${targets} healthy targets, ${last.sandbox.state.timers.length} timers, ${(JSON.stringify(last.sandbox.state).length / 2 ** 20).toFixed(1)} MiB of JSON`);
}
