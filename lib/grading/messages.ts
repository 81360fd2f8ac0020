import type { Lang } from "@/lib/validator/types";

interface Size {
  cpu: number;
  memory: number;
}

const en = {
  noErrors: (count: number, first: string) =>
    `Expected: nothing AWS would reject. Seen: ${count} error${count === 1 ? "" : "s"}, first at ${first}`,
  rulesClear: (ruleId: string, first: string) => `Expected: no ${ruleId} finding. Seen: ${first}`,
  sizeUnreadable:
    "Expected: task-level cpu and memory as strings (e.g. \"1024\", \"1 vCPU\", \"2 GB\"). Seen: values that cannot be read as a task size.",
  sizeTooSmall: (seen: Size, cpu: number, mem: number) =>
    `Expected: at least ${cpu} CPU units and ${mem} MiB (p95 + 20 %). Seen: ${seen.cpu} units / ${seen.memory} MiB — too small, the task would be throttled or killed for memory.`,
  sizeNotSmallest: (seen: Size, cpu: number, mem: number) =>
    `Expected: the smallest valid Fargate size with at least ${cpu} units and ${mem} MiB. Seen: ${seen.cpu} units / ${seen.memory} MiB — it fits, but a smaller valid pair also fits, and you pay for what you reserve.`,
};

const ja: typeof en = {
  noErrors: (count: number, first: string) =>
    `期待: AWS が拒否する箇所がないこと。実際: エラーが ${count} 件あります (最初は ${first})`,
  rulesClear: (ruleId: string, first: string) => `期待: ${ruleId} の指摘がないこと。実際: ${first}`,
  sizeUnreadable:
    "期待: タスクレベルの cpu と memory を文字列で指定すること (例: \"1024\"、\"1 vCPU\"、\"2 GB\")。実際: タスクサイズとして読み取れない値です。",
  sizeTooSmall: (seen: Size, cpu: number, mem: number) =>
    `期待: ${cpu} CPU ユニット以上かつ ${mem} MiB 以上 (p95 + 20 %)。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — 小さすぎます。CPU が制限されるか、メモリ不足で停止します。`,
  sizeNotSmallest: (seen: Size, cpu: number, mem: number) =>
    `期待: ${cpu} ユニット以上・${mem} MiB 以上を満たす Fargate の有効なサイズのうち最小のもの。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — 収まってはいますが、もっと小さい有効な組み合わせがあります。確保した分だけ料金がかかります。`,
};

export function checkText(lang: Lang): typeof en {
  return lang === "ja" ? ja : en;
}
