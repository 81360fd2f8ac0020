import { createSandboxState, handleOperation, handleSandboxOperation, type SandboxState } from "@/lib/sandbox/engine";
let state: SandboxState = createSandboxState("123456789012", "ap-northeast-1");
let now = Date.UTC(2026, 0, 1);
state = { ...state, clock: { simMs: now, wallMs: now } };
const call = (op: string, input: unknown): any => { const r = handleOperation(state, op, input, now); state = r.state; return r.output; };
call("CreateCluster", { clusterName: "bench" });
state = handleSandboxOperation(state, "AddContainerInstances", { cluster: "bench", instanceType: "t3.2xlarge", count: 1 }, now).state;
const TD = { family: "bench", networkMode: "bridge", requiresCompatibilities: ["EC2"], containerDefinitions: [{ name: "app", image: "public.ecr.aws/nginx/nginx:1.27", cpu: 16, memory: 64, essential: true }] };
const times: Record<string, number[]> = {};
const t = (op: string, input: unknown) => { const s = performance.now(); const o = call(op, input); (times[op] ??= []).push(performance.now() - s); now += 60; return o; };
for (let i = 0; i < 105; i++) {
  const rev = t("RegisterTaskDefinition", TD).taskDefinition.taskDefinitionArn;
  const arn = t("RunTask", { cluster: "bench", taskDefinition: rev, launchType: "EC2" }).tasks[0].taskArn;
  t("DescribeTasks", { cluster: "bench", tasks: [arn] });
  t("CreateService", { cluster: "bench", serviceName: `svc-${i}`, taskDefinition: rev, desiredCount: 1, launchType: "EC2" });
  t("UpdateService", { cluster: "bench", service: `svc-${i}`, desiredCount: 2 });
  t("DescribeServices", { cluster: "bench", services: [`svc-${i}`] });
  call("StopTask", { cluster: "bench", task: arn });
  call("DeleteService", { cluster: "bench", service: `svc-${i}`, force: true });
  now += 1000;
}
for (const [op, xs] of Object.entries(times)) { const s = xs.slice(5).sort((a, b) => a - b); console.log(op.padEnd(24), s[s.length >> 1].toFixed(3), "ms median"); }
console.log("state KiB", (JSON.stringify(state).length / 1024).toFixed(0), "tasks", Object.keys(state.tasks).length, "services", Object.keys(state.services).length, "timers", state.timers.length);
