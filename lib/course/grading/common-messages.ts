/** The failures every check kind shares: the ones where the check could not run at all. */
import { catalog } from "./define";

const en = {
  fileMissing: (name: string) => `Cannot check: the file ${name} was not submitted.`,
  fileUnreadable: (name: string, why: string) => `Cannot check ${name}: ${why}. Fix the file first; this check stays failed until it can be read.`,
  validatorFailed: (name: string) =>
    `Cannot check ${name}: the validator failed on this text (a defect on our side). This check stays failed; please report the file.`,
  sandboxUnavailable: "Cannot check: your sandbox did not answer. Try again in a moment.",
  sandboxError: (why: string) => `Cannot check: your sandbox answered with an error (${why}). Try again in a moment.`,
  historyUnavailable: "Cannot check: your call history could not be read. Try again in a moment.",
  crashed: (why: string) => `Cannot check: the check itself failed (${why}). It stays failed; please report it.`,
  expectedSeen: (expected: string, seen: string) => `Expected: ${expected}. Seen: ${seen}.`,
};

const ja: typeof en = {
  fileMissing: (name: string) => `チェックできません: ${name} が提出されていません。`,
  fileUnreadable: (name: string, why: string) => `${name} をチェックできません: ${why}。まずファイルを直してください。読み取れるまでこのチェックは不合格のままです。`,
  validatorFailed: (name: string) =>
    `${name} をチェックできません: このテキストでバリデーターが異常終了しました (こちら側の不具合です)。このチェックは不合格のままです。ファイルを添えてお知らせください。`,
  sandboxUnavailable: "チェックできません: サンドボックスが応答しませんでした。少し待ってからもう一度お試しください。",
  sandboxError: (why: string) => `チェックできません: サンドボックスがエラーを返しました (${why})。少し待ってからもう一度お試しください。`,
  historyUnavailable: "チェックできません: API 呼び出しの履歴を読み取れませんでした。少し待ってからもう一度お試しください。",
  crashed: (why: string) => `チェックできません: チェック自体が失敗しました (${why})。このチェックは不合格のままです。お知らせください。`,
  expectedSeen: (expected: string, seen: string) => `期待: ${expected}。実際: ${seen}。`,
};

export const commonText = catalog(en, ja);
