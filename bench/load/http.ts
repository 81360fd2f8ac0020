// A lean HTTP client for the load generator: node:http straight, the body read only when the caller needs it (or to
// say why a request failed), a hard deadline per request, and the browser's silent retry of a request that met a
// kept-alive socket the server had just closed.
import http, { type IncomingHttpHeaders } from "node:http";

/** A request slower than this fails as a timeout. */
export const TIMEOUT_MS = 10_000;

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body, when asked for or when the status is an error (then at most ERROR_BODY_CHARS of it). */
  body: string;
  /** On a new connection: milliseconds from sending to the TCP connection being established. */
  connectMs?: number;
}

export interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** A learner's keep-alive agent, or false for a new connection closed after the reply. */
  agent: http.Agent | false;
  /** Read the whole body (otherwise it is drained unread on success). */
  readBody?: boolean;
}

const ERROR_BODY_CHARS = 300;

const TIMEOUT_STAGES = {
  queued: "waiting for one of the learner's connections",
  connecting: "TCP connection not accepted",
  sent: "sent, no response headers",
  answering: "response body unfinished",
} as const;

export class RequestError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    /** On a new connection that got established: milliseconds to establish it. */
    readonly connectMs?: number,
  ) {
    super(message);
  }
}

export class HttpTarget {
  readonly hostname: string;
  readonly port: number;
  readonly origin: string;

  constructor(url: string) {
    const u = new URL(url);
    this.hostname = u.hostname;
    this.port = Number(u.port);
    this.origin = u.origin;
  }

  /** Sends the request; rejects with a RequestError on a network error or once TIMEOUT_MS has passed. */
  async send(spec: RequestSpec): Promise<Reply> {
    const deadline = Date.now() + TIMEOUT_MS;
    try {
      return await this.once(spec, deadline);
    } catch (error) {
      // Browsers resend a request that met a pooled connection the server closed as it was reused; so does this.
      if ((error as { retry?: boolean }).retry) return this.once(spec, deadline);
      throw error;
    }
  }

  private once(spec: RequestSpec, deadline: number): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let connectMs: number | undefined;
      // How far the request got, to say where a timeout struck.
      let stage: "queued" | "connecting" | "sent" | "answering" = "queued";
      let settled = false;
      const fail = (reason: string, message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(new RequestError(reason, message, connectMs));
      };
      const headers = spec.body === undefined ? spec.headers : { ...spec.headers, "content-length": String(Buffer.byteLength(spec.body)) };
      const request = http.request(
        { hostname: this.hostname, port: this.port, method: spec.method, path: spec.path, headers, agent: spec.agent },
        (response) => {
          stage = "answering";
          const status = response.statusCode ?? 0;
          const keep = spec.readBody || status >= 400;
          let body = "";
          if (keep) {
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => {
              if (spec.readBody) body += chunk;
              else if (body.length < ERROR_BODY_CHARS) body += chunk.slice(0, ERROR_BODY_CHARS - body.length);
            });
          } else {
            response.resume();
          }
          response.on("error", (e) => fail(networkReason(e), e.message));
          response.on("end", () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve({ status, headers: response.headers, body, connectMs });
          });
        },
      );
      const timer = setTimeout(() => {
        fail(`timeout: ${TIMEOUT_STAGES[stage]}`, `no complete answer within ${TIMEOUT_MS / 1000} s`);
        request.destroy();
      }, Math.max(0, deadline - Date.now()));
      request.once("socket", (socket) => {
        const connected = () => {
          stage = "sent";
          if (spec.agent === false) connectMs = performance.now() - started;
        };
        if (socket.connecting) {
          stage = "connecting";
          socket.once("connect", connected);
        } else {
          connected();
        }
      });
      request.on("error", (e) => {
        const code = (e as NodeJS.ErrnoException).code;
        if (request.reusedSocket && (code === "ECONNRESET" || code === "EPIPE")) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(Object.assign(new RequestError(networkReason(e), e.message), { retry: true }));
          return;
        }
        fail(networkReason(e), e.message);
      });
      request.end(spec.body);
    });
  }
}

function networkReason(error: Error): string {
  return (error as NodeJS.ErrnoException).code ?? error.name;
}
