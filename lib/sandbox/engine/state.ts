import type { Cluster, Tag, Task, TaskDefinition } from "@aws-sdk/client-ecs";
import type { Wire } from "./wire";

export type WireCluster = Wire<Cluster>;
export type WireTask = Wire<Task>;
export type WireTaskDefinition = Wire<TaskDefinition>;

export interface TaskDefinitionRecord {
  taskDefinition: WireTaskDefinition;
  tags: Tag[];
}

export interface FamilyRecord {
  /** Index = revision − 1. Revisions are never removed (AWS never reuses a number), so length is the last revision. */
  revisions: TaskDefinitionRecord[];
}

/** The lifecycle steps a task can be scheduled to take next (see lifecycle.ts). */
export type TaskStep =
  | "eni-attaching"
  | "eni-attached"
  | "pull-started"
  | "pull-stopped"
  | "containers-running"
  | "stopping"
  | "containers-stopped"
  | "stopped"
  | "expired";

export interface TaskTimer {
  atMs: number;
  taskId: string;
  step: TaskStep;
}

/** One learner's ECS in one Region. Plain JSON: it is stored between requests. */
export interface SandboxState {
  schemaVersion: 1;
  accountId: string;
  region: string;
  seed: string;
  /** Counter behind every generated identifier (ids.ts). */
  sequence: number;
  /** simMs: how far the simulation has run; wallMs: the wall-clock time that simMs corresponds to (gateway/clock.ts). */
  clock: { simMs: number; wallMs: number };
  /** By cluster name. Counts (running tasks, …) are derived when described, never stored. */
  clusters: Record<string, WireCluster>;
  /** By family name. */
  taskDefinitions: Record<string, FamilyRecord>;
  /** By task id, in creation order. */
  tasks: Record<string, WireTask>;
  /** Pending lifecycle steps, ordered by time, then by when they were scheduled. */
  timers: TaskTimer[];
}

export function createSandboxState(accountId: string, region: string, seed = "ecs-dojo"): SandboxState {
  return {
    schemaVersion: 1,
    accountId,
    region,
    seed,
    sequence: 0,
    clock: { simMs: 0, wallMs: 0 },
    clusters: {},
    taskDefinitions: {},
    tasks: {},
    timers: [],
  };
}
