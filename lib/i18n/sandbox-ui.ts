/**
 * The lesson page's sandbox controls — run panel, clock, fast-forward results, stop all, reset — in English and
 * Japanese (kept beside ui.en.ts/ui.ja.ts so the two catalogues stay small). The Japanese object has the English one's
 * type, so neither language can miss a key.
 */
import type { Locale } from "./locales";

const en = {
  runReplaces: "Each Run replaces the task of your previous Run: that task is stopped, and its stoppedReason says why.",
  keepPrevious: "Keep earlier tasks running (start one more)",
  runStarted: (revision: string) => `Registered ${revision} and started a task.`,
  runReused: (file: string, revision: string) => `${file} is unchanged since your last Run: started a task of ${revision} again, nothing new registered.`,
  runReplaced: (ids: string) => `Stopped the task of your previous Run: ${ids}.`,
  deployReused: (file: string, revision: string) => `${file} is unchanged since your last Deploy: nothing new registered, a new deployment of ${revision} started.`,
  lastRun: "The task of your last Run:",
  taskGone: "The task of your last Run is no longer in your sandbox (stopped tasks are kept for an hour; Reset sandbox removes everything).",
  lifecycleLabel: "Task lifecycle",
  liveNote: "Updates as it happens, on the sandbox clock.",
  phaseDone: "done",
  phaseCurrent: "now",
  phaseNext: "not yet",
  skippedIntegrations: "not for this task: only with a load balancer or service discovery",
  skippedNetwork: "not for this task: only with its own network interface (awsvpc)",
  skippedNeverRan: "never reached: the task stopped before it ran",
  clockLabel: "Sandbox clock",
  clockInStep: "the same as your clock: nothing fast-forwarded yet.",
  clockAhead: (ahead: string, fastForwarded: string) => `${ahead} ahead of your clock: you fast-forwarded ${fastForwarded}.`,
  clockSpeed: (speed: number) => ` It also runs ${speed} times as fast as real time (this site's DOJO_SANDBOX_SPEED).`,
  clockNone: "This site's sandbox answers through another backend, which has no simulated clock.",
  movedHeading: (duration: string, from: string, to: string) => `Fast-forwarded ${duration}: sandbox clock ${from} → ${to}.`,
  movedStarted: "new",
  movedNothing: "No task or service changed state.",
  movedTask: (id: string, taskDefinition: string) => `Task ${id} (${taskDefinition}):`,
  movedService: (name: string) => `Service ${name}:`,
  stopAll: "Stop all tasks",
  stopAllConfirm:
    "Stop every task in your sandbox that no service owns? A service's tasks keep running: it would only start new ones (set its desired count to 0 to stop them).",
  stopAllDone: (stopped: number, serviceTasks: number) =>
    `Stopped ${stopped} task${stopped === 1 ? "" : "s"}.` +
    (serviceTasks ? ` ${serviceTasks} task${serviceTasks === 1 ? "" : "s"} of services keep running: a service replaces a stopped task.` : ""),
  resetSandbox: "Reset sandbox",
  resetSandboxConfirm:
    "Delete everything in your sandbox — clusters, services, tasks, task definitions, roles, images, logs and secrets — and restart its clock at the current time? Your files, quiz answers and progress stay.",
  resetDone: "Your sandbox is empty again and its clock shows the current time. Exercises with a prepared sandbox need setting up again.",
  noChangesYet: "No changes yet",
  lastCheckAt: (time: string) => `Results of your last Check (${time}).`,
  nextLesson: "Next lesson:",
  courseDone: "That was the last lesson. Back to the course",
  accountLine: (accountId: string) => `Your sandbox account ID is ${accountId}.`,
  curriculumAccount: (example: string) =>
    `The lessons' files use the example account ${example}; in an ARN or registry host, your sandbox reads ${example} as your own account, so those files work unchanged. On real AWS, write your own account ID.`,
  cliChecked: "Checked before sending, as the AWS CLI does: nothing reached ECS.",
  seeProblems: "(AWS's message is shown under Problems)",
  durationMinutes: (minutes: number, seconds: number) => (seconds ? `${minutes} min ${seconds} s` : `${minutes} min`),
  durationHours: (hours: number, minutes: number) => (minutes ? `${hours} h ${minutes} min` : `${hours} h`),
  durationSeconds: (seconds: number) => `${seconds} s`,
};

export type SandboxUiText = typeof en;

