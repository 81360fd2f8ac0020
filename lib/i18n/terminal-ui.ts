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
    "Runs aws commands against your sandbox with your sandbox keys, like the AWS CLI on your machine; each call lands in your call history, so Check sees it. file://NAME reads a file of this lesson's editor.",
  explainPage: "file:// reads the files of a lesson's editor: open the terminal on a lesson page to use them.",
  keys:
    "Keys: Tab completes services, operations, options and values; ↑/↓ walk your history (kept in this browser); Ctrl+C stops a running command such as a waiter; Ctrl+L or clear clears the screen; select text to copy it (Ctrl+Shift+C), paste with Ctrl+V. Besides aws: export NAME=value, echo $NAME, history. Press Escape, then Tab, to leave the terminal.",
  terminalLabel: "AWS CLI terminal",
  loading: "Loading the terminal…",
  loadFailed: "The terminal could not load. Check your connection, then try again.",
  retry: "Try again",
  credentialsFailed: (message: string) => `Your sandbox keys could not be fetched (${message}). Reload the page to try again.`,
  welcome: (region: string) => `AWS CLI (ECS Dojo) for your sandbox, Region ${region}. Try: aws ecs list-clusters. Type help for what this terminal does.`,
  help: [
    "This terminal runs aws commands (aws help, aws ecs help, aws ecs create-service help) against your sandbox.",
    "Also: export NAME=value, echo $NAME, env, unset NAME, history, clear.",
    "Tab completes; ↑/↓ history; Ctrl+C stops a command; Ctrl+L clears.",
  ],
  fastForward: "Fast-forward 30 s",
  fastForwarded: (seconds: number) => `Sandbox clock moved ${seconds} s forward; a waiter polls again now.`,
  openPage: "Open the terminal on its own page",
  running: "Running…",
  idle: "Ready for a command.",
  exitStatus: (code: number) => `Finished with exit code ${code}.`,
};

export type TerminalText = typeof en;

const ja: TerminalText = {
  heading: "ターミナル (ブラウザーで動く AWS CLI)",
  pageTitle: "AWS CLI ターミナル",
  navLabel: "ターミナル",
  pageIntro:
    "ブラウザーで動く AWS CLI です。自分のマシンと同じように aws コマンドを入力すると、サンドボックスに対して実行されます。インストールは不要で、ここで動くコマンドは AWS でもそのまま動きます。",
  explain:
    "サンドボックスの認証情報で aws コマンドを実行します (自分のマシンの AWS CLI と同じです)。呼び出しはすべて呼び出し履歴に残るので、チェックでも確認されます。file://NAME でこのレッスンのエディタのファイルを読み込めます。",
  explainPage: "file:// はレッスンのエディタのファイルを読み込みます。使うにはレッスンのページでターミナルを開いてください。",
  keys:
    "キー操作: Tab でサービス、オペレーション、オプション、値を補完します。↑/↓ で履歴をたどります (履歴はこのブラウザーに保存されます)。Ctrl+C でウェイターなどの実行中のコマンドを止めます。Ctrl+L または clear で画面を消去します。テキストを選択してコピー (Ctrl+Shift+C)、Ctrl+V で貼り付けます。aws のほかに export NAME=値、echo $NAME、history が使えます。ターミナルから出るには Escape を押してから Tab を押します。",
  terminalLabel: "AWS CLI ターミナル",
  loading: "ターミナルを読み込んでいます…",
  loadFailed: "ターミナルを読み込めませんでした。接続を確認してから、もう一度お試しください。",
  retry: "再試行",
  credentialsFailed: (message: string) => `サンドボックスの認証情報を取得できませんでした (${message})。ページを再読み込みしてもう一度お試しください。`,
  welcome: (region: string) => `サンドボックス用の AWS CLI (ECS Dojo)、リージョン ${region}。試しに aws ecs list-clusters と入力してください。help でこのターミナルの使い方を表示します。`,
  help: [
    "このターミナルは aws コマンド (aws help、aws ecs help、aws ecs create-service help) をサンドボックスに対して実行します。",
    "ほかに使えるもの: export NAME=値、echo $NAME、env、unset NAME、history、clear。",
    "Tab で補完、↑/↓ で履歴、Ctrl+C でコマンドを停止、Ctrl+L で画面を消去します。",
  ],
  fastForward: "30 秒早送り",
  fastForwarded: (seconds: number) => `サンドボックスの時計を ${seconds} 秒進めました。ウェイターはすぐに再確認します。`,
  openPage: "ターミナルを専用のページで開く",
  running: "実行中…",
  idle: "コマンドを入力できます。",
  exitStatus: (code: number) => `終了コード ${code} で終了しました。`,
};

export function terminalText(locale: Locale): TerminalText {
  return locale === "ja" ? ja : en;
}
