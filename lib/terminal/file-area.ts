/**
 * The learner's own file area for the browser terminal: small text files kept on the server per learner, read by
 * `file://NAME` on /terminal and in lessons (a lesson editor's file of the same name is read first). Every limit of
 * the area is here, and so is every message that names one, so the page, the routes and the tests say the same.
 * Pure: no I/O. The text is only ever stored and handed back, never executed.
 */
import type { Locale } from "../i18n/locales";

/** How many files one learner may keep. */
export const MAX_FILES = 20;
/**
 * Bytes (UTF-8) of one file: a task definition, the largest JSON the course has a learner write, is at most 64 KiB
 * at AWS, so a file that holds any of them fits.
 */
export const MAX_FILE_BYTES = 64 * 1024;
/** Characters of a file name: plain names only (no folders), so `file://NAME` and `file://./NAME` read it. */
export const MAX_NAME_LENGTH = 64;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export type FileAreaError = "bad-name" | "too-large" | "too-many" | "not-found" | "not-text";

export interface TerminalFileInfo {
  name: string;
  bytes: number;
  updatedAt: string;
}

export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Why `name` cannot name a file in the area, or null. */
export function nameError(name: unknown): FileAreaError | null {
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_NAME_LENGTH || !NAME.test(name)) return "bad-name";
  return null;
}

/** Why `text` cannot be stored, or null. A NUL character means the upload was not a text file. */
export function textError(text: unknown): FileAreaError | null {
  if (typeof text !== "string" || text.includes("\u0000")) return "not-text";
  return utf8Bytes(text) > MAX_FILE_BYTES ? "too-large" : null;
}

/** The name a `file://` path means in the area: `./` in front is the same file; a path with folders is none. */
export function areaName(path: string): string | null {
  const name = path.replace(/^\.\//, "");
  return nameError(name) === null ? name : null;
}

const kib = (bytes: number) => `${bytes / 1024} KiB`;

const TEXT = {
  en: {
    limits: `Up to ${MAX_FILES} files of ${kib(MAX_FILE_BYTES)} each; names of letters, digits, dot, dash and underscore (up to ${MAX_NAME_LENGTH} characters, no folders).`,
    "bad-name": `A file name may use letters, digits, ".", "-" and "_" (up to ${MAX_NAME_LENGTH} characters, starting with a letter or digit, no folders), such as task-def.json.`,
    "too-large": `The file is larger than ${kib(MAX_FILE_BYTES)}. Shorten it (a task definition is at most 64 KiB), then save again.`,
    "too-many": `You already keep ${MAX_FILES} files, the most there may be. Delete one you no longer need, then save again.`,
    "not-found": "There is no such file in your file area (it may have been deleted in another tab). Reload the list.",
    "not-text": "This is not a text file. Upload JSON, YAML or other text.",
  },
  ja: {
    limits: `ファイルは ${MAX_FILES} 個まで、1 ファイル ${kib(MAX_FILE_BYTES)} までです。名前には英数字、ドット、ハイフン、アンダースコアを使えます (${MAX_NAME_LENGTH} 文字まで、フォルダーは不可)。`,
    "bad-name": `ファイル名には英数字と「.」「-」「_」を使えます (${MAX_NAME_LENGTH} 文字まで、英数字で始める、フォルダーは不可)。例: task-def.json`,
    "too-large": `ファイルが ${kib(MAX_FILE_BYTES)} を超えています。短くしてから、もう一度保存してください (タスク定義は最大 64 KiB です)。`,
    "too-many": `ファイルはすでに上限の ${MAX_FILES} 個あります。不要なファイルを削除してから、もう一度保存してください。`,
    "not-found": "そのファイルはファイル置き場にありません (別のタブで削除された可能性があります)。一覧を再読み込みしてください。",
    "not-text": "テキストファイルではありません。JSON、YAML などのテキストをアップロードしてください。",
  },
} satisfies Record<Locale, Record<FileAreaError | "limits", string>>;

export function fileAreaText(locale: Locale) {
  return TEXT[locale];
}
