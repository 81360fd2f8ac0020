/**
 * The learner's account beyond this Region's state, as ECS sees it when it launches and starts tasks: IAM (a global
 * service, kept in the account's GLOBAL_REGION state) and other Regions' sandboxes (a secret or an image named by an
 * ARN or URI of another Region).
 *
 * The engine stays synchronous and pure, so it cannot load a state itself: it asks `account.stateOf(region)`, and a
 * state its caller has not loaded throws AccountStateNeeded. The caller (backends/embedded.ts) loads that state and
 * runs the same step again from the same inputs — safe because a step is a pure function of them, the reason the
 * store may already retry it (store.ts). Most calls never ask, so most calls load nothing more than today.
 * What another state holds is read as last stored, never changed from here: ECS reads IAM and secrets, it does not
 * write them.
 */
import { GLOBAL_REGION } from "../services/provider";
import type { IamState } from "../services/iam/state";
import { newSandboxState, type SandboxState } from "./state";

export class AccountStateNeeded extends Error {
  constructor(readonly region: string) {
    super(`The engine needs the account's ${region} state; load it and run the step again.`);
  }
}

export interface Account {
  /** The learner's state in `region` as last stored; null when nothing is stored there. Throws AccountStateNeeded. */
  stateOf(region: string): SandboxState | null;
}

/** An account whose other states are those in `loaded` (null: known to be absent); any other is needed. */
export function accountFrom(loaded: ReadonlyMap<string, SandboxState | null>): Account {
  return {
    stateOf(region) {
      if (!loaded.has(region)) throw new AccountStateNeeded(region);
      return loaded.get(region)!;
    },
  };
}

/** The learner's states by Region as seen from `state`: itself for its own Region (what the secrets resolver reads). */
export function statesFrom(state: SandboxState, account: Account): (region: string) => SandboxState | undefined {
  return (region) => (region === state.region ? state : (account.stateOf(region) ?? undefined));
}

/**
 * The account id the curriculum's files use (curriculum §3.1: "account 123456789012"). Each learner's sandbox has an id
 * of its own (what the CLI prints), and answers to this one as to its own, so a lesson's
 * `arn:aws:iam::123456789012:role/…` or `123456789012.dkr.ecr.…` names the learner's own role or registry. AWS would
 * take it for another account; the sandbox cannot give every learner the same id (it keys their states by it).
 */
export const CURRICULUM_ACCOUNT = "123456789012";

/** The id as an ARN's account field (`:123456789012:`) or a registry host's first label (`123456789012.dkr…`). */
const CURRICULUM_ACCOUNT_IN_ARN = new RegExp(`(^|:)${CURRICULUM_ACCOUNT}(?=[:.])`, "g");

/** `text` (an ARN or image URI) with the curriculum's account id read as the sandbox's own. */
export function inOwnAccount(state: Pick<SandboxState, "accountId">, text: string): string {
  if (state.accountId === CURRICULUM_ACCOUNT || !text.includes(CURRICULUM_ACCOUNT)) return text;
  return text.replace(CURRICULUM_ACCOUNT_IN_ARN, `$1${state.accountId}`);
}

/** For callers without a store (unit tests, one-off scripts): nothing is stored anywhere else, IAM holds its seeded roles. */
export const NEW_ACCOUNT: Account = { stateOf: () => null };

/** A new account's IAM, built once per account id: it never changes (states are immutable). */
const seededIam = new Map<string, IamState>();

/** The account's IAM maps: its GLOBAL_REGION state's, or the seeded roles of an account that never changed IAM. */
export function iamOf(account: Account, accountId: string): IamState {
  const stored = account.stateOf(GLOBAL_REGION);
  if (stored) return stored;
  let seeded = seededIam.get(accountId);
  if (!seeded) {
    seeded = newSandboxState(accountId, GLOBAL_REGION, 0);
    if (seededIam.size >= 1000) seededIam.delete(seededIam.keys().next().value!);
    seededIam.set(accountId, seeded);
  }
  return seeded;
}
