/**
 * The sandbox console's load balancers, target health, scaling and charts, in English and Japanese (glossary:
 * /work/shared/reference/curriculum.md §7). AWS's own values — health states, reason codes, policy settings,
 * activity texts — are shown as AWS sends them; the Japanese catalogue glosses the states beside them. The Japanese
 * object has the English one's type, so neither language can miss a key.
 */
import type { Locale } from "./locales";

const en = {
  trafficHeading: "Load balancers",
  noLoadBalancers: "No load balancer in this Region of your sandbox yet.",
  trafficUnavailable: "This site's sandbox answers through another backend: the console cannot show load balancers or scaling here. Use the AWS CLI (aws elbv2 describe-target-health, aws application-autoscaling describe-scaling-activities).",
  loadBalancerLine: (type: string, scheme: string, state: string) => `${type}, ${scheme}, ${state}`,
  listener: (protocol: string, port: number) => `Listener ${protocol}:${port}`,
  rule: (priority: string) => (priority === "default" ? "Default rule" : `Rule, priority ${priority}`),
  when: "when",
  forwardTo: "forward to",
  weight: (weight: number) => `weight ${weight}`,
  targetGroupsHeading: "Target groups",
  healthCheck: (protocol: string, path: string | undefined, interval: number, healthy: number, unhealthy: number, matcher: string | undefined) =>
    `Health check: ${protocol}${path ? ` ${path}` : ""} every ${interval} s${matcher ? `, success codes ${matcher}` : ""}; healthy after ${healthy} passes in a row, unhealthy after ${unhealthy} failures.`,
  usedBy: (names: string) => `Load balancer: ${names}.`,
  notInUse: "No load balancer forwards to it: its targets are unused.",
  ofService: (names: string) => `Targets of service ${names}.`,
  noTargets: "No registered targets.",
  targetsLabel: (group: string) => `Targets of ${group}`,
  colTarget: "Target",
  colZone: "Zone",
  colHealth: "Health",
  colReason: "Reason",
  colTask: "Task",
  healthState: (state: string) => state,
  requestsTitle: "Requests per target group (RequestCount, per minute)",
  requestsSummary: (time: string, parts: string) => `In the minute to ${time}: ${parts}.`,
  requestsPart: (group: string, count: string) => `${group} ${count} requests`,
  noMinuteYet: "No complete minute on the sandbox clock yet: fast-forward to see the chart.",
  noRequestsChart: "No application load balancer forwards to a target group yet.",
  showTable: "Show the numbers as a table",
  colMinute: "Minute ending",
  scalingHeading: "Service Auto Scaling",
  scalableTarget: (min: number, max: number) => `Scalable target: minimum ${min}, maximum ${max} tasks.`,
  suspended: (flags: string) => `Suspended: ${flags}.`,
  policiesHeading: "Scaling policies",
  alarmsHeading: "CloudWatch alarms",
  activitiesHeading: "Scaling activities (newest first)",
  noActivities: "No scaling activity yet.",
  cause: "Cause",
  status: "Status",
  scalingTitle: "Desired and running tasks, CPU utilization (per minute)",
  desired: "Desired count",
  running: "Running count",
  cpu: "CPUUtilization (%)",
  unknownDesired: "The desired count shows from the first scaling activity on: the console reads it from the activities' texts (Setting desired count to N.).",
  scalingSummary: (time: string, desired: string, running: number, cpu: string) =>
    `At ${time}: desired count ${desired}, running count ${running}, CPU utilization ${cpu} over the last minute.`,
  unknown: "unknown",
  noData: "no data",
};

export type ConsoleUiText = typeof en;

const STATES_JA: Record<string, string> = {
  initial: "initial（登録中・初回チェック中）",
  healthy: "healthy（正常）",
  unhealthy: "unhealthy（異常）",
  draining: "draining（登録解除中）",
  unused: "unused（未使用）",
  unavailable: "unavailable（チェック無効）",
};

const ja: ConsoleUiText = {
  trafficHeading: "ロードバランサー",
  noLoadBalancers: "このリージョンのサンドボックスにはまだロードバランサーがありません。",
  trafficUnavailable:
    "このサイトのサンドボックスは別のバックエンドが応答しているため、ここではロードバランサーとスケーリングを表示できません。AWS CLI（aws elbv2 describe-target-health、aws application-autoscaling describe-scaling-activities）で確認してください。",
  loadBalancerLine: (type, scheme, state) => `${type}、${scheme}、${state}`,
  listener: (protocol, port) => `リスナー ${protocol}:${port}`,
  rule: (priority) => (priority === "default" ? "デフォルトルール" : `ルール（優先度 ${priority}）`),
  when: "条件",
  forwardTo: "転送先",
  weight: (weight) => `重み ${weight}`,
  targetGroupsHeading: "ターゲットグループ",
  healthCheck: (protocol, path, interval, healthy, unhealthy, matcher) =>
    `ヘルスチェック: ${protocol}${path ? ` ${path}` : ""} を ${interval} 秒ごと${matcher ? `（成功コード ${matcher}）` : ""}。${healthy} 回続けて成功すると healthy、${unhealthy} 回続けて失敗すると unhealthy になります。`,
  usedBy: (names) => `ロードバランサー: ${names}。`,
  notInUse: "このターゲットグループに転送するロードバランサーはありません（ターゲットは unused になります）。",
  ofService: (names) => `サービス ${names} のターゲットです。`,
  noTargets: "登録されているターゲットはありません。",
  targetsLabel: (group) => `${group} のターゲット`,
  colTarget: "ターゲット",
  colZone: "AZ",
  colHealth: "ヘルス状態",
  colReason: "理由",
  colTask: "タスク",
  healthState: (state) => STATES_JA[state] ?? state,
  requestsTitle: "ターゲットグループごとのリクエスト数（RequestCount、1 分ごと）",
  requestsSummary: (time, parts) => `${time} までの 1 分間: ${parts}。`,
  requestsPart: (group, count) => `${group} ${count} 件`,
  noMinuteYet: "サンドボックスの時計でまだ 1 分たっていません。早送りするとグラフが表示されます。",
  noRequestsChart: "ターゲットグループに転送している Application Load Balancer はまだありません。",
  showTable: "数値を表で見る",
  colMinute: "時刻（1 分間の終わり）",
  scalingHeading: "サービスの自動スケーリング",
  scalableTarget: (min, max) => `スケーラブルターゲット: タスクの最小数 ${min}、最大数 ${max}。`,
  suspended: (flags) => `停止中: ${flags}。`,
  policiesHeading: "スケーリングポリシー",
  alarmsHeading: "CloudWatch アラーム",
  activitiesHeading: "スケーリングアクティビティ（新しい順）",
  noActivities: "スケーリングアクティビティはまだありません。",
  cause: "原因",
  status: "状態",
  scalingTitle: "必要数・実行中のタスク数と CPU 使用率（1 分ごと）",
  desired: "必要数（desiredCount）",
  running: "実行中（runningCount）",
  cpu: "CPU 使用率（CPUUtilization、%）",
  unknownDesired: "必要数は最初のスケーリングアクティビティ以降だけ表示されます（アクティビティの「Setting desired count to N.」から読み取っています）。",
  scalingSummary: (time, desired, running, cpu) => `${time} 時点: 必要数 ${desired}、実行中 ${running}、直前 1 分間の CPU 使用率 ${cpu}。`,
  unknown: "不明",
  noData: "データなし",
};

export function consoleUiText(locale: Locale): ConsoleUiText {
  return locale === "ja" ? ja : en;
}
