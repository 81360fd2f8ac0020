/**
 * The requests every open lesson page repeats — the console poll every 2 s, the draft autosave every few seconds and
 * Check — served on node:http by server.ts, beside /aws, instead of through Next.js. Next's route pipeline costs
 * about 3 ms of CPU per request even for a route that does nothing (measured: GET /api/health 3.3 ms, the console
 * poll's own work 1 ms); at 300 learners these are 240 requests a second, most of a core (npm run bench -- load).
 * They get exactly the checks the Next.js routes get: the same CSRF gate and write rate (lib/http/csrf.ts), the same
 * body limits and field validation, the same learner rules.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getLesson, type Lesson } from "@/lib/course/load";
import { gradeLesson, submittedFiles } from "@/lib/course/grading/grade";
import { solutionOffered } from "@/lib/course/grading/policy";
import { refusedStart } from "@/lib/http/api-messages";
import { stateChangeRefusal } from "@/lib/http/csrf";
import { readJsonObjectBody } from "@/lib/http/json-body";
import { answersField, fileNameField, filesField, NO_SUCH_LESSON, textField } from "@/lib/http/lesson-fields";
import { STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { CLIENT_ADDRESS_HEADER } from "@/lib/people/client-address";
import { sessionLearner, startLearner } from "@/lib/people/learner-session";
import { SESSION_COOKIE } from "@/lib/people/session-cookie";
import { consoleSnapshot, type ConsoleSnapshot } from "@/lib/sandbox/console";
import { EcsError } from "@/lib/sandbox/engine";
import { callsSince } from "@/lib/progress/call-history";
import type { LearnerRef } from "@/lib/progress/learners";
import { lessonProgress, recordAttempt, saveAnswers, saveDraft } from "@/lib/progress/lesson-progress";
import { serverKey } from "@/lib/server-key";
import { noteLearnerActivity } from "@/lib/workshop/activity";
import { CONSOLE_PATH, LESSON_WRITE_PATH } from "./lanes";
import { consoleReader, SANDBOX_REGION, sandboxAccess } from "./sandbox";

const EMPTY_CONSOLE = { clusters: [], cluster: null, services: [], tasks: [], traffic: null };

/** `text`, when given, is the body already serialized; a 304 has none. */
type Answer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };

/** Serves a request lanes.ts's isFastLane chose. */
export async function serveFastLane(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let answer: Answer;
  try {
    const url = new URL(request.url ?? "/", "http://site.internal");
    if (url.pathname === CONSOLE_PATH) answer = await consoleAnswer(request, url);
    else {
      const [, lessonId, action] = LESSON_WRITE_PATH.exec(url.pathname)!;
      const write = await lessonWrite(request, decodeURIComponent(lessonId));
      answer = "status" in write ? write : action === "draft" ? await draftAnswer(write) : await checkAnswer(write);
    }
  } catch (error) {
    console.error(`${request.method} ${request.url} failed`, error);
    answer = { status: 500, body: { error: { message: "Internal Server Error" } } };
  }
  if (response.headersSent) return;
  response.writeHead(answer.status, {
    ...STATIC_SECURITY_HEADERS,
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    ...answer.headers,
  });
  response.end(answer.status === 304 ? undefined : (answer.text ?? JSON.stringify(answer.body)));
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

function localeOf(request: IncomingMessage): Locale {
  const value = header(request, "x-dojo-locale");
  return isLocale(value) ? value : "en";
}

/** The session cookie's value, as the Next.js routes read it (the first of that name). */
function sessionToken(request: IncomingMessage): string | undefined {
  for (const part of (header(request, "cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const problem = (status: number, message: string, headers?: Record<string, string>): Answer => ({ status, body: { error: { message } }, headers });

/** GET /api/sandbox/console[?cluster=]: the console's snapshot; an empty one for a visitor who has not started. */
async function consoleAnswer(request: IncomingMessage, url: URL): Promise<Answer> {
  const learner = await sessionLearner(sessionToken(request), serverKey(), header(request, "cookie"));
  if (!learner) return { status: 200, body: EMPTY_CONSOLE };
  try {
    const { text, etag } = serialized(await consoleSnapshot(await consoleReader(learner), url.searchParams.get("cluster")));
    // Private and revalidated on every poll: the browser asks with If-None-Match and an unchanged console costs no body.
    const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
    if (header(request, "if-none-match") === etag) return { status: 304, headers };
    return { status: 200, text, headers };
  } catch (error) {
    if (!(error instanceof EcsError)) throw error;
    return problem(400, `An error occurred (${error.type}) when calling the DescribeClusters operation: ${error.message}`);
  }
}

interface LessonWrite {
  locale: Locale;
  learner: LearnerRef;
  lesson: Lesson;
  body: Record<string, unknown>;
}

/** The front half of both lesson writes, in the order the Next.js routes take it: CSRF gate, lesson, body, learner. */
async function lessonWrite(request: IncomingMessage, lessonId: string): Promise<LessonWrite | Answer> {
  const locale = localeOf(request);
  const token = sessionToken(request);
  const refusal = await stateChangeRefusal((name) => header(request, name), token, locale, serverKey());
  if (refusal) return problem(refusal.status, refusal.message, refusal.headers);
  const lesson = getLesson(lessonId);
  if (!lesson) return problem(404, NO_SUCH_LESSON[locale]);
  const read = await readJsonObjectBody(request, locale);
  if ("status" in read) return problem(read.status, read.message);
  const started = await startLearner(token, header(request, CLIENT_ADDRESS_HEADER) ?? "unknown", serverKey(), header(request, "cookie"));
  if ("refused" in started) {
    const { status, message } = refusedStart(started.refused, locale);
    return problem(status, message);
  }
  return { locale, learner: started.learner, lesson, body: read.value };
}

const serializedSnapshots = new WeakMap<ConsoleSnapshot, { text: string; etag: string }>();

/** The snapshot's JSON and its entity tag (from the content, so every worker process names it alike), once per snapshot. */
function serialized(snapshot: ConsoleSnapshot): { text: string; etag: string } {
  let done = serializedSnapshots.get(snapshot);
  if (!done) {
    const text = JSON.stringify(snapshot);
    done = { text, etag: `"${createHash("sha256").update(text).digest("base64url").slice(0, 22)}"` };
    serializedSnapshots.set(snapshot, done);
  }
  return done;
}

/** POST /api/lessons/:id/draft — autosave: `{file, text}` saves one file's draft; `{answers}` saves the quiz choices. */
async function draftAnswer({ locale, learner, lesson, body }: LessonWrite): Promise<Answer> {
  if (body.answers !== undefined) {
    const answers = answersField(body, locale);
    if ("error" in answers) return problem(400, answers.error);
    await saveAnswers(learner.id, lesson.id, answers.value);
    return { status: 200, body: { saved: true } };
  }
  const file = fileNameField(body, lesson, locale);
  if ("error" in file) return problem(400, file.error);
  const text = textField(body, "text", locale);
  if ("error" in text) return problem(400, text.error);
  await saveDraft(learner.id, lesson.id, file.value, text.value);
  noteLearnerActivity(learner.id, "draft");
  return { status: 200, body: { saved: true } };
}

/** POST /api/lessons/:id/check — grades `{files, answers}` with every check, against the learner's own sandbox and call history. */
async function checkAnswer({ locale, learner, lesson, body }: LessonWrite): Promise<Answer> {
  const files = filesField(body, lesson, locale);
  if ("error" in files) return problem(400, files.error);
  const answers = answersField(body, locale);
  if ("error" in answers) return problem(400, answers.error);
  const before = await lessonProgress(learner.id, lesson.id);
  // Files the page did not send are graded as the learner last saved them (or as the lesson starts them).
  const submitted = submittedFiles(lesson, files.value, before.files);
  const grade = await gradeLesson(lesson, { files: submitted, answers: answers.value }, {
    lang: locale,
    sandbox: sandboxAccess(learner),
    calls: () => callsSince(learner.accountId, SANDBOX_REGION, before.exerciseStartedAt ?? undefined),
  });
  const progress = await recordAttempt(learner.id, lesson.id, {
    files: submitted,
    answers: answers.value,
    diagnostics: grade.diagnostics,
    checks: grade.checks,
    passed: grade.passed,
  });
  noteLearnerActivity(learner.id, "check");
  return {
    status: 200,
    body: {
      passed: grade.passed,
      checks: grade.checks,
      ruleHints: grade.ruleHints,
      progress: { failedChecks: progress.failedChecks, completed: progress.completed },
      solution: solutionOffered(progress) ? Object.fromEntries(lesson.files.map((f) => [f.name, f.solution])) : null,
    },
  };
}
