import { advanceTo, createSandboxState, handleOperation, type SandboxState } from "@/lib/sandbox/engine";
import { AWSVPC, FARGATE_TD } from "./tests/unit/sandbox/support/engine";
import { fmt } from "./bench/stats";
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const ROLL_TASKS = 500;
const STEP_MS = 15_000;
const GIVE_UP_AFTER_MS = 6 * 3600_000;

interface Deployment {
  status: string;
  rolloutState?: string;
  runningCount: number;
  taskDefinition: string;
}

/** The engine alone, as the gateway drives it: one call at a time at an explicit simulated time. */
class Engine {
  state: SandboxState;
  now = Date.UTC(2026, 0, 1);

  constructor() {
    this.state = createSandboxState(ACCOUNT, REGION);
    this.state.clock = { simMs: this.now, wallMs: this.now };
  }

  call(operation: string, input: unknown): Record<string, unknown> {
    const { state, output } = handleOperation(this.state, operation, input, this.now);
    this.state = state;
    return output as Record<string, unknown>;
  }

  /** Steps simulated time until the service has one COMPLETED deployment of `revision` with every task running. */
  settle(revision: string): { simulatedMs: number; steps: number } {
    const from = this.now;
    for (let steps = 1; this.now - from < GIVE_UP_AFTER_MS; steps++) {
      this.now += STEP_MS;
      this.state = advanceTo(this.state, this.now);
      const { services } = this.call("DescribeServices", { cluster: "dojo", services: ["web"] }) as { services: Array<{ deployments: Deployment[] }> };
      const [only, ...others] = services[0].deployments;
      if (others.length === 0 && only.rolloutState === "COMPLETED" && only.runningCount === ROLL_TASKS && only.taskDefinition.endsWith(revision)) {
        return { simulatedMs: this.now - from, steps };
      }
    }
    throw new Error(`the service did not settle on ${revision} within ${GIVE_UP_AFTER_MS / 3600_000} simulated hours`);
  }
}

function rollingUpdate() {
  const engine = new Engine();
  engine.call("CreateCluster", { clusterName: "dojo" });
  engine.call("RegisterTaskDefinition", FARGATE_TD);
  engine.call("RegisterTaskDefinition", FARGATE_TD);
  const createStarted = performance.now();
  engine.call("CreateService", {
    cluster: "dojo",
    serviceName: "web",
    taskDefinition: "web:1",
    desiredCount: ROLL_TASKS,
    launchType: "FARGATE",
    networkConfiguration: AWSVPC,
  });
  const created = engine.settle(":1");
  const createWall = performance.now() - createStarted;

  const rollStarted = performance.now();
  engine.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" });
  const rolled = engine.settle(":2");
  const rollWall = performance.now() - rollStarted;

  console.log(`\nIn process on the engine (Fargate, ${ROLL_TASKS} tasks, default rolling bounds 100%/200%, checked every ${STEP_MS / 1000} simulated s):`);
  console.log(`  create to steady state:   ${fmt(createWall)} wall for ${(created.simulatedMs / 1000).toFixed(0)} simulated s (${created.steps} steps)`);
  console.log(`  roll web:1 -> web:2:      ${fmt(rollWall)} wall for ${(rolled.simulatedMs / 1000).toFixed(0)} simulated s (${rolled.steps} steps)`);
  console.log(`  state after the roll:     ${(JSON.stringify(engine.state).length / 1024 / 1024).toFixed(1)} MiB of JSON`);
}

rollingUpdate(); rollingUpdate();