const ja: SandboxUiText = {
  runReplaces: "実行するたびに、前回の実行で起動したタスクは新しいタスクに置き換わります。前のタスクは停止し、その stoppedReason に理由が記録されます。",
  keepPrevious: "前のタスクも動かしたままにする (もう 1 つ起動する)",
  runStarted: (revision: string) => `${revision} を登録し、タスクを起動しました。`,
  runReused: (file: string, revision: string) => `${file} は前回の実行から変わっていないため、新しく登録せずに ${revision} のタスクをもう一度起動しました。`,
  runReplaced: (ids: string) => `前回の実行のタスクを停止しました: ${ids}`,
  deployReused: (file: string, revision: string) => `${file} は前回のデプロイから変わっていないため、新しく登録せずに ${revision} の新しいデプロイを開始しました。`,
  lastRun: "前回の実行のタスク:",
  taskGone: "前回の実行のタスクは、もうサンドボックスにありません (停止したタスクは 1 時間で消えます。「サンドボックスをリセット」ではすべて消えます)。",
  lifecycleLabel: "タスクのライフサイクル",
  liveNote: "サンドボックスの時計に合わせて、状態が変わるたびに表示を更新します。",
  phaseDone: "通過",
  phaseCurrent: "現在",
  phaseNext: "これから",
  skippedIntegrations: "このタスクでは通りません (ロードバランサーかサービス検出を使うときだけ)",
  skippedNetwork: "このタスクでは通りません (専用のネットワークインターフェイス、つまり awsvpc のときだけ)",
  skippedNeverRan: "通りませんでした (実行される前に停止しました)",
  clockLabel: "サンドボックスの時計",
  clockInStep: "手元の時計と同じです (まだ早送りしていません)。",
  clockAhead: (ahead: string, fastForwarded: string) => `手元の時計より ${ahead} 進んでいます。合計 ${fastForwarded} 早送りしたためです。`,
  clockSpeed: (speed: number) => `また、実際の ${speed} 倍の速さで進みます (このサイトの DOJO_SANDBOX_SPEED)。`,
  clockNone: "このサイトのサンドボックスは別のバックエンドで応答しているため、シミュレーションの時計がありません。",
  movedHeading: (duration: string, from: string, to: string) => `${duration}早送りしました。サンドボックスの時計: ${from} → ${to}`,
  movedStarted: "新規",
  movedNothing: "状態が変わったタスクやサービスはありません。",
  movedTask: (id: string, taskDefinition: string) => `タスク ${id} (${taskDefinition}):`,
  movedService: (name: string) => `サービス ${name}:`,
  stopAll: "すべてのタスクを停止",
  stopAllConfirm:
    "サービスに属していないタスクを、サンドボックスからすべて停止しますか? サービスのタスクは止めません。止めてもサービスが新しいタスクを起動するだけだからです (止めるには、サービスの必要数を 0 にします)。",
  stopAllDone: (stopped: number, serviceTasks: number) =>
    `${stopped} 個のタスクを停止しました。` + (serviceTasks ? `サービスのタスク ${serviceTasks} 個は動いたままです (停止してもサービスが置き換えます)。` : ""),
  resetSandbox: "サンドボックスをリセット",
  resetSandboxConfirm:
    "サンドボックスの中身 (クラスター、サービス、タスク、タスク定義、ロール、イメージ、ログ、シークレット) をすべて削除し、時計を現在の時刻に戻しますか? ファイル、クイズの回答、進捗はそのまま残ります。",
  resetDone: "サンドボックスを空にし、時計を現在の時刻に戻しました。準備済みのサンドボックスを使う演習は、もう一度準備してください。",
  noChangesYet: "まだ変更はありません",
  lastCheckAt: (time: string) => `前回のチェックの結果です (${time})。`,
  nextLesson: "次のレッスン:",
  courseDone: "これが最後のレッスンです。コースに戻る",
  accountLine: (accountId: string) => `あなたのサンドボックスのアカウント ID は ${accountId} です。`,
  curriculumAccount: (example: string) =>
    `レッスンのファイルでは例のアカウント ${example} を使っています。ARN やレジストリのホスト名にある ${example} を、サンドボックスはあなた自身のアカウントとして扱うので、ファイルはそのまま使えます。実際の AWS では、自分のアカウント ID を書きます。`,
  cliChecked: "AWS CLI と同じく、送信前のチェックで止まりました。ECS には何も届いていません。",
  seeProblems: "(AWS のメッセージは「問題」に表示しています)",
  durationMinutes: (minutes: number, seconds: number) => (seconds ? `${minutes} 分 ${seconds} 秒` : `${minutes} 分`),
  durationHours: (hours: number, minutes: number) => (minutes ? `${hours} 時間 ${minutes} 分` : `${hours} 時間`),
  durationSeconds: (seconds: number) => `${seconds} 秒`,
};

const TEXTS: Record<Locale, SandboxUiText> = { en, ja };

export function sandboxUiText(locale: Locale): SandboxUiText {
  return TEXTS[locale];
}

/** A span of time as the page says it: "45 s", "5 min", "5 min 30 s", "2 h 5 min" (rounded to the second). */
export function formatDuration(ms: number, locale: Locale): string {
  const t = TEXTS[locale];
  const total = Math.round(Math.abs(ms) / 1000);
  if (total < 60) return t.durationSeconds(total);
  if (total < 3600) return t.durationMinutes(Math.floor(total / 60), total % 60);
  return t.durationHours(Math.floor(total / 3600), Math.floor((total % 3600) / 60));
}

/**
 * A simulated instant as the page shows it: the time of day, with the date when it is not the same day as `todayMs`
 * (the learner's today; null when not known yet).
 */
export function formatSimTime(ms: number, locale: Locale, todayMs: number | null, timeZone?: string): string {
  const sameDay = todayMs === null || new Date(ms).toLocaleDateString("en-CA", { timeZone }) === new Date(todayMs).toLocaleDateString("en-CA", { timeZone });
  const time = new Date(ms).toLocaleTimeString(locale, { timeZone });
  return sameDay ? time : `${new Date(ms).toLocaleDateString(locale, { timeZone })} ${time}`;
}
