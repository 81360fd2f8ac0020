/**
 * The AWS-compatible endpoint: AWS JSON 1.1 over HTTP with SigV4, in front of each learner's own sandbox.
 * Framework-free; the app's endpoint (app/_server/aws-endpoint.ts) and the in-process SDK client adapt their
 * requests to AwsRequest and may hand over the body as a stream, which is read no further than MAX_BODY_BYTES.
 */
import { randomUUID } from "node:crypto";
import { ecsModel } from "@/lib/ecs-model";
import { MAX_JSON_DEPTH, nestingDepth } from "@/lib/http/json-body";
import type { SandboxBackend, SandboxCaller } from "../backends/backend";
import { embeddedBackend, onSandbox } from "../backends/embedded";
import { AWS_MODELS } from "@/lib/aws-models";
import { advanceTo, EcsError, handleOperation, handleSandboxOperation, isReadOnlyOperation, isSandboxOperation, newSandboxState } from "../engine";
import { sandboxRead } from "../engine/sandbox-operations";
import { scenarioRolesOf } from "../engine/scenarios";
import { runOperation } from "../engine/simulation";
import { transition } from "../engine/transition";
import { applyScenarioRoles } from "../services/iam/seed";
import { awsErrorIn } from "../aws-error-answer";
import { dockerOperation, dockerRegionOf } from "../docker";
import { GLOBAL_REGION, PROVIDERS, SERVICE_TITLES } from "../services";
import type { SandboxStore } from "../store";
import type { Account, SandboxState } from "../engine";
import { BODY_TOO_LARGE, closing, errorResponse, jsonResponse, MAX_BODY_BYTES, readBodyWithin, type AwsRequest, type AwsResponse } from "./http";
import {
  checkRequestTime,
  isAuthFailure,
  isSignatureValid,
  parseAuthorization,
  SIGNATURE_MISMATCH,
  type ReceivedRequest,
  SIGNING_SERVICE,
} from "./sigv4";
import { protocolOf, xmlProtocolOfScope } from "./protocols";
import type { WireCall } from "./protocols/protocol";

import { clockOf, DEFAULT_SANDBOX_SPEED, type SandboxClock } from "./clock";

export { DEFAULT_SANDBOX_SPEED, type SandboxClock } from "./clock";
export { EcsError } from "../engine";
export { MAX_BODY_BYTES, responseBytes, type AwsRequest, type AwsResponse, type RequestBody } from "./http";

export interface CredentialLookup {
  /** The learner's account and secret for an access key id, or null for a key the site never issued. */
  lookup(accessKeyId: string): Promise<{ accountId: string; secretAccessKey: string } | null>;
}

/** One authenticated call as the learner made it: what call-history checks read. */
export interface RecordedCall {
  accountId: string;
  region: string;
  /** "ecs", or "dojo" for the sandbox's own operations. */
  service: string;
  operation: string;
  input: unknown;
  error?: { code: string; message: string };
}

export interface CallRecorder {
  record(call: RecordedCall): Promise<void>;
}

/**
 * Calls with this header (any value) are not recorded: the grader's own reads must never count as something the
 * learner did. A learner who sends it only hides calls from their own checks.
 */
export const GRADER_HEADER = "x-dojo-grader";

export interface GatewayDeps {
  store: SandboxStore;
  credentials: CredentialLookup;
  /** Wall clock in epoch ms (injected so tests are deterministic). Default Date.now. */
  now?: () => number;
  /**
   * The clock a request's signing time is checked against (SigV4 allows 15 minutes either way). Default `now`; a
   * sandbox whose `now` is frozen (lessons verify) passes the real clock, so a long run is not refused as stale.
   */
  signingNow?: () => number;
  /** Simulated seconds per wall second. Default DEFAULT_SANDBOX_SPEED (1). */
  speed?: number;
  /** Where unexpected failures are reported. Default console.error. */
  log?: (message: string, error: unknown) => void;
  /** Who answers ECS calls. Default: the embedded engine over `store`. */
  backend?: SandboxBackend;
  /** Where each authenticated call is written before it is answered; none = not recorded. */
  calls?: CallRecorder;
  /** Per-sandbox work budget; none = unlimited. */
  throttle?: SandboxThrottle;
}

