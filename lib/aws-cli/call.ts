/**
 * One API call as the CLI makes it: serialize in the service's protocol, sign with SigV4, send through the injected
 * transport, retry what botocore's "standard" retry mode retries, and parse the answer or the error.
 */
import { generalFailure, ServiceFailure } from "./errors";
import { signingName, type Operation, type ServiceModel } from "./model";
import { AnswerParseError, parseAnswer, parseError, serializeRequest, type ServiceError } from "./protocols";
import { signRequest, type Credentials } from "./sign";
import type { TimeZoneOffset } from "./timestamps";

export interface HttpRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one request; rejects when the endpoint cannot be reached. */
export type Send = (request: HttpRequest, signal?: AbortSignal) => Promise<HttpResponse>;

export interface CallContext {
  send: Send;
  endpoint: string;
  region: string;
  credentials: Credentials;
  now: () => Date;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  zone: TimeZoneOffset;
  signal?: AbortSignal;
  /** Counts the requests sent (for tests: no request may leave unsigned). */
  onRequest?: (request: HttpRequest) => void;
}

// botocore's standard retry mode (botocore/retries/standard.py): 3 attempts in all, exponential backoff with full
// jitter capped at 20 s, on throttling codes, transient codes and these HTTP statuses.
const MAX_ATTEMPTS = 3;
const MAX_BACKOFF_MS = 20_000;
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottled",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
]);
const TRANSIENT_CODES = new Set(["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]);

export class InterruptedError extends Error {}

export type CallOutcome = { ok: true; output: Record<string, unknown> } | { ok: false; error: ServiceError; retries: number };

/** Makes the call; a service error is returned (waiters read it), anything else throws a CliFailure. */
export async function callOperation(context: CallContext, model: ServiceModel, operationName: string, operation: Operation, params: Record<string, unknown>): Promise<CallOutcome> {
  const wire = serializeRequest(model, operationName, operation, params);
  const url = new URL(context.endpoint);
  url.hash = "";
  for (let attempt = 1; ; attempt++) {
    if (context.signal?.aborted) throw new InterruptedError();
    const headers = await signRequest({ url, headers: wire.headers, body: wire.body }, signingName(model), context.region, context.credentials, context.now());
    const request: HttpRequest = { url: url.href, method: "POST", headers, body: wire.body };
    context.onRequest?.(request);
    let response: HttpResponse | undefined;
    try {
      response = await context.send(request, context.signal);
    } catch {
      if (context.signal?.aborted) throw new InterruptedError();
      response = undefined;
    }
    if (response === undefined) {
      if (attempt < MAX_ATTEMPTS) {
        await backoff(context, attempt);
        continue;
      }
      throw generalFailure(`Could not connect to the endpoint URL: "${context.endpoint}"`);
    }
    if (response.status >= 200 && response.status < 300) {
      try {
        return { ok: true, output: parseAnswer(model, operation, response.status, response.headers, response.body, context.zone) };
      } catch (error) {
        if (error instanceof AnswerParseError) throw generalFailure(error.message);
        throw error;
      }
    }
    const error = parseError(model, response.status, response.headers, response.body);
    const retryable = RETRYABLE_STATUS.has(response.status) || THROTTLING_CODES.has(error.code) || TRANSIENT_CODES.has(error.code);
    if (retryable && attempt < MAX_ATTEMPTS) {
      await backoff(context, attempt);
      continue;
    }
    return { ok: false, error, retries: retryable ? attempt - 1 : 0 };
  }
}

async function backoff(context: CallContext, attempt: number): Promise<void> {
  const ms = Math.min(MAX_BACKOFF_MS, context.random() * 2 ** (attempt - 1) * 1000);
  await context.sleep(ms, context.signal);
  if (context.signal?.aborted) throw new InterruptedError();
}

/** The call's output, or the CLI's failure for the service's error. */
export async function callOrFail(context: CallContext, model: ServiceModel, operationName: string, operation: Operation, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const outcome = await callOperation(context, model, operationName, operation, params);
  if (outcome.ok) return outcome.output;
  throw new ServiceFailure(outcome.error.code, operationName, outcome.error.message, outcome.retries);
}
