import { ECSClient } from "@aws-sdk/client-ecs";

/** A minimal browser stand-in for the site's own API: keeps the session cookie and sends the locale header. */
export class SiteClient {
  private cookie = "";

  constructor(
    readonly baseUrl: string,
    readonly locale: "en" | "ja" = "en",
  ) {}

  async get(path: string): Promise<Response> {
    return this.remember(await fetch(this.baseUrl + path, { headers: this.headers(), redirect: "manual" }));
  }

  async post(path: string, body: unknown, raw = false): Promise<Response> {
    return this.remember(
      await fetch(this.baseUrl + path, {
        method: "POST",
        headers: { ...this.headers(), "content-type": "application/json" },
        body: raw ? (body as string) : JSON.stringify(body),
      }),
    );
  }

  /** The sandbox credentials the lesson page shows this learner. */
  async credentials(): Promise<{ accessKeyId: string; secretAccessKey: string }> {
    const html = await (await this.get(`/${this.locale}/lessons/L302`)).text();
    const accessKeyId = /AWS_ACCESS_KEY_ID=([A-Z0-9]+)/.exec(html)?.[1];
    const secretAccessKey = /AWS_SECRET_ACCESS_KEY=([A-Za-z0-9+/_-]+)/.exec(html)?.[1];
    if (!accessKeyId || !secretAccessKey) throw new Error("the lesson page shows no sandbox credentials");
    return { accessKeyId, secretAccessKey };
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
    return { "x-dojo-locale": this.locale, ...(this.cookie ? { cookie: this.cookie } : {}) };
  }

  private remember(response: Response): Response {
    const set = response.headers.getSetCookie().find((c) => c.startsWith("dojo_session="));
    if (set) this.cookie = set.split(";")[0];
    return response;
  }
}
