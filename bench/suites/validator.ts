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
  console.log(`files: ${texts.length}`);
  console.log(`median time per corpus file: ${fmt(all.median)} (p95 over files ${fmt(all.p95)})`);
  console.log(`largest file (${largest.length} chars): median ${fmt(big.median)}, p95 ${fmt(big.p95)}`);
}
