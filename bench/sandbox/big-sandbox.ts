// A learner's sandbox holding one EC2 service of N running tasks, built over HTTP as a learner would (CreateService,
// then AdvanceClock until every task runs): what the size curve, the noisy neighbour and the memory runs measure.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { admitted } from "./retry";
import type { Learner } from "./targets";

export const CLUSTER = "dojo";
export const SERVICE = "small";
/** 16 CPU units and 128 MiB (the web image needs 80): a t3.2xlarge holds 249 by memory. */
const SMALL_TD = { family: "small", containerDefinitions: [{ name: "app", image: "ecs-dojo/web:1", cpu: 16, memory: 128, essential: true }] };
const TASKS_PER_INSTANCE = 200;
/** AdvanceClock calls before giving up: a call does a bounded amount of work (quotas.ts, workPerCall). */
const MAX_ADVANCES = 2_000;

export interface BigSandbox {
  learner: Learner;
  tasks: number;
  /** Ten of the service's task ARNs (DescribeTasks asks for these). */
  someTasks: string[];
  /** Wall time it took to build. */
  buildMs: number;
}

export async function bigSandbox(learner: Learner, tasks: number): Promise<BigSandbox> {
  const { ecs, dojo } = learner;
  if (!dojo) throw new Error("a big sandbox needs the product's DojoSandbox operations");
  const started = performance.now();
  await admitted(() => ecs.send(new CreateClusterCommand({ clusterName: CLUSTER })));
  // Room for the service and for the size curve's RunTask and UpdateService to add a few.
  await admitted(() => dojo("AddContainerInstances", { cluster: CLUSTER, instanceType: "t3.2xlarge", count: Math.ceil(tasks / TASKS_PER_INSTANCE) + 1 }));
  await admitted(() => ecs.send(new RegisterTaskDefinitionCommand(SMALL_TD)));
  await admitted(() => ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: SERVICE, taskDefinition: "small", desiredCount: tasks, launchType: "EC2" })));
  for (let advances = 0; ; advances++) {
    const { services } = await admitted(() => ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })));
    const service = services![0];
    if (service.runningCount === tasks && service.deployments?.length === 1 && service.deployments[0].rolloutState === "COMPLETED") break;
    if (advances === MAX_ADVANCES) throw new Error(`the ${tasks}-task service did not settle: ${service.runningCount} running`);
    await admitted(() => dojo("AdvanceClock", { seconds: 600 }));
  }
  const { taskArns } = await admitted(() => ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, maxResults: 10 })));
  return { learner, tasks, someTasks: taskArns!, buildMs: performance.now() - started };
}
