/**
 * "Stop all tasks": every task in the learner's sandbox that is still meant to run and belongs to no service gets a
 * StopTask, as if the learner typed each one (the page sends them through the learner's own client). A service's
 * tasks are left alone and counted: the service would only start new ones; its desired count is what stops them.
 */
import { DescribeTasksCommand, ListClustersCommand, ListTasksCommand, StopTaskCommand, type ECSClient } from "@aws-sdk/client-ecs";

const TASKS_PER_DESCRIBE = 100;

export interface StopAllResult {
  /** The tasks stopped, by ARN. */
  stopped: string[];
  /** Tasks left running because a service owns them. */
  serviceTasks: number;
}

export async function stopAllTasks(ecs: ECSClient, step: { current: string } = { current: "" }): Promise<StopAllResult> {
  const result: StopAllResult = { stopped: [], serviceTasks: 0 };
  step.current = "ListClusters";
  const clusters = await pages((nextToken) => ecs.send(new ListClustersCommand({ nextToken })).then((o) => ({ items: o.clusterArns, nextToken: o.nextToken })));
  for (const cluster of clusters) {
    step.current = "ListTasks";
    const arns = await pages((nextToken) =>
      ecs.send(new ListTasksCommand({ cluster, desiredStatus: "RUNNING", nextToken })).then((o) => ({ items: o.taskArns, nextToken: o.nextToken })),
    );
    for (let i = 0; i < arns.length; i += TASKS_PER_DESCRIBE) {
      step.current = "DescribeTasks";
      const { tasks = [] } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + TASKS_PER_DESCRIBE) }));
      for (const task of tasks) {
        if (task.group?.startsWith("service:")) {
          result.serviceTasks += 1;
          continue;
        }
        step.current = "StopTask";
        await ecs.send(new StopTaskCommand({ cluster, task: task.taskArn }));
        result.stopped.push(task.taskArn!);
      }
    }
  }
  return result;
}

async function pages(fetch: (nextToken?: string) => Promise<{ items?: string[]; nextToken?: string }>): Promise<string[]> {
  const all: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetch(nextToken);
    all.push(...(page.items ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}
