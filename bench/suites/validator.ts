// Validator speed on real task definitions: the editor validates on every keystroke.
import fs from "node:fs";
import path from "node:path";
import { validate } from "@/lib/validator";
import { fmt, sample, summarize } from "../stats";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus/taskdefs/real");

export default async function run() {
  if (!fs.existsSync(CORPUS)) {
    console.log(`corpus not found at ${CORPUS}: skipping the validator benchmark`);
    return;
  }
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith(".json") && f !== "MANIFEST.json");
  const texts = files.map((f) => fs.readFileSync(path.join(CORPUS, f), "utf8"));
  const perFile: number[] = [];
  for (const text of texts) perFile.push(summarize(await sample(() => validate(text), 50, 10)).median);
  const largest = texts.reduce((a, b) => (b.length > a.length ? b : a));
  const big = summarize(await sample(() => validate(largest), 2000, 200));
  const all = summarize(perFile);
  // The "largest file": the one with the most containers (10, AWS's limit).
  const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, "MANIFEST.json"), "utf8")) as Array<{ file: string; containers: number | null }>;
  const widest = manifest.reduce((a, b) => ((b.containers ?? 0) > (a.containers ?? 0) ? b : a));
  const widestText = fs.readFileSync(path.join(CORPUS, widest.file), "utf8");
  const wide = summarize(await sample(() => validate(widestText), 2000, 200));
  // While typing: the same document with one character changed at a time, as the editor sees it.
  const edits = Array.from({ length: 500 }, (_, i) => widestText.slice(0, (i * 97) % widestText.length) + "x" + widestText.slice((i * 97) % widestText.length));
  let next = 0;
  const typing = summarize(await sample(() => validate(edits[next++ % edits.length]), 2000, 200));
  console.log(`files: ${texts.length}`);
  console.log(`median time per corpus file: ${fmt(all.median)} (p95 over files ${fmt(all.p95)})`);
  console.log(`largest file by size (${largest.length} chars): median ${fmt(big.median)}, p95 ${fmt(big.p95)}`);
  console.log(`largest file by containers (${widest.containers} containers, ${widest.file}): median ${fmt(wide.median)}, p95 ${fmt(wide.p95)}`);
  console.log(`typing in that file (one character inserted per run): median ${fmt(typing.median)}, p95 ${fmt(typing.p95)}`);
  console.log("targets: well under 1 ms median, 5 ms p95");
}