/**
 * Keeps one sandbox's calls from crowding out everyone else's: a call is admitted while its sandbox has budget left,
 * and the engine's work for it (the synchronous part that holds the event loop; backends/embedded.ts) is charged to
 * the sandbox. Waiting for the database or a forwarded endpoint costs nobody else anything and is not charged. Over
 * budget, the caller gets ECS's own throttling error and retries the way AWS clients do.
 */
export interface SandboxThrottle {
  admit(accountId: string): Promise<boolean>;
  charge(accountId: string, milliseconds: number): void;
}

const ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";
const SANDBOX_TARGET_PREFIX = "DojoSandbox";
/** One AdvanceClock call moves the simulation at most a day. */
const MAX_ADVANCE_SECONDS = 86_400;

type Caller = SandboxCaller;

export async function handleAwsRequest(request: AwsRequest, deps: GatewayDeps): Promise<AwsResponse> {
  const requestId = randomUUID();
  try {
    // A declared length over the limit is refused before a byte of the body is read.
    const tooLarge = () => closing(refusal(new EcsError("SerializationException", BODY_TOO_LARGE), request.headers, requestId));
    if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return tooLarge();
    // A CBOR body (CloudWatch's protocol) is bytes: kept one character per byte, and signed as those bytes.
    const binary = isCbor(request.headers);
    const body = await readBodyWithin(request.body, MAX_BODY_BYTES, binary ? "latin1" : "utf8");
    if (body === undefined) return tooLarge();
    const headers = lowerCaseNames(request.headers);
    const { caller, service } = await authenticate({ method: request.method, path: request.path, headers, body, ...(binary ? { bodyEncoding: "latin1" as const } : {}) }, deps);
    if (deps.throttle && !(await deps.throttle.admit(caller.accountId))) throw new EcsError("ThrottlingException", "Rate exceeded.");
    const recorder = headers[GRADER_HEADER] === undefined ? deps.calls : undefined;
    // A call that was answered stays answered: a failure to record it is logged, never turned into an error.
    const record = (call: RecordedCall) =>
      recorder?.record(call).catch((error) => (deps.log ?? console.error)(`ECS sandbox gateway: request ${requestId} was not recorded`, error));
    if (service !== SIGNING_SERVICE) return await serviceCall(service, caller, { headers, body, path: request.path }, deps, requestId, record);
    const target = headers["x-amz-target"] ?? "";
    let input: unknown;
    try {
      input = parseBody(body);
      const output = await dispatch(target, input, caller, deps);
      await record(callOf(caller, target, input));
      return jsonResponse(200, output, requestId);
    } catch (error) {
      if (error instanceof EcsError) await record(callOf(caller, target, input ?? body, error));
      throw error;
    }
  } catch (error) {
    if (!(error instanceof EcsError)) (deps.log ?? console.error)(`ECS sandbox gateway: request ${requestId} failed`, error);
    const failure = error instanceof EcsError ? error : new EcsError("ServerException", "The sandbox could not process the request.");
    return refusal(failure, request.headers, requestId);
  }
}

/**
 * A call refused before a service read it (size, signature, key, throttling, unknown service): IAM, STS and EC2
 * callers get the error in their own XML protocol, named from the credential scope; ECS and the JSON 1.1 services JSON.
 */
function refusal(failure: EcsError, headers: Record<string, string>, requestId: string): AwsResponse {
  const xml = xmlProtocolOfScope(headers);
  if (xml) return xml.protocol.failure(failure, xml.model, requestId);
  return errorResponse(failure.type, failure.message, requestId);
}

function callOf(caller: Caller, target: string, input: unknown, error?: EcsError): RecordedCall {
  const dot = target.lastIndexOf(".");
  return {
    accountId: caller.accountId,
    region: caller.region,
    service: target.slice(0, dot) === SANDBOX_TARGET_PREFIX ? "dojo" : "ecs",
    operation: target.slice(dot + 1),
    input,
    error: error && { code: error.type, message: error.message },
  };
}

