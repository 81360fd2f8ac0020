import type { ListAccountSettingsResponse, PutAccountSettingResponse, Setting } from "@aws-sdk/client-ecs";
import { callerArn } from "./arns";
import { invalidParameter } from "./errors";
import { optBoolean, optEnum, optString, type Input } from "./input";
import type { Operation } from "./operation";
import { paginate } from "./pagination";
import type { SandboxState } from "./state";
import type { Wire } from "./wire";

/**
 * Account settings and their values for an account today ([AWS-doc] PutAccountSetting; long ARN formats have been
 * on for every account since 2021; defaultLogDriverMode changed to non-blocking in June 2025). The sandbox stores
 * changes and reports them; they do not change how it behaves (ARNs are always long).
 */
const DEFAULTS: Record<string, string> = {
  serviceLongArnFormat: "enabled",
  taskLongArnFormat: "enabled",
  containerInstanceLongArnFormat: "enabled",
  awsvpcTrunking: "disabled",
  containerInsights: "disabled",
  fargateFIPSMode: "disabled",
  tagResourceAuthorization: "on",
  fargateTaskRetirementWaitPeriod: "7",
  guardDutyActivate: "off",
  defaultLogDriverMode: "non-blocking",
};
const NAMES = Object.keys(DEFAULTS);
const ALLOWED: Record<string, string[]> = {
  containerInsights: ["enabled", "disabled", "enhanced"],
  tagResourceAuthorization: ["on", "off"],
  guardDutyActivate: ["on", "off"],
  fargateTaskRetirementWaitPeriod: ["0", "7", "14"],
  defaultLogDriverMode: ["blocking", "non-blocking"],
};

function settingOf(state: SandboxState, name: string): Wire<Setting> {
  const changed = Object.hasOwn(state.accountSettings, name);
  return {
    name: name as Setting["name"],
    value: changed ? state.accountSettings[name] : DEFAULTS[name],
    principalArn: callerArn(state),
    type: changed ? "user" : "aws_managed",
  };
}

function putAccountSetting(state: SandboxState, input: Input): Wire<PutAccountSettingResponse> {
  const name = optEnum(input, "name", NAMES);
  const value = optString(input, "value");
  if (!name || value === undefined) throw invalidParameter("name and value are required.");
  const allowed = ALLOWED[name] ?? ["enabled", "disabled"];
  if (!allowed.includes(value)) throw invalidParameter(`The value for ${name} must be one of: ${allowed.join(", ")}.`);
  state.accountSettings[name] = value;
  return { setting: settingOf(state, name) };
}

function listAccountSettings(state: SandboxState, input: Input): Wire<ListAccountSettingsResponse> {
  const name = optEnum(input, "name", NAMES);
  const value = optString(input, "value");
  const effective = optBoolean(input, "effectiveSettings") ?? false;
  const settings = (name ? [name] : NAMES)
    .filter((n) => effective || Object.hasOwn(state.accountSettings, n) || name !== undefined)
    .map((n) => settingOf(state, n))
    .filter((s) => value === undefined || s.value === value);
  const { page, nextToken } = paginate(settings, input, 10);
  return nextToken ? { settings: page, nextToken } : { settings: page };
}

export const accountSettingOperations: Record<string, Operation> = {
  ListAccountSettings: { readOnly: true, run: listAccountSettings },
  PutAccountSetting: { readOnly: false, run: putAccountSetting },
};
