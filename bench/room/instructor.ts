// An instructor's browser, reduced to what the bench needs: signs in as the sign-in page does (its session and CSRF
// token from the page, then POST /api/account/sign-in), calls the workshop API, and holds the grid's Server-Sent
// Events stream open as the room page does (the page fetches nothing else per event: a `room` event carries the whole
// room, or the rows that changed since the stream's last one — lib/workshop/room-frames.ts). Every event is parsed and
// its rows matched against the participants' answered changes (grid-delay.ts).
import type { GridDelays } from "./grid-delay";

const CSRF_META = /<meta name="dojo-csrf" content="([^"]+)"/;

interface RoomEvent {
  data: { rows: Array<{ participantId: string; handRaisedAt: string | null; cells: Record<string, { attempts: number }> }> };
}

export class Instructor {
  private readonly cookies = new Map<string, string>();
  private csrf = "";
  /** Events received and their bytes; a stream that broke (it should stay open throughout). */
  readonly stream = { events: 0, bytes: 0, errors: 0, lastError: "" };
  private readonly stop = new AbortController();
  private readonly attemptsSeen = new Map<string, number>();
  private readonly handSeen = new Map<string, { value: string | null; raises: number }>();

  constructor(readonly baseUrl: string, readonly index: number) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response): Response {
    for (const c of response.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }

  /** Loads a page for its cookie and CSRF token; tried three times (setup, not measured: on a machine at load 30 the
   * server's 20 s request deadline cut a page off mid-body). */
  async page(path: string): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        const response = this.remember(await fetch(this.baseUrl + path, { headers: { cookie: this.cookieHeader() }, redirect: "manual" }));
        this.csrf = CSRF_META.exec(await response.text())?.[1] ?? this.csrf;
        return;
      } catch (error) {
        if (tries >= 3) throw error;
      }
    }
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const response = this.remember(
      await fetch(this.baseUrl + path, {
        method: "POST",
        headers: { cookie: this.cookieHeader(), "content-type": "application/json", "x-dojo-locale": "en", "x-dojo-csrf": this.csrf, "sec-fetch-site": "same-origin" },
        body: JSON.stringify(body),
      }),
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    const answer = JSON.parse(text) as T & { session?: { csrf?: string } };
    if (answer.session?.csrf) this.csrf = answer.session.csrf; // a sign-in rotates the session and its token
    return answer;
  }

  async signIn(login: string, password: string): Promise<void> {
    await this.page("/en/sign-in");
    await this.post("/api/account/sign-in", { login, password });
  }

  /** Opens the room's stream and resolves once its first snapshot arrived; it then runs until `close()`. */
  async watch(workshopId: string, delays: GridDelays): Promise<void> {
    const response = await fetch(`${this.baseUrl}/api/workshops/${workshopId}/events?lang=en`, {
      headers: { cookie: this.cookieHeader(), accept: "text/event-stream" },
      signal: this.stop.signal,
    });
    if (!response.ok || !response.body) throw new Error(`instructor ${this.index}: the room stream answered HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let first: () => void = () => {};
    const firstEvent = new Promise<void>((resolve) => (first = resolve));
    void (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.stream.bytes += value.length;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame.split("\n").find((l) => l.startsWith("data: "));
            if (!frame.startsWith("event: room") || !data) continue;
            this.stream.events++;
            this.see(JSON.parse(data.slice(6)) as RoomEvent, delays, performance.now());
            first();
          }
        }
        if (!this.stop.signal.aborted) this.fail("the stream ended");
      } catch (error) {
        if (!this.stop.signal.aborted) this.fail((error as Error).message);
      }
    })();
    await firstEvent;
  }

  private fail(message: string): void {
    this.stream.errors++;
    this.stream.lastError = message;
  }

  /** Marks every change this frame's rows show for the first time (a row absent from a frame did not change). */
  private see(event: RoomEvent, delays: GridDelays, at: number): void {
    for (const row of event.data.rows) {
      const pid = row.participantId;
      delays.sight(this.index, `join:${pid}`, at);
      for (const [lessonId, cell] of Object.entries(row.cells)) {
        const k = `${pid}:${lessonId}`;
        const before = this.attemptsSeen.get(k) ?? 0;
        for (let n = before + 1; n <= cell.attempts; n++) delays.sight(this.index, `check:${k}:${n}`, at);
        if (cell.attempts > before) this.attemptsSeen.set(k, cell.attempts);
      }
      const hand = this.handSeen.get(pid) ?? { value: null, raises: 0 };
      if (row.handRaisedAt && row.handRaisedAt !== hand.value) delays.sight(this.index, `hand:${pid}:${++hand.raises}`, at);
      hand.value = row.handRaisedAt;
      this.handSeen.set(pid, hand);
    }
  }

  close(): void {
    this.stop.abort();
  }
}
