import type { Task } from "@aws-sdk/client-ecs";

/** What the lesson page shows of a task: its state, why it stopped, and when each lifecycle step happened. */
export interface TaskView {
  taskArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus: string;
  stopCode?: string;
  stoppedReason?: string;
  timeline: { status: string; at: number }[];
  containers: { name: string; lastStatus: string; exitCode?: number; reason?: string }[];
}

const STEPS: [status: string, field: keyof Task][] = [
  ["PROVISIONING", "createdAt"],
  ["PENDING", "pullStartedAt"],
  ["RUNNING", "startedAt"],
  ["STOPPING", "stoppingAt"],
  ["STOPPED", "stoppedAt"],
];

export function taskView(task: Task): TaskView {
  return {
    taskArn: task.taskArn ?? "",
    taskDefinitionArn: task.taskDefinitionArn ?? "",
    lastStatus: task.lastStatus ?? "",
    desiredStatus: task.desiredStatus ?? "",
    stopCode: task.stopCode,
    stoppedReason: task.stoppedReason,
    timeline: STEPS.flatMap(([status, field]) => {
      const at = task[field];
      return at instanceof Date ? [{ status, at: at.getTime() }] : [];
    }),
    containers: (task.containers ?? []).map((c) => ({
      name: c.name ?? "",
      lastStatus: c.lastStatus ?? "",
      exitCode: c.exitCode,
      reason: c.reason,
    })),
  };
}
