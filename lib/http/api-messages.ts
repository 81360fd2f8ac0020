import type { Locale } from "@/lib/i18n/locales";


/** Deepest nesting the site's API takes: its bodies are a few levels deep (files, answers), never more. */
export const MAX_JSON_DEPTH = 32;

/** Largest body the site's own API accepts: a task definition is at most 64 KiB, leave room for JSON escaping. */
export const MAX_BODY_BYTES = 256 * 1024;

const MESSAGES = {
  en: {
    tooLarge: `The request is larger than ${MAX_BODY_BYTES / 1024} KiB. A task definition is at most 64 KiB; shorten the text.`,
    badJson: "The request body must be JSON.",
    tooDeep: `The request body is nested more than ${MAX_JSON_DEPTH} levels deep; the site's API never needs that.`,
    badField: (field: string) => `The request needs "${field}" as text.`,
    noSession: "Your session cookie is missing. Reload the page to get a new one.",
    tooManyLearners: "Too many new learners from your network in the last hour. Try again later, or ask whoever runs this site to raise the limit.",
  },
  ja: {
    tooLarge: `リクエストが ${MAX_BODY_BYTES / 1024} KiB を超えています。タスク定義は最大 64 KiB です。テキストを短くしてください。`,
    badJson: "リクエスト本文は JSON にしてください。",
    tooDeep: `リクエスト本文の入れ子が ${MAX_JSON_DEPTH} 階層を超えています。このサイトの API でそこまで深い入れ子は使いません。`,
    badField: (field: string) => `リクエストには文字列の "${field}" が必要です。`,
    noSession: "セッション Cookie がありません。ページを再読み込みしてください。",
    tooManyLearners: "この 1 時間に、あなたのネットワークから新しい学習者が多数作成されました。しばらくしてから再度お試しいただくか、サイトの管理者に上限の引き上げを依頼してください。",
  },
};

export function httpText(locale: Locale) {
  return MESSAGES[locale];
}


/** The answer to a request whose learner could not be started (lib/people/learner-session.ts). */
export function refusedStart(refused: "no-session" | "too-many", locale: Locale): { status: 401 | 429; message: string } {
  const t = MESSAGES[locale];
  return refused === "too-many" ? { status: 429, message: t.tooManyLearners } : { status: 401, message: t.noSession };
}
