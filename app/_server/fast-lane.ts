/**
 * The two requests every open lesson page repeats — the console poll every 2 s and the draft autosave every few
 * seconds — served on node:http by server.ts, beside /aws, instead of through Next.js. Next's route pipeline costs
 * about 3 ms of CPU per request even for a route that does nothing (measured: GET /api/health 3.3 ms, the console
 * poll's own work 1 ms); at 300 learners these two are 225 requests a second, most of a core (npm run bench -- load).
 * They get exactly the checks the Next.js routes get: the same CSRF gate and write rate (lib/http/csrf.ts), the same
 * body limits and field validation, the same learner rules.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getLesson } from "@/lib/course/load";
import { refusedStart } from "@/lib/http/api-messages";
import { stateChangeRefusal } from "@/lib/http/csrf";
import { readJsonObjectBody } from "@/lib/http/json-body";
import { answersField, fileNameField, NO_SUCH_LESSON, textField } from "@/lib/http/lesson-fields";
import { STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { CLIENT_ADDRESS_HEADER } from "@/lib/people/client-address";
import { sessionLearner, startLearner } from "@/lib/people/learner-session";
import { SESSION_COOKIE } from "@/lib/people/session-cookie";
import { consoleSnapshot } from "@/lib/sandbox/console";
import { EcsError } from "@/lib/sandbox/engine";
import { saveAnswers, saveDraft } from "@/lib/progress/lesson-progress";
import { serverKey } from "@/lib/server-key";
import { consoleReader } from "./sandbox";

const CONSOLE_PATH = "/api/sandbox/console";
const DRAFT_PATH = /^\/api\/lessons\/([^/]+)\/draft$/;
const EMPTY_CONSOLE = { clusters: [], cluster: null, services: [], tasks: [] };

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

/** Whether server.ts should hand this request to serveFastLane. */
export function isFastLane(method: string | undefined, url: string | undefined): boolean {
  const path = (url ?? "").split("?")[0];
  return (method === "GET" && path === CONSOLE_PATH) || (method === "POST" && DRAFT_PATH.test(path));
}

export async function serveFastLane(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let answer: Answer;
  try {
    const url = new URL(request.url ?? "/", "http://site.internal");
    answer = url.pathname === CONSOLE_PATH ? await consoleAnswer(request, url) : await draftAnswer(request, decodeURIComponent(DRAFT_PATH.exec(url.pathname)![1]));
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
  response.end(JSON.stringify(answer.body));
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
  const learner = await sessionLearner(sessionToken(request), serverKey());
  if (!learner) return { status: 200, body: EMPTY_CONSOLE };
  try {
    return { status: 200, body: await consoleSnapshot(await consoleReader(learner), url.searchParams.get("cluster")) };
  } catch (error) {
    if (!(error instanceof EcsError)) throw error;
    return problem(400, `An error occurred (${error.type}) when calling the DescribeClusters operation: ${error.message}`);
  }
}

/** POST /api/lessons/:id/draft — autosave: `{file, text}` saves one file's draft; `{answers}` saves the quiz choices. */
async function draftAnswer(request: IncomingMessage, lessonId: string): Promise<Answer> {
  const locale = localeOf(request);
  const token = sessionToken(request);
  const refusal = await stateChangeRefusal((name) => header(request, name), token, locale, serverKey());
  if (refusal) return problem(refusal.status, refusal.message, refusal.headers);
  const lesson = getLesson(lessonId);
  if (!lesson) return problem(404, NO_SUCH_LESSON[locale]);
  const read = await readJsonObjectBody(request, locale);
  if ("status" in read) return problem(read.status, read.message);
  const body = read.value;
  const started = await startLearner(token, header(request, CLIENT_ADDRESS_HEADER) ?? "unknown", serverKey());
  if ("refused" in started) {
    const { status, message } = refusedStart(started.refused, locale);
    return problem(status, message);
  }
  const { learner } = started;
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
  return { status: 200, body: { saved: true } };
}