function isCbor(headers: Record<string, string>): boolean {
  const name = Object.keys(headers).find((key) => key.toLowerCase() === "content-type");
  return name !== undefined && String(headers[name]).toLowerCase().startsWith("application/cbor");
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/**
 * A call to one of the other services (services/): read in the service's own protocol, run on the learner's sandbox
 * (a global service's on the account's GLOBAL_REGION state), answered and failed in that protocol.
 */
async function serviceCall(
  service: string,
  caller: Caller,
  request: { headers: Record<string, string>; body: string; path?: string },
  deps: GatewayDeps,
  requestId: string,
  record: (call: RecordedCall) => Promise<void> | undefined,
): Promise<AwsResponse> {
  const provider = PROVIDERS[service];
  if (!provider) {
    const known = [SIGNING_SERVICE, ...Object.keys(PROVIDERS)].map((name) => SERVICE_TITLES[name] ?? name).join(", ");
    throw new EcsError("UnrecognizedServiceException", `The ECS Dojo sandbox does not emulate the ${service} service; it answers ${known}.`);
  }
  const model = AWS_MODELS[provider.service];
  const protocol = protocolOf(model, request.headers);
  let call: WireCall | undefined;
  try {
    call = protocol.read(request, model);
    const { operation, input } = call;
    if (deps.backend?.forward) {
      const answer = await deps.backend.forward(service, request, caller);
      await record({ ...caller, service, operation, input, ...(answer.status >= 400 ? { error: forwardedError(answer) } : {}) });
      return answer;
    }
    const handler = provider.operations[operation];
    const target = { accountId: caller.accountId, region: provider.global ? GLOBAL_REGION : caller.region };
    const output = await onSandbox(target, deps, (current, simNow, _unstored, account) => {
      const { state, output } = runOperation(current, handler, input, simNow, account);
      return { state: handler.readOnly ? null : state, result: output };
    });
    await record({ ...caller, service, operation, input });
    return protocol.answer(operation, output, model, requestId);
  } catch (error) {
    if (!(error instanceof EcsError)) throw error;
    if (call) await record({ ...caller, service, operation: call.operation, input: call.input, error: { code: error.type, message: error.message } });
    return protocol.failure(error, model, requestId);
  }
}

/** The AWS error in a forwarded answer, for the call history. */
function forwardedError(answer: AwsResponse): { code: string; message: string } {
  const { code, message } = awsErrorIn(answer.body, answer.headers["x-amzn-errortype"]);
  return { code: code ?? "", message: message ?? "" };
}

async function authenticate(request: ReceivedRequest, deps: GatewayDeps): Promise<{ caller: Caller; service: string }> {
  const parts = parseAuthorization(request.headers);
  if (isAuthFailure(parts)) throw new EcsError(parts.type, parts.message);
  const stale = checkRequestTime(parts.amzDate, (deps.signingNow ?? deps.now ?? Date.now)());
  if (stale) throw new EcsError(stale.type, stale.message);
  const account = await deps.credentials.lookup(parts.accessKeyId);
  if (!account) throw new EcsError("UnrecognizedClientException", "The security token included in the request is invalid.");
  if (!isSignatureValid(request, parts, account.secretAccessKey)) {
    throw new EcsError("InvalidSignatureException", SIGNATURE_MISMATCH);
  }
  return { caller: { accountId: account.accountId, region: parts.region }, service: parts.service };
}

function parseBody(body: string): unknown {
  if (body.trim() === "") return {};
  // No ECS input nests more than a dozen levels; a deeper one would only overflow the walks that validate it.
  if (nestingDepth(body) > MAX_JSON_DEPTH) {
    throw new EcsError("SerializationException", `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  try {
    return JSON.parse(body);
  } catch {
    throw new EcsError("SerializationException", "The request body is not valid JSON.");
  }
}

async function dispatch(target: string, input: unknown, caller: Caller, deps: GatewayDeps): Promise<object> {
  const dot = target.lastIndexOf(".");
  const prefix = target.slice(0, dot);
  const operation = target.slice(dot + 1);
  const backend = deps.backend ?? embeddedBackend(deps);
  if (dot > 0 && prefix === ECS_TARGET_PREFIX && backend.answers(operation)) {
    return backend.run(operation, input, caller);
  }
  if (dot > 0 && prefix === SANDBOX_TARGET_PREFIX && !backend.runsEngine) {
    throw new EcsError("UnsupportedFeatureException", `${target} exists only on the embedded sandbox backend.`);
  }
  if (dot > 0 && prefix === SANDBOX_TARGET_PREFIX && operation === "AdvanceClock") {
    return advanceClock(input, caller, deps);
  }
  const docker = dot > 0 && prefix === SANDBOX_TARGET_PREFIX ? dockerOperation(operation) : undefined;
  if (docker) {
    const target = { accountId: caller.accountId, region: dockerRegionOf(operation, input) };
    return onSandbox(target, deps, (current, simNow, _unstored, account) => {
      const { state, output } = runOperation(current, docker, input, simNow, account);
      return { state: docker.readOnly ? null : state, result: output };
    });
  }
  if (dot > 0 && prefix === SANDBOX_TARGET_PREFIX && isSandboxOperation(operation)) {
    if (operation === "ApplyScenario" || operation === "ResetScenario") await applyRolesOfScenario(input, caller, deps);
    return onSandbox(caller, deps, (current, simNow, _unstored, account) => {
      const { state, output } = handleSandboxOperation(current, operation, input, simNow, account);
      return { state, result: output };
    });
  }
  throw new EcsError("UnknownOperationException", unknownOperationMessage(prefix, operation, target));
}

/** A scenario's roles go to the account's IAM (global) before the rest of it is applied in the caller's Region. */
async function applyRolesOfScenario(input: unknown, caller: Caller, deps: GatewayDeps): Promise<void> {
  const roles = scenarioRolesOf(input);
  if (!roles?.length) return;
  await onSandbox({ accountId: caller.accountId, region: GLOBAL_REGION }, deps, (current, simNow) => ({
    state: transition(current, (draft) => applyScenarioRoles(draft, roles, simNow)).state,
    result: null,
  }));
}

function unknownOperationMessage(prefix: string, operation: string, target: string): string {
  if (prefix === ECS_TARGET_PREFIX && ecsModel.operations.includes(operation)) {
    return `${operation} is an Amazon ECS operation that the ECS Dojo sandbox does not emulate.`;
  }
  if (!target) return "The request has no X-Amz-Target header naming an operation.";
  return `Unknown operation ${target}.`;
}

/**
 * A DojoSandbox operation for the site's own pages, which already know the learner's account: the lesson page's
 * "fast-forward" and "set up the exercise" use the same code path as the endpoint operations.
 */
export function sandboxOperation(accountId: string, region: string, operation: string, input: object, deps: GatewayDeps): Promise<object> {
  return dispatch(`${SANDBOX_TARGET_PREFIX}.${operation}`, input, { accountId, region }, deps);
}

/**
 * Read-only ECS operations on one moved state; `state` names that state, so a caller may keep what it derived from it.
 * `service` answers the other regional services' reads (Elastic Load Balancing, CloudWatch, …) on the same state, at
 * `simNow`, the instant it was moved to.
 */
export type EngineReader = ((operation: string, input: unknown) => object) & {
  readonly state: SandboxState;
  readonly simNow: number;
  service(service: string, operation: string, input: unknown): object;
};

/**
 * The state a stored one was last moved to, and until when that still holds: no timer is due before `untilSimMs`,
 * so moving the same stored state to any instant before it fires nothing and gives the same resources. Weak, so it
 * goes with the stored state (a write stores a new one).
 */
const moved = new WeakMap<SandboxState, { state: SandboxState; fromSimMs: number; untilSimMs: number }>();

function movedTo(stored: SandboxState, simNow: number, account: Account): SandboxState {
  const known = moved.get(stored);
  if (known && simNow >= known.fromSimMs && simNow < known.untilSimMs) return known.state;
  const state = advanceTo(stored, simNow, account);
  // Timers are kept in time order; one left due at or before simNow (the call's work bound) makes this hold for no later instant.
  moved.set(stored, { state, fromSimMs: simNow, untilSimMs: state.timers[0]?.atMs ?? Number.POSITIVE_INFINITY });
  return state;
}

/**
 * One empty state per sandbox nobody has stored yet (most visitors only read), so that polling it answers from the
 * same object too; the oldest are forgotten past UNSTORED_KEPT (forgetting one only costs a rebuild).
 */
const unstored = new Map<string, SandboxState>();
const UNSTORED_KEPT = 2000;

function unstoredState(key: string, fresh: SandboxState): SandboxState {
  const known = unstored.get(key);
  if (known) return known;
  if (unstored.size >= UNSTORED_KEPT) unstored.delete(unstored.keys().next().value!);
  unstored.set(key, fresh);
  return fresh;
}

/**
 * Read-only ECS operations on the embedded engine without the wire protocol, for the site's own views: the sandbox is
 * advanced once to this instant of simulated time, and every read is answered from that one state (no signing, one
 * store read for all of them). Polling a sandbox in which nothing happens hands back the same moved state each time
 * (`reader.state`), so the console can answer from what it built before. Null when another backend answers ECS: read
 * through an SDK client then.
 */
export async function sandboxReader(accountId: string, region: string, deps: GatewayDeps): Promise<EngineReader | null> {
  if (deps.backend && !deps.backend.runsEngine) return null;
  const { state, simNow, account } = await onSandbox({ accountId, region }, deps, (current, simNow, unstored, account) => ({
    state: null,
    result: { state: unstored ? unstoredState(`${accountId}/${region}`, current) : movedTo(current, simNow, account), simNow, account },
  }));
  // The state is already at simNow: reading it fires no timer, so it asks the account nothing more.
  const read = (operation: string, input: unknown) => {
    if (!isReadOnlyOperation(operation)) throw new Error(`${operation} is not a read`);
    return handleOperation(state, operation, input, simNow, account).output;
  };
  const service = (name: string, operation: string, input: unknown) => {
    if (name === "dojo-sandbox") {
      const handler = sandboxRead(operation);
      if (!handler) throw new Error(`DojoSandbox.${operation} is not a read`);
      return runOperation(state, handler, input, simNow, account).output;
    }
    const provider = PROVIDERS[name];
    const handler = provider?.operations[operation];
    if (!provider || provider.global || !handler?.readOnly) throw new Error(`${name} ${operation} is not a regional read`);
    return runOperation(state, handler, input, simNow, account).output;
  };
  return Object.assign(read, { state, simNow, service });
}

export function advanceSandboxClock(accountId: string, region: string, seconds: number, deps: GatewayDeps): Promise<object> {
  return sandboxOperation(accountId, region, "AdvanceClock", { seconds }, deps);
}

function advanceClock(input: unknown, caller: Caller, deps: GatewayDeps): Promise<object> {
  const seconds = (input as { seconds?: unknown } | null)?.seconds;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
    throw new EcsError("InvalidParameterException", `seconds must be a number from 0 to ${MAX_ADVANCE_SECONDS}.`);
  }
  return onSandbox(caller, deps, (current, simNow, _unstored, account) => {
    const moved = advanceTo(current, simNow + seconds * 1000, account);
    // Kept so the page can say why the clock is ahead of the wall clock (gateway/clock.ts SandboxClock).
    const state = { ...moved, clock: { ...moved.clock, fastForwardedMs: (moved.clock.fastForwardedMs ?? 0) + seconds * 1000 } };
    return { state, result: { clock: state.clock.simMs / 1000 } };
  });
}

/** The sandbox's clock now, for the lesson page (null when another backend answers: it has no simulated clock). */
export async function sandboxClock(accountId: string, region: string, deps: GatewayDeps): Promise<SandboxClock | null> {
  if (deps.backend && !deps.backend.runsEngine) return null;
  const wallNow = (deps.now ?? Date.now)();
  const speed = deps.speed ?? DEFAULT_SANDBOX_SPEED;
  return deps.store.update(accountId, region, (stored) => ({ state: stored, result: clockOf(stored?.clock ?? null, wallNow, speed) }));
}

/**
 * "Reset sandbox": every given Region of the learner's account (the page passes the ones stored, and always the
 * learner's own and IAM's) goes back to a new, empty sandbox whose clock starts at the wall clock now, as on the
 * learner's first visit: clusters, tasks, services, task definitions, roles, images, logs, secrets all go. Nothing is
 * written for a Region that has nothing stored.
 */
export async function resetSandbox(accountId: string, regions: readonly string[], deps: GatewayDeps): Promise<SandboxClock> {
  const wallNow = (deps.now ?? Date.now)();
  for (const region of new Set(regions)) {
    await deps.store.update(accountId, region, (stored) => ({ state: stored && newSandboxState(accountId, region, wallNow), result: null }));
  }
  return clockOf(null, wallNow, deps.speed ?? DEFAULT_SANDBOX_SPEED);
}
