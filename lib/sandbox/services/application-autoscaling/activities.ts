/** DescribeScalingActivities: the desired-count changes Application Auto Scaling made, newest first. */
import type { Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { ECS_DIMENSION, pageOf, readKeys } from "./common";
import type { ScalingActivityRecord } from "./state";

export function presentActivity(activity: ScalingActivityRecord): object {
  return {
    ActivityId: activity.activityId,
    ServiceNamespace: "ecs",
    ResourceId: activity.resourceId,
    ScalableDimension: ECS_DIMENSION,
    Description: activity.description,
    Cause: activity.cause,
    StartTime: activity.startMs / 1000,
    ...(activity.endMs !== undefined ? { EndTime: activity.endMs / 1000 } : {}),
    StatusCode: activity.statusCode,
    ...(activity.statusMessage !== undefined ? { StatusMessage: activity.statusMessage } : {}),
  };
}

function describeScalingActivities(state: SandboxState, input: Input): object {
  const { resourceId } = readKeys(input, { resourceId: false, dimension: false });
  // Newest first, by time (a stored state's maps need not come back in insertion order).
  const activities = Object.values(state.aasActivities)
    .filter((a) => resourceId === undefined || a.resourceId === resourceId)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.startMs - x.a.startMs || y.i - x.i)
    .map(({ a }) => presentActivity(a));
  const { page, NextToken } = pageOf(activities, input);
  return { ScalingActivities: page, ...(NextToken ? { NextToken } : {}) };
}

export const activityOperations: Record<string, Operation> = {
  DescribeScalingActivities: { readOnly: true, run: (state, input) => describeScalingActivities(state, input) },
};
