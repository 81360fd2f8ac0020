import { ECSClient } from "@aws-sdk/client-ecs";

/**
 * A minimal browser stand-in for the site's own API: keeps the session cookie, reads the CSRF token from the pages it
 * loads and sends it with the locale header. Like a browser, it loads a page before its first write.
 */
export class SiteClient {
  private cookie = "";
  /** The signed-in account's session (`dojo.session_token=…`), once the client has signed up or in. */
  private accountCookie = "";
  private csrf = "";

  constructor(
    readonly baseUrl: string,
    readonly locale: "en" | "ja" = "en",
  ) {}

  /** `dojo_session=…` as the browser would send it. */
  get sessionCookie(): string {
    return this.cookie;
  }

  /** The CSRF token of the last page this client loaded. */
  get csrfToken(): string {
    return this.csrf;
  }

  async get(path: string): Promise<Response> {
    const response = this.remember(await fetch(this.baseUrl + path, { headers: this.headers(), redirect: "manual" }));
    if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) return response;
    // Read the page's CSRF token the way the site's own script does, and hand back an unread copy of the page.
    const html = await response.text();
    this.csrf = /<meta name="dojo-csrf" content="([^"]+)"/.exec(html)?.[1] ?? this.csrf;
    return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  async post(path: string, body: unknown, raw = false): Promise<Response> {
    if (!this.csrf) await this.get(`/${this.locale}`);
    return this.remember(
      await fetch(this.baseUrl + path, {
        method: "POST",
        headers: { ...this.headers(), "content-type": "application/json", "x-dojo-csrf": this.csrf },
        body: raw ? (body as string) : JSON.stringify(body),
      }),
    );
  }

  /** The learner's sandbox credentials, as the lesson page's credentials panel fetches them. */
  async credentials(): Promise<{ accessKeyId: string; secretAccessKey: string }> {
    const response = await this.post("/api/sandbox/credentials", {});
    if (!response.ok) throw new Error(`the site gave no sandbox credentials: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { accessKeyId: string; secretAccessKey: string };
  }

  async ecs(endpointBase = this.baseUrl): Promise<ECSClient> {
    return new ECSClient({
      endpoint: `${endpointBase}/aws`,
      region: "ap-northeast-1",
      credentials: await this.credentials(),
      maxAttempts: 1,
    });
  }

  private headers(): Record<string, string> {
    const cookie = [this.cookie, this.accountCookie].filter(Boolean).join("; ");
    return { "x-dojo-locale": this.locale, ...(cookie ? { cookie } : {}) };
  }

  private remember(response: Response): Response {
    const setCookies = response.headers.getSetCookie();
    const set = setCookies.find((c) => c.startsWith("dojo_session="));
    if (set) this.cookie = set.split(";")[0];
    const account = setCookies.find((c) => c.startsWith("dojo.session_token="));
    if (account) this.accountCookie = /Max-Age=0/i.test(account) ? "" : account.split(";")[0];
    return response;
  }
}
