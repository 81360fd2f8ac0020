// The sandbox bench's fixed sequence of ECS calls (EC2 launch type, bridge; moto's awsvpc RunTask crashes): what a
// learner does in a lesson — register, run, describe, make a service, scale it, read it. Each pass removes what it
// made, untimed, so that every pass starts from the same state.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
} from "@aws-sdk/client-ecs";
import { admitted } from "./retry";
import type { Learner } from "./targets";

const CLUSTER = "bench";
const INSTANCE_TYPE = "t3.2xlarge";
const TASK_DEFINITION: RegisterTaskDefinitionCommandInput = {
  family: "bench",
  networkMode: "bridge",
  requiresCompatibilities: ["EC2"],
  containerDefinitions: [{ name: "app", image: "public.ecr.aws/nginx/nginx:1.27", cpu: 16, memory: 64, essential: true }],
};
export const CALLS = ["RegisterTaskDefinition", "RunTask", "DescribeTasks", "CreateService", "UpdateService", "DescribeServices"] as const;
export type Call = (typeof CALLS)[number];
export type Times = Record<Call, number>;

/**
 * One pass of the sequence, each call timed (a throttled call's retries included, as a learner's SDK would wait for
 * them); the task and service it made are removed afterwards, untimed.
 */
async function sequence(ecs: ECSClient, i: number): Promise<Times> {
  const times = {} as Times;
  const timed = async <T>(call: Call, send: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const output = await admitted(send);
    times[call] = performance.now() - started;
    return output;
  };
  const service = `svc-${i}`;
  const { taskDefinition } = await timed("RegisterTaskDefinition", () => ecs.send(new RegisterTaskDefinitionCommand(TASK_DEFINITION)));
  const revision = taskDefinition!.taskDefinitionArn!;
  const run = await timed("RunTask", () => ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: revision, launchType: "EC2" })));
  const taskArn = run.tasks?.[0]?.taskArn;
  if (!taskArn) throw new Error(`RunTask placed no task: ${JSON.stringify(run.failures)}`);
  await timed("DescribeTasks", () => ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [taskArn] })));
  await timed("CreateService", () =>
    ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: service, taskDefinition: revision, desiredCount: 1, launchType: "EC2" })),
  );
  await timed("UpdateService", () => ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service, desiredCount: 2 })));
  await timed("DescribeServices", () => ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [service] })));
  await admitted(() => ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: taskArn })));
  await admitted(() => ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service, force: true })));
  return times;
}

export const sequenceTime = (times: Times) => CALLS.reduce((sum, call) => sum + times[call], 0);

/** Creates the learner's cluster and its container instance; `pass(i)` then runs pass i of the sequence. */
export async function prepared(learner: Learner): Promise<{ pass: (i: number) => Promise<Times> }> {
  const { ecs } = learner;
  const { cluster } = await admitted(() => ecs.send(new CreateClusterCommand({ clusterName: CLUSTER })));
  const account = cluster!.clusterArn!.split(":")[4];
  const instanceIdentityDocument = JSON.stringify({ instanceId: await learner.instanceFor(account), instanceType: INSTANCE_TYPE });
  await admitted(() => ecs.send(new RegisterContainerInstanceCommand({ cluster: CLUSTER, instanceIdentityDocument })));
  return { pass: (i) => sequence(ecs, i) };
}
