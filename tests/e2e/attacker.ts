/**
 * The attacker's side of the browser CSRF tests: a web server on another port of 127.0.0.1 (same-site) or under
 * localhost (cross-site) serving pages that post to the app as forms and fetches, and one attempt's outcome as the
 * victim's browser saw it. Taken from security.spec.ts (which keeps its own copy for now) for accounts.spec.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Request } from "@playwright/test";

export interface AttackerSite {
  label: string;
  origin: string;
  /** Publishes an HTML page on this site and answers its URL. */
  serve(html: string): string;
  close(): Promise<void>;
}

/** An attacker's web server (node:http) on its own port of 127.0.0.1, reached under `hostname`. */
export async function startAttacker(label: string, hostname: "127.0.0.1" | "localhost"): Promise<AttackerSite> {
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? "/", "http://attacker").pathname);
    if (html === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://${hostname}:${(server.address() as AddressInfo).port}`;
  return {
    label,
    origin,
    serve(html) {
      const pagePath = `/page-${pages.size + 1}`;
      pages.set(pagePath, `<!doctype html><html><head><meta charset="utf-8"><title>Win a prize</title></head><body>${html}</body></html>`);
      return origin + pagePath;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A text/plain form sends `name=value\r\n`: a field whose name opens the JSON object and whose value closes it
 * makes the body valid JSON (the `=` lands inside a padding string).
 */
export function jsonAsTextPlainField(body: Record<string, unknown>): { name: string; value: string } {
  const json = JSON.stringify(body);
  return { name: `${json.slice(0, -1)}${json === "{}" ? "" : ","}"pad":"`, value: '"}' };
}

export const ATTACK_KINDS = ["form text/plain", "form urlencoded", "fetch no-cors", "fetch cors json"] as const;
type AttackKind = (typeof ATTACK_KINDS)[number];

/**
 * The attacker page for one attempt. Forms submit themselves once the page has loaded (a top-level POST
 * navigation, the case where a Set-Cookie in the answer would replace the victim's cookie); fetches write what
 * the page could see of the answer into `body[data-result]`.
 */
function attackHtml(kind: AttackKind, target: string, body: Record<string, unknown>): string {
  const json = JSON.stringify(body);
  const submit = `<script>addEventListener("load", () => setTimeout(() => document.forms[0].submit(), 0));</script>`;
  if (kind === "form text/plain") {
    const { name, value } = jsonAsTextPlainField(body);
    return `<form method="POST" action="${escapeHtml(target)}" enctype="text/plain"><input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}"></form>${submit}`;
  }
  if (kind === "form urlencoded") {
    const inputs = Object.entries(body)
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(typeof v === "string" ? v : JSON.stringify(v))}">`)
      .join("");
    return `<form method="POST" action="${escapeHtml(target)}">${inputs}</form>${submit}`;
  }
  const init =
    kind === "fetch no-cors"
      ? `{ method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: ${JSON.stringify(json)} }`
      : `{ method: "POST", mode: "cors", credentials: "include", headers: { "content-type": "application/json" }, body: ${JSON.stringify(json)} }`;
  return `<script>
    const done = (result) => { document.body.dataset.result = result; };
    fetch(${JSON.stringify(target)}, ${init}).then(
      async (r) => done(r.type + " " + r.status + " " + (r.type === "opaque" ? "" : await r.text())),
      (e) => done("rejected: " + e),
    );
  </script>`;
}

export interface Outcome {
  attacker: string;
  kind: AttackKind;
  route: string;
  /** One entry per POST the browser started; status null when it never got an answer (CORS preflight refused). */
  answers: { status: number | null; setCookie: boolean; cookieSent: boolean; secFetchSite: string | undefined }[];
  /** What the attacker page could read (fetches only). */
  readable: string | null;
  succeeded: boolean;
}

/** One attempt, in a fresh tab of the victim's browser (their cookies, a clean navigation history). */
export async function attempt(context: BrowserContext, appOrigin: string, attacker: AttackerSite, kind: AttackKind, route: string, body: Record<string, unknown>): Promise<Outcome> {
  const page = await context.newPage();
  const target = appOrigin + route;
  const sent: Request[] = [];
  const onRequest = (r: Request) => {
    if (r.method() === "POST" && r.url().startsWith(`${appOrigin}/api/`)) sent.push(r);
  };
  page.on("request", onRequest);
  const url = attacker.serve(attackHtml(kind, target, body));
  let readable: string | null = null;
  try {
    if (kind.startsWith("form")) {
      const answered = page.waitForResponse((r) => r.url() === target && r.request().method() === "POST");
      // The form navigates away as soon as the page has loaded: wait for the attacker page's commit only.
      await page.goto(url, { waitUntil: "commit" });
      await answered;
      await page.waitForLoadState();
    } else {
      await page.goto(url);
      readable = (await page.locator("body[data-result]").getAttribute("data-result", { timeout: 10_000 })) ?? "";
    }
  } finally {
    page.off("request", onRequest);
  }
  const answers = await Promise.all(
    sent.map(async (request) => {
      const response = await request.response();
      const requestHeaders = await request.allHeaders();
      const responseHeaders = response ? await response.allHeaders() : {};
      return {
        status: response?.status() ?? null,
        setCookie: "set-cookie" in responseHeaders,
        cookieSent: /(^|;\s*)(dojo_session|dojo\.session_token)=/.test(requestHeaders.cookie ?? ""),
        secFetchSite: requestHeaders["sec-fetch-site"],
      };
    }),
  );
  await page.close();
  const pageCouldRead = readable !== null && !readable.startsWith("rejected") && !readable.startsWith("opaque");
  const succeeded = pageCouldRead || answers.some((a) => a.setCookie || (a.status !== null && a.status < 400));
  return { attacker: attacker.label, kind, route, answers, readable, succeeded };
}

