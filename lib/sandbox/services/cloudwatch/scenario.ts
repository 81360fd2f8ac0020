/**
 * The `load` member of a lesson scenario (engine/scenarios.ts): traffic already arriving when the learner does — the
 * load generator's own input (DojoSandbox.SetLoad, load.ts), one entry per service or target group, applied once the
 * scenario's services exist and before its `advanceSeconds` pass, so that they pass under load. E.g. L701's busy
 * afternoon, 40 requests a second for ten minutes, then quiet:
 *
 *   "load": [{ "cluster": "shop", "service": "web",
 *              "schedule": [{ "afterSeconds": 0, "requestsPerSecond": 40 }, { "afterSeconds": 600, "requestsPerSecond": 0 }] }]
 *
 * `afterSeconds` counts from the moment the scenario is applied. A target group is named by `targetGroupName` (a file
 * cannot know the ARN the sandbox gives it) or `targetGroupArn`; it must exist already (scenarios make no load
 * balancers). Each entry goes through SetLoad itself, so its limits and its refusals apply.
 */
import type { Account } from "../../engine/account";
import { invalidParameter } from "../../engine/errors";
import { asInput } from "../../engine/input";
import type { SandboxState } from "../../engine/state";
import { LOAD_LIMITS, loadOperations } from "./load";

export interface LoadScenarioEntry {
  cluster?: string;
  service?: string;
  targetGroupArn?: string;
  targetGroupName?: string;
  requestsPerSecond?: number;
  schedule?: { afterSeconds?: number; requestsPerSecond: number }[];
}

const rate = { type: "number", minimum: 0, maximum: LOAD_LIMITS.requestsPerSecond } as const;

export const LOAD_SCENARIO_SCHEMA = {
  type: "array",
  description: "Requests per second over time to services or target groups (DojoSandbox.SetLoad inputs)",
  items: {
    type: "object",
    additionalProperties: false,
    properties: {
      cluster: { type: "string", description: "The service's cluster (default: default)" },
      service: { type: "string" },
      targetGroupArn: { type: "string" },
      targetGroupName: { type: "string" },
      requestsPerSecond: rate,
      schedule: {
        type: "array",
        minItems: 1,
        maxItems: LOAD_LIMITS.steps,
        items: {
          type: "object",
          additionalProperties: false,
          required: ["requestsPerSecond"],
          properties: { afterSeconds: { type: "number", minimum: 0, maximum: LOAD_LIMITS.scheduleSeconds }, requestsPerSecond: rate },
        },
      },
    },
    oneOf: [{ required: ["service"] }, { required: ["targetGroupArn"] }, { required: ["targetGroupName"] }],
    anyOf: [{ required: ["requestsPerSecond"] }, { required: ["schedule"] }],
  },
} as const;

const bad = (path: string, what: string) => invalidParameter(`Scenario ${path} ${what}.`);
const TARGETS = ["service", "targetGroupArn", "targetGroupName"] as const;
const MEMBERS = new Set(Object.keys(LOAD_SCENARIO_SCHEMA.items.properties));

function checkRate(value: unknown, path: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > LOAD_LIMITS.requestsPerSecond) {
    throw bad(path, `must be a number from 0 to ${LOAD_LIMITS.requestsPerSecond}`);
  }
}

/** Checks a scenario's `load` against LOAD_SCENARIO_SCHEMA's rules. */
export function readLoadScenario(value: unknown): LoadScenarioEntry[] {
  if (!Array.isArray(value)) throw bad("load", "must be a list of SetLoad inputs");
  value.forEach((entry, i) => {
    const at = `load[${i}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw bad(at, "must be an object");
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) if (!MEMBERS.has(key)) throw bad(`${at}.${key}`, "is not a member of a load (cluster, service, targetGroupArn, targetGroupName, requestsPerSecond, schedule)");
    const targets = TARGETS.filter((key) => e[key] !== undefined);
    if (targets.length !== 1) throw bad(at, "must name one service, targetGroupArn or targetGroupName");
    for (const key of ["cluster", ...TARGETS]) if (e[key] !== undefined && (typeof e[key] !== "string" || e[key] === "")) throw bad(`${at}.${key}`, "must be a name");
    if (e.requestsPerSecond === undefined && e.schedule === undefined) throw bad(at, "must give requestsPerSecond or a schedule");
    if (e.requestsPerSecond !== undefined) checkRate(e.requestsPerSecond, `${at}.requestsPerSecond`);
    if (e.schedule !== undefined) {
      if (!Array.isArray(e.schedule) || e.schedule.length === 0 || e.schedule.length > LOAD_LIMITS.steps) throw bad(`${at}.schedule`, `must be a list of 1 to ${LOAD_LIMITS.steps} steps`);
      e.schedule.forEach((step, j) => {
        const s = step as Record<string, unknown> | null;
        if (typeof s !== "object" || s === null) throw bad(`${at}.schedule[${j}]`, "must be an object");
        const after = s.afterSeconds ?? 0;
        if (typeof after !== "number" || !Number.isFinite(after) || after < 0 || after > LOAD_LIMITS.scheduleSeconds) {
          throw bad(`${at}.schedule[${j}].afterSeconds`, `must be a number of seconds from 0 to ${LOAD_LIMITS.scheduleSeconds}`);
        }
        checkRate(s.requestsPerSecond, `${at}.schedule[${j}].requestsPerSecond`);
      });
    }
  });
  return value as LoadScenarioEntry[];
}

/** Sends each entry to DojoSandbox.SetLoad at `clockMs` (the scenario's moment). */
export function applyLoadScenario(state: SandboxState, load: LoadScenarioEntry[], clockMs: number, account: Account): void {
  for (const entry of load) loadOperations.SetLoad.run(state, asInput(entry), clockMs, account);
}
