/** Fargate task size with headroom: at least this much, and the smallest valid pair that fits (L302). */
import { z } from "zod";
import { FARGATE_SIZES, fargateMemoryFor, isFargateSize, parseTaskCpu, parseTaskMemory } from "@/lib/validator/fargate/sizes";
import { catalog, defineCheck, fail, pass } from "../define";
import { isOutcome, readableFile } from "./file-access";

interface Size {
  cpu: number;
  memory: number;
}

const en = {
  unreadable:
    "Expected: task-level cpu and memory as strings (e.g. \"1024\", \"1 vCPU\", \"2 GB\"). Seen: values that cannot be read as a task size.",
  notFargate: (seen: Size, cpuIsRow: boolean) =>
    `Expected: a cpu/memory pair from the Fargate table. Seen: ${seen.cpu} units / ${seen.memory} MiB — not a Fargate size: ${
      cpuIsRow ? `${seen.memory} MiB is not in the ${seen.cpu} row` : `${seen.cpu} is not one of the CPU rows`
    }.`,
  tooSmall: (seen: Size, cpu: number, mem: number) =>
    `Expected: at least ${cpu} CPU units and ${mem} MiB. Seen: ${seen.cpu} units / ${seen.memory} MiB — too small, the task would be throttled or killed for memory.`,
  notSmallest: (seen: Size, cpu: number, mem: number) =>
    `Expected: the smallest valid Fargate size with at least ${cpu} units and ${mem} MiB. Seen: ${seen.cpu} units / ${seen.memory} MiB — it fits, but a smaller valid pair also fits, and you pay for what you reserve.`,
};
const ja: typeof en = {
  unreadable:
    "期待: タスクレベルの cpu と memory を文字列で指定すること (例: \"1024\"、\"1 vCPU\"、\"2 GB\")。実際: タスクサイズとして読み取れない値です。",
  notFargate: (seen: Size, cpuIsRow: boolean) =>
    `期待: Fargate の表にある cpu とメモリの組み合わせ。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — Fargate のサイズではありません。${
      cpuIsRow ? `${seen.memory} MiB は ${seen.cpu} の行にありません` : `${seen.cpu} はどの CPU の行にも当たりません`
    }。`,
  tooSmall: (seen: Size, cpu: number, mem: number) =>
    `期待: ${cpu} CPU ユニット以上かつ ${mem} MiB 以上。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — 小さすぎます。CPU が制限されるか、メモリ不足で停止します。`,
  notSmallest: (seen: Size, cpu: number, mem: number) =>
    `期待: ${cpu} ユニット以上・${mem} MiB 以上を満たす Fargate の有効なサイズのうち最小のもの。実際: ${seen.cpu} ユニット / ${seen.memory} MiB — 収まってはいますが、もっと小さい有効な組み合わせがあります。確保した分だけ料金がかかります。`,
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
  schema: z.object({ file: z.string(), minCpuUnits: z.number().int().positive(), minMemoryMiB: z.number().int().positive() }),
  run(check, ctx) {
    const file = readableFile(check.file, ctx);
    if (isOutcome(file)) return file;
    const t = text(ctx.lang);
    const expected = smallestFargateSize(check.minCpuUnits, check.minMemoryMiB);
    const seen = taskSize(file.value);
    if (!seen) return fail(t.unreadable);
    if (seen.cpu === expected.cpu && seen.memory === expected.memory) return pass();
    // A pair Fargate does not offer is neither "too small" nor "larger than needed": say what is wrong with it.
    if (!isFargateSize(seen.cpu, seen.memory)) return fail(t.notFargate(seen, fargateMemoryFor(seen.cpu) !== undefined));
    const tooSmall = seen.cpu < check.minCpuUnits || seen.memory < check.minMemoryMiB;
    return fail(tooSmall ? t.tooSmall(seen, check.minCpuUnits, check.minMemoryMiB) : t.notSmallest(seen, check.minCpuUnits, check.minMemoryMiB));
  },
});
