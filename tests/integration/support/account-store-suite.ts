/**
 * Accounts over a real database (lib/people/*): sign-up attaches the anonymous learner (its rows stay, none are
 * copied) and detaches it from the anonymous cookie; sign-in with the email or the user name, from another "device",
 * reaches the same learner; sign-in attempts are limited in the database; a one-time link works once; export has
 * every table's rows; delete leaves no row in any table. Run on SQLite (account-store.test.ts) and PostgreSQL
 * (account-store-postgres.test.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { storeDatabase } from "./store-database";

type Actions = typeof import("@/lib/people/account-actions");
type Accounts = typeof import("@/lib/people/accounts");
let actions: Actions;
let accounts: Accounts;
let db: typeof import("@/lib/progress/db").db;
let learners: typeof import("@/lib/progress/learners");
let issue: (key: string) => string;
const KEY = "k".repeat(40);

const request = (over: Partial<import("@/lib/people/account-actions").AccountRequest> = {}) => ({
  locale: "en" as const,
  cookieHeader: null,
  anonymousToken: undefined,
  clientAddress: "198.51.100.7",
  userAgent: "vitest",
  ...over,
});
const cookieOf = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).filter((c) => !c.endsWith("=")).join("; ");

export function accountStoreSuite(name: string, databaseUrl: () => string) {
  storeDatabase(databaseUrl, KEY);
  beforeAll(async () => {
    actions = await import("@/lib/people/account-actions");
    accounts = await import("@/lib/people/accounts");
    learners = await import("@/lib/progress/learners");
    db = (await import("@/lib/progress/db")).db;
    issue = (await import("@/lib/people/session-token")).issueSessionToken;
  });

  /** An anonymous learner with a draft, a passed check, an exam answer, a timed set, an API call and sandbox rows. */
  async function anonymousWithWork() {
    const token = issue(KEY);
    const learner = await learners.learnerForSession(token);
    const d = db();
    await d.lessonFile.create({ data: { learnerId: learner.id, lessonId: "l1", name: "task.json", text: "{}" } });
    await d.lessonProgress.create({ data: { learnerId: learner.id, lessonId: "l1", checkResults: '{"c1":true}' } });
    await d.attempt.create({ data: { learnerId: learner.id, lessonId: "l1", text: "{}", diagnostics: [], checks: [], passed: true } });
    await d.examAnswer.create({ data: { learnerId: learner.id, questionId: "q1", exam: "DVA-C02", choice: '["a"]', correct: true } });
    await d.examSet.create({
      data: { id: `set-${learner.id}`, learnerId: learner.id, exam: "DVA-C02", questionIds: '["q1"]', startedAt: new Date(), deadline: new Date(Date.now() + 60_000) },
    });
    await d.examSetAnswer.create({ data: { setId: `set-${learner.id}`, questionId: "q1", choice: '["a"]', correct: true, answeredAt: new Date() } });
    await d.examFlag.create({ data: { learnerId: learner.id, questionId: "q1", flaggedAt: new Date() } });
    await d.examReviewCard.create({
      data: { learnerId: learner.id, questionId: "q1", due: new Date(), stability: 1, difficulty: 5, scheduledDays: 0, learningSteps: 0, reps: 1, lapses: 1, state: 1 },
    });
    await d.terminalFile.create({ data: { learnerId: learner.id, name: "td.json", text: "{}" } });
    await d.terminalHistoryEntry.create({ data: { learnerId: learner.id, line: "aws ecs list-clusters" } });
    await d.apiCall.create({ data: { accountId: learner.accountId, region: "us-east-1", service: "ecs", operation: "ListClusters", input: "{}" } });
    await d.sandboxDocument.create({ data: { accountId: learner.accountId, region: "us-east-1", key: "meta", version: 1, position: 0, json: "{}" } });
    await d.sandbox.create({ data: { accountId: learner.accountId, region: "us-west-2", state: "{}" } });
    return { token, learner };
  }

  describe(`${name}: sign-up keeps the anonymous work`, () => {
    it("attaches the learner (same row, same rows under it) and detaches it from the anonymous cookie", async () => {
      const { token, learner } = await anonymousWithWork();
      const up = await actions.signUp(request({ anonymousToken: token }), { email: "Ann@Example.com", username: "Ann_1", password: "correct horse battery" });
      expect(up.status).toBe(200);
      expect(up.rotate).toBe(true);
      const cookie = cookieOf(up.setCookies);
      expect(cookie).toMatch(/^dojo\.session_token=/);
      const me = await accounts.signedInFromCookies(cookie);
      expect(me?.role).toBe("learner");
      expect(me?.label).toBe("Ann_1");
      const attached = await accounts.learnerOfUser(me!.userId);
      expect(attached?.id).toBe(learner.id); // the same row, not a copy
      expect(await db().learner.count()).toBeGreaterThanOrEqual(1);
      // The anonymous cookie no longer reaches the account's work (in a fresh lookup, as another process would do it).
      learners.forgetSession(token);
      expect(await learners.findLearnerBySession(token)).toBeNull();
      const rows = await accounts.rowsOfUser(me!.userId);
      console.log(`${name}: rows of the new account`, JSON.stringify(rows));
      for (const table of ["lessonFile", "lessonProgress", "attempt", "examAnswer", "examSet", "examSetAnswer", "examFlag", "examReviewCard", "terminalFile", "terminalHistoryEntry", "apiCall", "sandbox", "sandboxDocument"]) {
        expect(rows[table], table).toBeGreaterThan(0);
      }
    });

    it("signs in from another device with the user name or the email and reaches the same learner", async () => {
      const byName = await actions.signIn(request(), { login: "ann_1", password: "correct horse battery" });
      const byEmail = await actions.signIn(request(), { login: "ANN@example.com", password: "correct horse battery" });
      expect([byName.status, byEmail.status]).toEqual([200, 200]);
      const a = await accounts.signedInFromCookies(cookieOf(byName.setCookies));
      const b = await accounts.signedInFromCookies(cookieOf(byEmail.setCookies));
      expect(a?.userId).toBe(b?.userId);
      expect(cookieOf(byName.setCookies)).not.toBe(cookieOf(byEmail.setCookies)); // each sign-in is its own session
    });

    it("refuses a taken user name, a taken email and a weak password, saying what to do", async () => {
      const taken = await actions.signUp(request(), { username: "ANN_1", password: "another long password" });
      expect(taken.status).toBe(409);
      expect(JSON.stringify(taken.body)).toContain("already taken");
      const email = await actions.signUp(request(), { email: "ann@example.com", password: "another long password" });
      expect(JSON.stringify(email.body)).toContain("Sign in instead");
      const weak = await actions.signUp(request({ locale: "ja" }), { username: "bob", password: "short" });
      expect(weak.status).toBe(400);
      expect(JSON.stringify(weak.body)).toContain("10 文字以上");
    });

    it("a user-name-only account gets a placeholder address that is never shown", async () => {
      const up = await actions.signUp(request(), { username: "Carol", password: "correct horse battery" });
      expect(up.status).toBe(200);
      const me = await accounts.signedInFromCookies(cookieOf(up.setCookies));
      expect(me?.email).toBeNull();
      expect(me?.label).toBe("Carol");
    });
  });

  describe(`${name}: sessions`, () => {
    it("a tampered or signed-out cookie is no session", async () => {
      const signedIn = await actions.signIn(request(), { login: "carol", password: "correct horse battery" });
      const cookie = cookieOf(signedIn.setCookies);
      const [head, mac] = cookie.split(".session_token=")[1].split(".");
      const tampered = `dojo.session_token=${head.slice(0, -1)}${head.endsWith("A") ? "B" : "A"}.${mac}`;
      expect(await accounts.signedInFromCookies(tampered)).toBeNull();
      expect(await accounts.signedInFromCookies(cookie)).not.toBeNull();
      const out = await actions.signOut(request({ cookieHeader: cookie }));
      expect(out.status).toBe(200);
      expect(await accounts.signedInFromCookies(cookie)).toBeNull();
    });

    it("changing the password revokes the account's other sessions and needs the current one", async () => {
      const one = cookieOf((await actions.signIn(request(), { login: "carol", password: "correct horse battery" })).setCookies);
      const two = cookieOf((await actions.signIn(request(), { login: "carol", password: "correct horse battery" })).setCookies);
      const wrong = await actions.changePassword(request({ cookieHeader: one }), { currentPassword: "not it at all", newPassword: "a new long password" });
      expect(wrong.status).toBe(400);
      const ok = await actions.changePassword(request({ cookieHeader: one }), { currentPassword: "correct horse battery", newPassword: "a new long password" });
      expect(ok.status).toBe(200);
      expect(await accounts.signedInFromCookies(two)).toBeNull();
      expect((await actions.signIn(request(), { login: "carol", password: "a new long password" })).status).toBe(200);
      expect((await actions.signIn(request(), { login: "carol", password: "correct horse battery" })).status).toBe(401);
    });
  });

  describe(`${name}: sign-in guessing`, () => {
    it("refuses the attempt after the allowance, counted in the database, with a clear message", async () => {
      const statuses: number[] = [];
      let last: import("@/lib/people/account-actions").AccountOutcome | undefined;
      for (let i = 0; i < 6; i++) {
        last = await actions.signIn(request({ clientAddress: "203.0.113.9" }), { login: "ann_1", password: `guess number ${i}` });
        statuses.push(last.status);
      }
      console.log(`${name}: 6 wrong sign-ins answered ${statuses.join(", ")}`);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect(JSON.stringify(last!.body)).toMatch(/Too many sign-in attempts\. Wait \d+ minutes?, then try again\./);
      expect(await db().rateLimiterFlexible.count({ where: { key: "signInPerName:ann_1" } })).toBe(1);
      // Even the right password waits now.
      expect((await actions.signIn(request(), { login: "ann_1", password: "correct horse battery" })).status).toBe(429);
    });
  });

  describe(`${name}: provisioning and links`, () => {
    it("users add with a link: the link works once, the role is stored", async () => {
      const provision = await import("@/lib/people/provision");
      const made = await provision.addUser({ email: "teach@example.com", role: "instructor" });
      expect(made.link?.token).toBeTruthy();
      const stored = await db().authVerification.findFirst({ where: { identifier: `sign-in-link:${made.userId}` } });
      expect(stored?.value).not.toContain(made.link!.token); // only the hash is stored
      const first = await actions.signInWithLink(request(), { token: made.link!.token });
      expect(first.status).toBe(200);
      const me = await accounts.signedInFromCookies(cookieOf(first.setCookies));
      expect(me?.role).toBe("instructor");
      expect((await actions.signInWithLink(request(), { token: made.link!.token })).status).toBe(400);
      const { hasRole } = await import("@/lib/people/roles");
      expect([hasRole("admin", "instructor"), hasRole("instructor", "instructor"), hasRole("learner", "instructor")]).toEqual([true, true, false]);
    });
  });

  describe(`${name}: export and delete`, () => {
    it("exports every table's rows and leaves out secrets", async () => {
      const { token } = await anonymousWithWork();
      const up = await actions.signUp(request({ anonymousToken: token }), { username: "dora", password: "correct horse battery" });
      const me = (await accounts.signedInFromCookies(cookieOf(up.setCookies)))!;
      const data = (await accounts.exportAccount(me.userId)) as Record<string, unknown[]>;
      for (const key of ["lessonProgress", "lessonFiles", "attempts", "examAnswers", "examSets", "examFlags", "examReviewCards", "terminalFiles", "terminalHistory", "apiCalls", "sandboxes", "sandboxDocuments", "sessions"]) {
        expect((data[key] as unknown[]).length, key).toBeGreaterThan(0);
      }
      const text = JSON.stringify(data);
      expect(text).not.toMatch(/\$argon2id\$/);
      expect(text).not.toContain(cookieOf(up.setCookies).split("=")[1].split(".")[0]);
    });

    it("deletes the account and every row about it, in every table, and no one else's", async () => {
      const { token } = await anonymousWithWork();
      const up = await actions.signUp(request({ anonymousToken: token }), { email: "eve@example.com", password: "correct horse battery" });
      const cookie = cookieOf(up.setCookies);
      const me = (await accounts.signedInFromCookies(cookie))!;
      // Some failed sign-ins leave a counter under the account's name.
      await actions.signIn(request(), { login: "eve@example.com", password: "not the password" });
      // And a sign-in link an admin made for it and nobody used.
      await (await import("@/lib/people/auth")).createSignInLinkToken(me.userId);
      // Workshops: a personal API token, a workshop the account runs, and one its learner joined.
      await (await import("@/lib/people/api-tokens")).createApiToken(me.userId);
      const workshop = await (await import("@/lib/workshop/store")).createWorkshop(me.userId, { title: "Eve's room", lessons: ["L101"] });
      await (await import("@/lib/workshop/store")).addParticipant(workshop.id, (await accounts.learnerOfUser(me.userId))!, "Eve");
      const before = await accounts.rowsOfUser(me.userId);
      const othersBefore = await accounts.rowsOfUser((await db().user.findFirst({ where: { username: "dora" } }))!.id);
      const gone = await actions.deleteMe(request({ cookieHeader: cookie }), async () => {});
      expect(gone.status).toBe(200);
      const after = await accounts.rowsOfUser(me.userId);
      console.log(`${name}: rows before delete ${JSON.stringify(before)}; after ${JSON.stringify(after)}`);
      expect(Object.values(before).every((n) => n > 0)).toBe(true); // every table had a row to delete
      // Every table keyed by a learner, a sandbox account, a user or a timed set is counted, so a table added later
      // cannot be left out of the export and the delete unnoticed (User and AuthVerification are keyed otherwise).
      const schema = fs.readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
      const keyed = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
        .filter(([, , body]) => /^\s+(learnerId|accountId|userId|setId)\s/m.test(body))
        .map(([, model]) => model[0].toLowerCase() + model.slice(1));
      expect(Object.keys(before).sort()).toEqual([...keyed, "user", "authVerification"].sort());
      expect(Object.values(after).every((n) => n === 0)).toBe(true);
      expect(await db().rateLimiterFlexible.count({ where: { key: { endsWith: ":eve@example.com" } } })).toBe(0);
      expect(await accounts.rowsOfUser((await db().user.findFirst({ where: { username: "dora" } }))!.id)).toEqual(othersBefore);
      expect(await accounts.signedInFromCookies(cookie)).toBeNull();
    });

    it("an instructor's workshops: one with co-instructors passes to the earliest added, one without is deleted; participants keep their own work", async () => {
      const workshops = await import("@/lib/workshop/store");
      const up = await actions.signUp(request(), { username: "frank", password: "correct horse battery" });
      const cookie = cookieOf(up.setCookies);
      const frank = (await accounts.signedInFromCookies(cookie))!;
      const [first, second] = await Promise.all(
        ["first", "second"].map((n) => db().user.create({ data: { id: `co-${n}-${name}`, name: n, email: `${n}@example.com`, role: "instructor" } })),
      );
      const shared = await workshops.createWorkshop(frank.userId, { title: "Shared room", lessons: ["L101"] });
      expect(await workshops.addCoInstructor(shared.id, first.email)).toBe("added");
      expect(await workshops.addCoInstructor(shared.id, second.email)).toBe("added");
      // Added within the same millisecond here; in a room minutes apart. The earliest is the heir.
      await db().workshopInstructor.update({ where: { workshopId_userId: { workshopId: shared.id, userId: first.id } }, data: { addedAt: new Date(Date.now() - 60_000) } });
      const alone = await workshops.createWorkshop(frank.userId, { title: "Frank alone", lessons: ["L101"] });
      const { learner: participant } = await anonymousWithWork();
      await workshops.addParticipant(alone.id, participant, "Pat");
      await workshops.addBroadcast(alone.id, "Break until 11:00");

      expect((await actions.deleteMe(request({ cookieHeader: cookie }), async () => {})).status).toBe(200);

      const heir = await workshops.workshopFor({ userId: first.id, role: "instructor" }, shared.id);
      expect(heir?.instructors.map((i) => [i.userId, i.role])).toEqual([[first.id, "owner"], [second.id, "co"]]);
      expect(await db().workshop.count({ where: { id: alone.id } })).toBe(0);
      expect(await db().workshopParticipant.count({ where: { workshopId: alone.id } })).toBe(0);
      expect(await db().workshopBroadcast.count({ where: { workshopId: alone.id } })).toBe(0);
      // The participant's learner and its work are theirs, not the workshop's.
      expect(await db().learner.count({ where: { id: participant.id } })).toBe(1);
      expect(await db().lessonProgress.count({ where: { learnerId: participant.id } })).toBe(1);
      expect(await db().sandbox.count({ where: { accountId: participant.accountId } })).toBe(1);
    });
  });
}
