/**
 * The browser terminal's words (panel, page, banner) in English and Japanese. The Japanese object has the English
 * one's type, so neither language can miss a key.
 */
import type { Locale } from "./locales";

const en = {
  heading: "Terminal (AWS CLI in the browser)",
  pageTitle: "AWS CLI terminal",
  /** The site header's link to the terminal page. */
  navLabel: "Terminal",
  pageIntro:
    "The AWS CLI, in your browser: type aws commands as you would on your own machine, against your sandbox. Nothing to install, and what works here works unchanged on AWS.",
  explain:
    "Runs aws commands against your sandbox with your sandbox keys, like the AWS CLI on your machine; each call lands in your call history, so Check sees it. file://NAME reads a file of this lesson's editor, or else one of your files (kept on the terminal's own page); the editor's comes first when both have the name.",
  explainPage:
    "file://NAME reads one of your files below, here and in the terminal of every lesson page (where a file of the lesson's editor with the same name comes first).",
  keys:
    "Keys: Tab completes services, operations, options and values; ↑/↓ walk your history (kept for you on this site, in any browser; history -c clears it); Ctrl+C stops a running command such as a waiter; Ctrl+L or clear clears the screen; select text to copy it (Ctrl+Shift+C), paste with Ctrl+V. Besides aws: export NAME=value, echo $NAME, history. Lines with a secret (such as export AWS_SECRET_ACCESS_KEY=…) are never kept. Press Escape, then Tab, to leave the terminal.",
  terminalLabel: "AWS CLI terminal",
  loading: "Loading the terminal…",
  loadFailed: "The terminal could not load. Check your connection, then try again.",
  retry: "Try again",
  credentialsFailed: (message: string) => `Your sandbox keys could not be fetched (${message}). Reload the page to try again.`,
  welcome: (region: string) => `AWS CLI (ECS Dojo) for your sandbox, Region ${region}. Try: aws ecs list-clusters. Type help for what this terminal does.`,
  help: [
    "This terminal runs aws commands (aws help, aws ecs help, aws ecs create-service help) against your sandbox.",
    "Also: export NAME=value, echo $NAME, env, unset NAME, history, history -c (clears your history), clear.",
    "file://NAME reads a file of the lesson's editor, else one of your files (the terminal page's Your files).",
    "Tab completes; ↑/↓ history; Ctrl+C stops a command; Ctrl+L clears.",
  ],
  fastForward: "Fast-forward 30 s",
  fastForwarded: (seconds: number) => `Sandbox clock moved ${seconds} s forward; a waiter polls again now.`,
  openPage: "Open the terminal on its own page",
  running: "Running…",
  idle: "Ready for a command.",
  exitStatus: (code: number) => `Finished with exit code ${code}.`,
  historyCleared: "History cleared (here and on the site).",
  historyClearFailed: (message: string) => `The history could not be cleared on the site (${message}). Try history -c again.`,
  files: {
    heading: "Your files",
    intro: "Files you keep on this site for the terminal: aws ecs register-task-definition --cli-input-json file://task-def.json reads task-def.json. They work here and in every lesson's terminal, where a file of the lesson's editor with the same name is read instead.",
    none: "No files yet. Write one below or upload one.",
    name: "File name",
    text: "Contents",
    save: "Save",
    newFile: "New file",
    editShort: "Edit",
    removeShort: "Delete",
    edit: (name: string) => `Edit ${name}`,
    remove: (name: string) => `Delete ${name}`,
    upload: "Upload a file",
    size: (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`),
    saved: (name: string) => `Saved ${name}. Use it as file://${name}.`,
    deleted: (name: string) => `Deleted ${name}.`,
    loadFailed: (message: string) => `Your files could not be loaded (${message}). Reload the page to try again.`,
    listLabel: "Your files",
  },
};

export type TerminalText = typeof en;

const ja: TerminalText = {
  heading: "ターミナル (ブラウザーで動く AWS CLI)",
  pageTitle: "AWS CLI ターミナル",
  navLabel: "ターミナル",
  pageIntro:
    "ブラウザーで動く AWS CLI です。自分のマシンと同じように aws コマンドを入力すると、サンドボックスに対して実行されます。インストールは不要で、ここで動くコマンドは AWS でもそのまま動きます。",
  explain:
    "サンドボックスの認証情報で aws コマンドを実行します (自分のマシンの AWS CLI と同じです)。呼び出しはすべて呼び出し履歴に残るので、チェックでも確認されます。file://NAME でこのレッスンのエディタのファイル、なければ自分のファイル (ターミナルのページで保存したもの) を読み込みます。同じ名前があればエディタのファイルが優先されます。",
  explainPage:
    "file://NAME で下の「自分のファイル」を読み込めます。ここでも、各レッスンのページのターミナルでも使えます (レッスンではエディタに同じ名前のファイルがあれば、そちらが優先されます)。",
  keys:
    "キー操作: Tab でサービス、オペレーション、オプション、値を補完します。↑/↓ で履歴をたどります (履歴はこのサイトに保存され、どのブラウザーからでも使えます。history -c で消去します)。Ctrl+C でウェイターなどの実行中のコマンドを止めます。Ctrl+L または clear で画面を消去します。テキストを選択してコピー (Ctrl+Shift+C)、Ctrl+V で貼り付けます。aws のほかに export NAME=値、echo $NAME、history が使えます。シークレットを含む行 (export AWS_SECRET_ACCESS_KEY=… など) は履歴に保存しません。ターミナルから出るには Escape を押してから Tab を押します。",
  terminalLabel: "AWS CLI ターミナル",
  loading: "ターミナルを読み込んでいます…",
  loadFailed: "ターミナルを読み込めませんでした。接続を確認してから、もう一度お試しください。",
  retry: "再試行",
  credentialsFailed: (message: string) => `サンドボックスの認証情報を取得できませんでした (${message})。ページを再読み込みしてもう一度お試しください。`,
  welcome: (region: string) => `サンドボックス用の AWS CLI (ECS Dojo)、リージョン ${region}。試しに aws ecs list-clusters と入力してください。help でこのターミナルの使い方を表示します。`,
  help: [
    "このターミナルは aws コマンド (aws help、aws ecs help、aws ecs create-service help) をサンドボックスに対して実行します。",
    "ほかに使えるもの: export NAME=値、echo $NAME、env、unset NAME、history、history -c (履歴を消去)、clear。",
    "file://NAME はレッスンのエディタのファイル、なければ自分のファイル (ターミナルのページの「自分のファイル」) を読み込みます。",
    "Tab で補完、↑/↓ で履歴、Ctrl+C でコマンドを停止、Ctrl+L で画面を消去します。",
  ],
  fastForward: "30 秒早送り",
  fastForwarded: (seconds: number) => `サンドボックスの時計を ${seconds} 秒進めました。ウェイターはすぐに再確認します。`,
  openPage: "ターミナルを専用のページで開く",
  running: "実行中…",
  idle: "コマンドを入力できます。",
  exitStatus: (code: number) => `終了コード ${code} で終了しました。`,
  historyCleared: "履歴を消去しました (このターミナルとサイトの両方)。",
  historyClearFailed: (message: string) => `サイト上の履歴を消去できませんでした (${message})。もう一度 history -c を実行してください。`,
  files: {
    heading: "自分のファイル",
    intro: "ターミナル用にこのサイトに保存しておくファイルです。aws ecs register-task-definition --cli-input-json file://task-def.json のように使うと task-def.json を読み込みます。ここでも各レッスンのターミナルでも使えます (レッスンではエディタに同じ名前のファイルがあれば、そちらを読み込みます)。",
    none: "まだファイルはありません。下で作成するか、アップロードしてください。",
    name: "ファイル名",
    text: "内容",
    save: "保存",
    newFile: "新しいファイル",
    editShort: "編集",
    removeShort: "削除",
    edit: (name: string) => `${name} を編集`,
    remove: (name: string) => `${name} を削除`,
    upload: "ファイルをアップロード",
    size: (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`),
    saved: (name: string) => `${name} を保存しました。file://${name} で使えます。`,
    deleted: (name: string) => `${name} を削除しました。`,
    loadFailed: (message: string) => `ファイルを読み込めませんでした (${message})。ページを再読み込みしてもう一度お試しください。`,
    listLabel: "自分のファイル",
  },
};

export function terminalText(locale: Locale): TerminalText {
  return locale === "ja" ? ja : en;
}
