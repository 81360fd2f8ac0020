/** Fargate task size with headroom: at least this much, and the smallest valid pair that fits (L302). */
import { z } from "zod";
import { FARGATE_SIZES, fargateMemoryFor, parseTaskCpu, parseTaskMemory } from "@/lib/validator/fargate/sizes";
import { catalog, defineCheck, fail, pass } from "../define";
import { isOutcome, readableFile } from "./file-access";

interface Size {
  cpu: number;
  memory: number;
}

/** Which target a too-small size misses. */
type Miss = "cpu" | "memory" | "both";

const en = {
  unreadable:
    "Expected: task-level cpu and memory as strings (e.g. \"1024\", \"1 vCPU\", \"2 GB\"). Seen: values that cannot be read as a task size.",
  notFargate: (seen: Size, cpuIsRow: boolean) =>
    `Expected: a cpu/memory pair from the Fargate table. Seen: ${seen.cpu} units / ${seen.memory} MiB — not a Fargate size: ${
      cpuIsRow ? `${seen.memory} MiB is not in the ${seen.cpu} row` : `${seen.cpu} is not one of the CPU rows`
    }.`,
  tooSmall: (seen: Size, cpu: number, mem: number) =>
    `Expected: at least ${cpu} CPU units and ${mem} MiB. Seen: ${seen.cpu} units / ${seen.memory} MiB — too small, the task would be throttled or killed for memory.`,
  /** The targets are the learner's answer: say which one is missed, never its number. */
  tooSmallAnswer: (seen: Size, miss: Miss) =>
    `Expected: a size covering the CPU and memory targets you computed. Seen: ${seen.cpu} units / ${seen.memory} MiB — too small: ${
      { cpu: "below the CPU target", memory: "below the memory target", both: "below both targets" }[miss]
    }.`,
  rowTooSmall: (cpu: number) => ` No memory value of the ${cpu} row covers your memory target: move to the next row.`,
  notSmallest: (seen: Size, cpu: number, mem: number) =>
    `Expected: the smallest valid Fargate size with at least ${cpu} units and ${mem} MiB. Seen: ${seen.cpu} units / ${seen.memory} MiB — it fits, but a smaller valid pair also fits, and you pay for what you reserve.`,
  notSmallestAnswer: (seen: Size) =>
    `Expected: the smallest valid Fargate size covering your targets. Seen: ${seen.cpu} units / ${seen.memory} MiB — it fits, but a smaller valid pair also covers your targets, and you pay for what you reserve.`,
};
const ja: typeof en = {
  unreadable:
    "期待: タスクレベルの cpu と memory を文字列で指定すること (例: \"1024\"、\"1 vCPU\"、\"2 GB\")。実際: タスクサイズとして読み取れない値です。",
  notFargate: (seen: Size, cpuIsRow: boolean) =>
    `期待: Fargate の表にある cpu と memory の組み合わせ。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — Fargate のサイズではありません。${
      cpuIsRow ? `${seen.memory} MiB は ${seen.cpu} の行にありません` : `${seen.cpu} はどの CPU の行にも当たりません`
    }。`,
  tooSmall: (seen: Size, cpu: number, mem: number) =>
    `期待: ${cpu} CPU ユニット以上かつ ${mem} MiB 以上。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — 小さすぎます。CPU が制限されるか、メモリ不足で停止します。`,
  tooSmallAnswer: (seen: Size, miss: Miss) =>
    `期待: 計算した CPU とメモリの目標値をまかなえるサイズ。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — 小さすぎます。${
      { cpu: "CPU の目標値に届きません", memory: "メモリの目標値に届きません", both: "どちらの目標値にも届きません" }[miss]
    }。`,
  rowTooSmall: (cpu: number) => `${cpu} の行には、メモリの目標値をまかなえる値がありません。次の行に移ってください。`,
  notSmallest: (seen: Size, cpu: number, mem: number) =>
    `期待: ${cpu} ユニット以上・${mem} MiB 以上を満たす Fargate の有効なサイズのうち最小のもの。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — 収まってはいますが、もっと小さい有効な組み合わせがあります。確保した分だけ料金がかかります。`,
  notSmallestAnswer: (seen: Size) =>
    `期待: 目標値をまかなえる Fargate の有効なサイズのうち最小のもの。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — 収まってはいますが、目標値をまかなえる、もっと小さい有効な組み合わせがあります。確保した分だけ料金がかかります。`,
};
const text = catalog(en, ja);

/** The smallest valid Fargate pair with at least this much cpu and memory (the table is ordered, so the first fit). */
export function smallestFargateSize(minCpu: number, minMemory: number): Size {
  for (const row of FARGATE_SIZES) {
    if (row.cpu < minCpu) continue;
    const memory = row.memory.find((m) => m >= minMemory);
    if (memory !== undefined) return { cpu: row.cpu, memory };
  }
  throw new Error(`No Fargate size offers ${minCpu} CPU units and ${minMemory} MiB`);
}

/** The task-level size of a task definition, when both values are strings ECS can read. */
export function taskSize(value: unknown): Size | undefined {
  const { cpu, memory } = (value ?? {}) as { cpu?: unknown; memory?: unknown };
  if (typeof cpu !== "string" || typeof memory !== "string") return undefined;
  const size = { cpu: parseTaskCpu(cpu.trim()), memory: parseTaskMemory(memory.trim()) };
  return size.cpu !== undefined && size.memory !== undefined ? (size as Size) : undefined;
}

export const fargateSize = defineCheck({
  kind: "fargate-size",
  reads: "files",
  schema: z.object({
    file: z.string(),
    minCpuUnits: z.number().int().positive(),
    minMemoryMiB: z.number().int().positive(),
    /** The targets are the learner's answer (computed from measurements): a failure must not print them. */
    answer: z.boolean().default(false),
  }),
  run(check, ctx) {
    const file = readableFile(check.file, ctx);
    if (isOutcome(file)) return file;
    const t = text(ctx.lang);
    const expected = smallestFargateSize(check.minCpuUnits, check.minMemoryMiB);
    const seen = taskSize(file.value);
    if (!seen) return fail(t.unreadable);
    if (seen.cpu === expected.cpu && seen.memory === expected.memory) return pass();
    // A pair Fargate does not offer is neither "too small" nor "larger than needed": say what is wrong with it.
    const row = fargateMemoryFor(seen.cpu);
    if (!row || !row.includes(seen.memory)) return fail(t.notFargate(seen, row !== undefined));
    const cpuShort = seen.cpu < check.minCpuUnits;
    const memoryShort = seen.memory < check.minMemoryMiB;
    if (!cpuShort && !memoryShort) return fail(check.answer ? t.notSmallestAnswer(seen) : t.notSmallest(seen, check.minCpuUnits, check.minMemoryMiB));
    const tooSmall = check.answer
      ? t.tooSmallAnswer(seen, cpuShort && memoryShort ? "both" : cpuShort ? "cpu" : "memory")
      : t.tooSmall(seen, check.minCpuUnits, check.minMemoryMiB);
    // The row covers the CPU but ends below the memory target: no memory in it can do, only a larger row.
    const rowEndsShort = !cpuShort && row[row.length - 1] < check.minMemoryMiB;
    return fail(rowEndsShort ? tooSmall + t.rowTooSmall(seen.cpu) : tooSmall);
  },
});
