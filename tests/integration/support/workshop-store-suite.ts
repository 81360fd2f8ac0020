/**
 * Workshops over a real database (lib/workshop/*): creating (lessons or a track), who sees a workshop, joining and the
 * refusals, the grid's states from real attempts (working → stuck at the third failed Check → done), the heat-map's
 * participant counts, the export, join-code guessing limited in the database, personal API tokens stored hashed, and
 * live events delivered through the database's own mechanism. Run on SQLite (workshop-store.test.ts) and PostgreSQL
 * (workshop-store-postgres.test.ts, where a separate LISTEN connection — another app instance — hears every event).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { storeDatabase } from "./store-database";
const KEY = "w".repeat(40);

type Store = typeof import("@/lib/workshop/store");
let store: Store;
let room: typeof import("@/lib/workshop/room");
let live: typeof import("@/lib/workshop/live");
let codes: typeof import("@/lib/workshop/join-code");
let tokens: typeof import("@/lib/people/api-tokens");
let limits: typeof import("@/lib/limits/rate-limits");
let progress: typeof import("@/lib/progress/lesson-progress");
let learners: typeof import("@/lib/progress/learners");
let db: typeof import("@/lib/progress/db").db;
let issue: (key: string) => string;

let users = 0;
async function user(role: "learner" | "instructor" | "admin") {
  users++;
  return db().user.create({ data: { id: `u${users}-${role}`, name: `${role}${users}`, email: `${role}${users}@example.com`, role } });
}

/** A Check as the fast lane records it: failing `failed` checks, with a validator diagnostic when given. */
function attempt(checkIds: string[], failed: string[], rule?: string) {
  return {
    files: { "task-definition.json": "{}" },
    answers: {},
    diagnostics: rule ? { "task-definition.json": [{ ruleId: rule, level: "error", message: "m", stage: "service", pointer: "", range: { start: 0, end: 1, line: 1, column: 1, endLine: 1, endColumn: 2 }, docs: "/lessons/L301" }] } : {},
    checks: checkIds.map((id) => ({ id, passed: !failed.includes(id) })),
    passed: failed.length === 0,
  } as Parameters<typeof progress.recordAttempt>[2];
}

