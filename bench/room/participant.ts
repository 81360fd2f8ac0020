// A workshop participant: opens the join page, joins with the code and a display name (POST /api/workshops/join: a
// session and sandbox of its own), then works on one of the workshop's lessons as the load bench's learner does, and
// now and then raises a hand and lowers it again. Every answered join, Check and raised hand is handed to the grid
// delay tracker, which the instructors' streams are matched against.
import { jitter, Learner, type LoadContext } from "../load/learner";
import type { Reply } from "../load/http";
import type { GridDelays } from "./grid-delay";

/** A participant considers raising a hand about this often… */
export const HAND_EVERY_MS = 60_000;
/** …does so with this chance (some are stuck, most are not)… */
export const HAND_CHANCE = 0.2;
/** …and lowers it again after this long (the instructor came by). */
export const HAND_UP_MS = 20_000;

const CSRF_META = /<meta name="dojo-csrf" content="([^"]+)"/;

export const ROOM_ROUTES = { joinPage: "GET /en/join", join: "POST /api/workshops/join", hand: "POST /api/workshops/hand" };

export class Participant extends Learner {
  private participantId: string | undefined;
  private checksAnswered = 0;
  private raised = 0;

  constructor(
    ctx: LoadContext,
    private readonly room: { code: string; displayName: string; delays: GridDelays },
  ) {
    super(ctx);
  }

  /** Joins once (the join page gives the session and CSRF token the join needs), then loads the lesson page. */
  protected override async arrive(): Promise<boolean> {
    if (!this.participantId) {
      const page = await this.send(ROOM_ROUTES.joinPage, this.get("/en/join", true, true));
      if (!page) return false;
      this.csrf = CSRF_META.exec(page.body)?.[1];
      const joined = await this.send(ROOM_ROUTES.join, this.post("/api/workshops/join", { code: this.room.code, displayName: this.room.displayName }, true));
      if (!joined) return false;
      const answer = JSON.parse(joined.body) as { participantId: string; session?: { csrf: string } };
      this.participantId = answer.participantId;
      this.csrf = answer.session?.csrf ?? this.csrf;
      this.room.delays.answer(`join:${this.participantId}`);
    }
    return this.loadPage();
  }

  /** A Check that was answered adds one attempt to the participant's cell: the grid must show the new count. */
  protected override async check(): Promise<Reply | undefined> {
    const reply = await super.check();
    if (reply && this.participantId) this.room.delays.answer(`check:${this.participantId}:${this.ctx.lesson.id}:${++this.checksAnswered}`);
    return reply;
  }

  protected override moreLoops(): Promise<void>[] {
    return [this.every(() => jitter(HAND_EVERY_MS, 0.5), () => this.maybeRaiseHand())];
  }

  private async maybeRaiseHand(): Promise<void> {
    if (!this.participantId || Math.random() >= HAND_CHANCE) return;
    if (!(await this.send(ROOM_ROUTES.hand, this.post("/api/workshops/hand", { raised: true })))) return;
    this.room.delays.answer(`hand:${this.participantId}:${++this.raised}`);
    await this.pause(HAND_UP_MS);
    await this.send(ROOM_ROUTES.hand, this.post("/api/workshops/hand", { raised: false }));
  }
}