export function workshopStoreSuite(name: string, databaseUrl: () => string, extra?: { otherListener?: () => Promise<{ received: string[]; close(): Promise<void> }> }) {
  storeDatabase(databaseUrl, KEY);
  beforeAll(async () => {
    store = await import("@/lib/workshop/store");
    room = await import("@/lib/workshop/room");
    live = await import("@/lib/workshop/live");
    codes = await import("@/lib/workshop/join-code");
    tokens = await import("@/lib/people/api-tokens");
    limits = await import("@/lib/limits/rate-limits");
    progress = await import("@/lib/progress/lesson-progress");
    learners = await import("@/lib/progress/learners");
    db = (await import("@/lib/progress/db")).db;
    issue = (await import("@/lib/people/session-token")).issueSessionToken;
  });

  const lessonChecks = async (id: string) => (await import("@/lib/course/load")).getLesson(id)!.checks.map((c) => c.id);

  describe(`${name}: creating and seeing workshops`, () => {
    it("creates from lessons or a track, with a code of the unambiguous alphabet; refuses unknown lessons and tracks", async () => {
      const owner = await user("instructor");
      const w = await store.createWorkshop(owner.id, { title: " Room A ", lessons: ["L101", "L102", "L101"], language: "ja" });
      expect(w.title).toBe("Room A");
      expect(w.lessonIds).toEqual(["L101", "L102"]);
      expect(w.language).toBe("ja");
      expect(w.joinCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
      expect(w.instructors).toEqual([expect.objectContaining({ userId: owner.id, role: "owner" })]);
      const fromTrack = await store.createWorkshop(owner.id, { title: "Exam prep", track: "DVA-C02" });
      expect(fromTrack.track).toBe("DVA-C02");
      expect(fromTrack.lessonIds.length).toBeGreaterThan(5);
      await expect(store.createWorkshop(owner.id, { title: "x", lessons: ["L999"] })).rejects.toThrow(/no lesson "L999"/);
      await expect(store.createWorkshop(owner.id, { title: "x", track: "NOPE" })).rejects.toThrow(/no exam track/);
      await expect(store.createWorkshop(owner.id, { title: "", lessons: ["L101"] })).rejects.toThrow(/title/);
      await expect(store.createWorkshop(owner.id, { title: "x", lessons: ["L101"], startsAt: "2026-12-07T10:00:00Z", endsAt: "2026-12-07T09:00:00Z" })).rejects.toThrow(/endsAt/);
    });

    it("shows a workshop to its instructors and admins only; a co-instructor sees it once added", async () => {
      const owner = await user("instructor");
      const other = await user("instructor");
      const admin = await user("admin");
      const learner = await user("learner");
      const w = await store.createWorkshop(owner.id, { title: "Mine", lessons: ["L101"] });
      expect(await store.workshopFor({ userId: owner.id, role: "instructor" }, w.id)).not.toBeNull();
      expect(await store.workshopFor({ userId: other.id, role: "instructor" }, w.id)).toBeNull();
      expect(await store.workshopFor({ userId: admin.id, role: "admin" }, w.id)).not.toBeNull();
      expect((await store.workshopsOf({ userId: other.id, role: "instructor" })).map((x) => x.id)).not.toContain(w.id);
      expect(await store.addCoInstructor(w.id, learner.email)).toBe("not-instructor");
      expect(await store.addCoInstructor(w.id, "nobody@example.com")).toBe("no-such-account");
      expect(await store.addCoInstructor(w.id, other.email.toUpperCase())).toBe("added");
      const asOther = { userId: other.id, role: "instructor" as const };
      const seen = await store.workshopFor(asOther, w.id);
      expect(seen).not.toBeNull();
      expect([store.isOwner(seen!, owner.id), store.isOwner(seen!, other.id)]).toEqual([true, false]);
      // Removing: the owner stays whatever is asked; the co-instructor loses the workshop on the next read.
      expect(await store.removeCoInstructor(w.id, owner.email)).toBe("no-such-instructor");
      expect(await store.removeCoInstructor(w.id, ` ${other.email.toUpperCase()} `)).toBe("removed");
      expect(await store.workshopFor(asOther, w.id)).toBeNull();
      expect((await store.workshopsOf(asOther)).map((x) => x.id)).not.toContain(w.id);
      expect(await store.removeCoInstructor(w.id, other.email)).toBe("no-such-instructor");
      expect((await store.workshopFor({ userId: owner.id, role: "instructor" }, w.id))?.instructors).toHaveLength(1);
    });
  });

  describe(`${name}: joining`, () => {
    it("refuses locked and ended workshops and unknown codes; a participant gets their own learner", async () => {
      const owner = await user("instructor");
      const w = await store.createWorkshop(owner.id, { title: "Join me", lessons: ["L101"] });
      expect(codes.normalizeJoinCode(` ${w.joinCode.slice(0, 3).toLowerCase()}-${w.joinCode.slice(3)} `)).toBe(w.joinCode);
      expect(codes.normalizeJoinCode("ABC-10O")).toBeNull(); // 1, 0 and O are never in a code
      const found = await store.workshopByCode(w.joinCode);
      expect(store.joinRefusal(found)).toBeNull();
      expect(store.joinRefusal(await store.workshopByCode("ZZZZZZ"))).toBe("no-such-code");
      const learner = await learners.learnerForSession(issue(KEY));
      const { participantId } = await store.addParticipant(w.id, learner, "Aiko");
      expect((await store.participantOfLearner(learner.id))?.id).toBe(participantId);
      await store.setLocked(w.id, true);
      expect(store.joinRefusal(await store.workshopByCode(w.joinCode))).toBe("locked");
      await store.endWorkshop(w.id);
      expect(store.joinRefusal(await store.workshopByCode(w.joinCode))).toBe("ended");
      expect(store.parseDisplayName("  Ann   Lee ")).toBe("Ann Lee");
      expect(store.parseDisplayName("a\u202eb")).toBeNull();
      expect(store.parseDisplayName("x".repeat(41))).toBeNull();
    });

    it("limits wrong join codes per address in the database: the 61st miss within 15 minutes is refused", async () => {
      const address = `203.0.113.${users}`;
      for (let i = 0; i < 60; i++) {
        expect(await limits.storedWait("joinMissesPerAddress", address, db())).toBeNull();
        await limits.consumeStored("joinMissesPerAddress", address, db());
      }
      const wait = await limits.storedWait("joinMissesPerAddress", address, db());
      expect(wait).toBeGreaterThan(0);
      expect(await limits.storedWait("joinMissesPerAddress", "198.51.100.99", db())).toBeNull(); // another address is not affected
    });
  });

  describe(`${name}: the grid, the heat-map and the export`, () => {
    it("moves a cell not started → working → stuck (third failed Check) → done, counts the room's mistakes, exports per check", async () => {
      const owner = await user("instructor");
      const w = await store.createWorkshop(owner.id, { title: "Grid", lessons: ["L101", "L102"] });
      const checks = await lessonChecks("L101");
      const [a, b, c] = await Promise.all(["Ann", "Ben", "Chie"].map(async (n) => ({ name: n, learner: await learners.learnerForSession(issue(KEY)) })));
      expect(room.buildRoom(await store.roomRows(w), w.lessonIds, new Date()).rows).toEqual([]); // an empty room reads fine
      for (const p of [a, b, c]) await store.addParticipant(w.id, p.learner, p.name);
      const snapshot = async () => room.buildRoom(await store.roomRows(w), w.lessonIds, new Date());
      const cell = (r: Awaited<ReturnType<typeof snapshot>>, name: string, lesson = "L101") => r.rows.find((x) => x.displayName === name)!.cells[lesson];

      expect(cell(await snapshot(), "Ann").status).toBe("not-started");
      await progress.saveDraft(a.learner.id, "L101", "task-definition.json", "{}");
      expect(cell(await snapshot(), "Ann").status).toBe("working");

      for (let i = 0; i < 2; i++) await progress.recordAttempt(b.learner.id, "L101", attempt(checks, [checks[0]], "TD-EXAMPLE-RULE"));
      expect(cell(await snapshot(), "Ben").status).toBe("working");
      await progress.recordAttempt(b.learner.id, "L101", attempt(checks, [checks[0]]));
      expect(cell(await snapshot(), "Ben").status).toBe("stuck");
      await progress.recordAttempt(c.learner.id, "L101", attempt(checks, [checks[0]], "TD-EXAMPLE-RULE"));
      await progress.recordAttempt(c.learner.id, "L101", attempt(checks, []));
      const r = await snapshot();
      expect(cell(r, "Chie").status).toBe("done");
      expect(cell(r, "Chie").checks).toEqual(Object.fromEntries(checks.map((id) => [id, true])));
      expect(r.counts).toEqual({ "not-started": 3, working: 1, stuck: 1, done: 1 });

      const heat = r.heat.L101;
      expect(heat[0]).toMatchObject({ kind: "check", id: checks[0], participants: 2, failures: 4 });
      expect(heat.find((h) => h.kind === "rule")).toMatchObject({ id: "TD-EXAMPLE-RULE", participants: 2, failures: 3, docs: "/lessons/L301" });

      const rows = room.exportRows(await store.roomRows(w), { L101: checks });
      const ben = rows.filter((x) => x.participant === "Ben");
      expect(ben.map((x) => x.check)).toEqual(checks);
      expect(ben[0]).toMatchObject({ passed: false, attempts: 3, timeToFirstPassSeconds: null });
      const chie = rows.find((x) => x.participant === "Chie" && x.check === checks[0])!;
      expect(chie).toMatchObject({ passed: true, attempts: 2 });
      expect(chie.timeToFirstPassSeconds).toBeGreaterThanOrEqual(0);
      const csv = room.toCsv(rows).split("\r\n");
      expect(csv[0]).toBe("participant,participant_id,lesson,check,passed,attempts,time_to_first_pass_seconds");
      expect(csv).toHaveLength(1 + 3 * checks.length + 1);

      // Resetting Ben's exercise clears the lesson (not started again) but keeps his attempts for the export.
      const ben0 = (await store.roomRows(w)).participants.find((p) => p.displayName === "Ben")!;
      await store.resetParticipantLesson(ben0.learnerId, "L101");
      const after = await snapshot();
      expect(cell(after, "Ben").status).toBe("not-started");
      expect(cell(after, "Ben").attempts).toBe(3);
    });
  });

  describe(`${name}: time per lesson`, () => {
    it("counts from the participant's first activity on the lesson — the first draft save when it comes before the first Check", async () => {
      const owner = await user("instructor");
      const w = await store.createWorkshop(owner.id, { title: "Timing", lessons: ["L101"] });
      const checks = await lessonChecks("L101");
      const [writer, checker] = await Promise.all(["Dai", "Emi"].map(async () => learners.learnerForSession(issue(KEY))));
      await store.addParticipant(w.id, writer, "Dai");
      await store.addParticipant(w.id, checker, "Emi");
      // Dai wrote for ten minutes before the first Check, which passed; a later save leaves the first save's time.
      await progress.saveDraft(writer.id, "L101", "task-definition.json", "{}");
      await db().lessonFile.updateMany({ where: { learnerId: writer.id }, data: { firstSavedAt: new Date(Date.now() - 10 * 60_000) } });
      await progress.saveDraft(writer.id, "L101", "task-definition.json", '{"family":"x"}');
      await progress.recordAttempt(writer.id, "L101", attempt(checks, []));
      // Emi pressed Check before saving anything: her time counts from that Check.
      await progress.recordAttempt(checker.id, "L101", attempt(checks, []));
      const rows = await store.roomRows(w);
      const exported = room.exportRows(rows, { L101: checks });
      expect(exported.find((r) => r.participant === "Dai")!.timeToFirstPassSeconds).toBeGreaterThanOrEqual(600);
      expect(exported.find((r) => r.participant === "Emi")!.timeToFirstPassSeconds).toBeLessThan(60);
      // The median of 10 and ~0 minutes.
      const [timing] = room.minutesPerLesson(rows, ["L101"]);
      expect(timing).toMatchObject({ lessonId: "L101", passed: 2 });
      expect(timing.medianMinutes).toBeGreaterThanOrEqual(5);
    });
  });

  describe(`${name}: the live room's cache`, () => {
    it("re-reads only the learners an event names (a full read when it names nobody), and then equals a full read of the room", async () => {
      const cache = await import("@/lib/workshop/room-cache");
      const owner = await user("instructor");
      const w = await store.createWorkshop(owner.id, { title: "Cached", lessons: ["L101", "L102"] });
      const checks = await lessonChecks("L101");
      const [a, b, c] = await Promise.all(["Ann", "Ben", "Chie"].map(async (n) => ({ name: n, learner: await learners.learnerForSession(issue(KEY)) })));
      for (const p of [a, b]) await store.addParticipant(w.id, p.learner, p.name);
      const opened = await cache.openRoom(w.id);
      const now = new Date();
      const grid = (rows: Awaited<ReturnType<typeof store.roomRows>>) => room.buildRoom(rows, w.lessonIds, now);
      const full = async () => ({ grid: grid(await store.roomRows(w)), heat: room.heatMap(await store.roomRows(w), w.lessonIds) });
      const cached = async () => {
        const rows = await opened.cache.read(w);
        return { grid: grid(rows), heat: room.heatMap(rows, w.lessonIds) };
      };
      // Events travel asynchronously (on PostgreSQL through NOTIFY): wait until the cache has read what they named.
      const readAfter = async (version: number) => expect.poll(async () => (await opened.cache.read(w), opened.cache.version)).toBeGreaterThan(version);
      const sameAsFull = async () => expect.poll(async () => JSON.stringify(await cached())).toBe(JSON.stringify(await full()));
      try {
        expect(await cached()).toEqual(await full());

        // Ann fails a Check, Ben saves a draft: both announced with their learner, both shown.
        await progress.recordAttempt(a.learner.id, "L101", attempt(checks, [checks[0]], "TD-EXAMPLE-RULE"));
        await progress.saveDraft(b.learner.id, "L102", "task-definition.json", "{}");
        await live.announce(w.id, "progress", { learnerId: a.learner.id });
        await live.announce(w.id, "progress", { learnerId: b.learner.id });
        await sameAsFull();
        expect((await cached()).grid.rows.find((r) => r.displayName === "Ann")!.cells.L101).toMatchObject({ status: "working", attempts: 1, failedChecks: 1 });

        // Chie joins (announced with her learner): a new row, last, as the full read orders it.
        await store.addParticipant(w.id, c.learner, c.name);
        await live.announce(w.id, "join", { learnerId: c.learner.id });
        await sameAsFull();
        expect((await cached()).grid.rows.map((r) => r.displayName)).toEqual(["Ann", "Ben", "Chie"]);

        // A change to Ben announced under Ann's name is not read: only the named learner's rows are.
        await progress.recordAttempt(b.learner.id, "L101", attempt(checks, []));
        let version = opened.cache.version;
        await live.announce(w.id, "progress", { learnerId: a.learner.id });
        await readAfter(version);
        expect((await cached()).grid.rows.find((r) => r.displayName === "Ben")!.cells.L101.attempts).toBe(0);
        // An event that names nobody (an instructor's action) reads the whole room again.
        version = opened.cache.version;
        await live.announce(w.id, "settings");
        await readAfter(version);
        expect((await cached()).grid.rows.find((r) => r.displayName === "Ben")!.cells.L101).toMatchObject({ status: "done", attempts: 1 });
        expect(await cached()).toEqual(await full());

        // Ben moves to another workshop: announced with his learner, his row leaves this room.
        const elsewhere = await store.createWorkshop(owner.id, { title: "Elsewhere", lessons: ["L101"] });
        await store.addParticipant(elsewhere.id, b.learner, "Ben");
        await live.announce(w.id, "join", { learnerId: b.learner.id });
        await sameAsFull();
        expect((await cached()).grid.rows.map((r) => r.displayName)).toEqual(["Ann", "Chie"]);
      } finally {
        opened.release();
      }
    });

    it("builds one snapshot per version and language for every stream of the process, with the room's broadcasts", async () => {
      const cache = await import("@/lib/workshop/room-cache");
      const { roomSnapshot } = await import("@/lib/workshop/snapshot");
      const owner = await user("instructor");
      const w = await store.createWorkshop(owner.id, { title: "Shared", lessons: ["L101"] });
      const ann = await learners.learnerForSession(issue(KEY));
      await store.addParticipant(w.id, ann, "Ann");
      const first = await cache.openRoom(w.id);
      const second = await cache.openRoom(w.id);
      const at = Date.now();
      try {
        expect(second.cache).toBe(first.cache);
        const en = await first.cache.snapshot(w, "en", at);
        // Another stream in the same moment shares it; another language gets its own.
        expect(await second.cache.snapshot(w, "en", at + 1)).toBe(en);
        expect(await second.cache.snapshot(w, "ja", at + 1)).not.toBe(en);
        expect(en).toEqual(await roomSnapshot(w, "en", new Date(at)));

        // A broadcast (its event names nobody) and a save are read, and the next snapshot shows both.
        await store.addBroadcast(w.id, "Ten minutes left");
        await live.announce(w.id, "broadcast");
        await progress.saveDraft(ann.id, "L101", "task-definition.json", "{}");
        await live.announce(w.id, "progress", { learnerId: ann.id });
        await expect
          .poll(async () => {
            const now = await first.cache.snapshot(w, "en", at + 2);
            return [now.broadcasts.map((b) => b.message), now.rows[0].cells.L101.status];
          })
          .toEqual([["Ten minutes left"], "working"]);
        const later = await first.cache.snapshot(w, "en", at + 3);
        expect(later).not.toBe(en);
        expect({ ...later, at: null }).toEqual({ ...(await roomSnapshot(w, "en", new Date(at + 2))), at: null });
        // Unchanged, it is built again once ROOM_FRAME_MS has passed (statuses follow the clock).
        expect(await first.cache.snapshot(w, "en", at + 3 + cache.ROOM_FRAME_MS)).not.toBe(later);
      } finally {
        first.release();
        second.release();
      }
    });
  });

  describe(`${name}: personal API tokens`, () => {
    it("stores only a hash, acts with the account's current role, and stops working once revoked", async () => {
      const owner = await user("instructor");
      const { id, token } = await tokens.createApiToken(owner.id);
      expect(token).toMatch(/^dojo_pat_/);
      const row = await db().apiToken.findUnique({ where: { id } });
      expect(row?.tokenHash).not.toContain(token.slice(9));
      expect(await tokens.accountOfBearer(`Bearer ${token}`)).toEqual({ userId: owner.id, role: "instructor" });
      expect(await tokens.accountOfBearer(`Bearer ${token}x`)).toBeNull();
      expect(await tokens.accountOfBearer(token)).toBeNull();
      await db().user.update({ where: { id: owner.id }, data: { role: "learner" } });
      expect(await tokens.accountOfBearer(`Bearer ${token}`)).toEqual({ userId: owner.id, role: "learner" });
      expect(await tokens.revokeApiToken(owner.id, id)).toBe(true);
      expect(await tokens.accountOfBearer(`Bearer ${token}`)).toBeNull();
    });
  });

  describe(`${name}: live events`, () => {
    it("delivers an announced change to the workshop's listeners, and only to them", async () => {
      const heard: string[] = [];
      const other: string[] = [];
      const stop = await live.listen("w-live", (e) => heard.push(e.kind));
      const stopOther = await live.listen("w-other", (e) => other.push(e.kind));
      const outside = extra?.otherListener ? await extra.otherListener() : null;
      const revoked: string[] = [];
      const stopRevoked = await live.listenRevokedKeys((key) => revoked.push(key));
      await live.announce("w-live", "hand");
      await live.announce("w-live", "progress");
      await live.announceRevokedKey("AKIADELETEDLEARNER01");
      await expect.poll(() => heard).toEqual(["hand", "progress"]);
      await expect.poll(() => revoked).toEqual(["AKIADELETEDLEARNER01"]);
      expect(other).toEqual([]);
      stopRevoked();
      if (outside) {
        // Another app instance's LISTEN connection hears the same events, an account delete's revoked key included.
        await expect.poll(() => outside.received.filter((p) => p.includes('"w-live"')).length).toBe(2);
        await expect.poll(() => outside.received.filter((p) => p.includes("AKIADELETEDLEARNER01")).length).toBe(1);
        await outside.close();
      }
      stop();
      stopOther();
    });
  });
}
