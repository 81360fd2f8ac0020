/**
 * 20,000+ generated and mutated inputs, seeded from the real corpus: the validator never throws and every
 * diagnostic's range lies inside the text. The largest
 * generated documents are a few times AWS's 64 KiB limit (300 containers, a 70 KB string, 500
 * environment variables, 5,000-item lists).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateOrThrow, type Diagnostic, type InputKind } from "@/lib/validator";

const corpus = path.resolve(import.meta.dirname, "../../../../shared/corpus/taskdefs/real");
const files = readdirSync(corpus).filter((file) => file.endsWith(".json") && file !== "MANIFEST.json");
const seeds = files.map((file) => readFileSync(path.join(corpus, file)));

/** Deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -0, "", "x".repeat(100_000), "${IMAGE}", "string", [], {}, [[[]]], { a: { b: { c: {} } } }, Array.from({ length: 5000 }, (_, i) => i), "\u0000\ud800", "日本語", "arn:aws:iam::123456789012:role/x"];
const KEYS = ["family", "containerDefinitions", "name", "image", "cpu", "memory", "portMappings", "networkMode", "requiresCompatibilities", "dependsOn", "volumes", "mountPoints", "healthCheck", "logConfiguration", "secrets", "linuxParameters", "serviceName", "loadBalancers", "Image", "__proto__", "constructor", "", "💥"];

/** Every nested object/array in a parsed value, for picking a place to mutate. */
function containers(value: unknown, out: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (value && typeof value === "object") {
    out.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

function mutateValue(value: unknown, random: () => number): unknown {
  const copy = structuredClone(value);
  const places = containers(copy);
  const steps = 1 + Math.floor(random() * 4);
  for (let i = 0; i < steps && places.length > 0; i++) {
    const place = places[Math.floor(random() * places.length)];
    const weird = WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
    if (Array.isArray(place)) {
      if (place.length > 0 && random() < 0.5) place[Math.floor(random() * place.length)] = weird;
      else place.push(weird);
    } else {
      const keys = Object.keys(place);
      const key = keys.length > 0 && random() < 0.6 ? keys[Math.floor(random() * keys.length)] : KEYS[Math.floor(random() * KEYS.length)];
      Object.defineProperty(place, key, { value: weird, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

function mutateText(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 6)) {
    case 0:
      return text.slice(0, at); // truncated while typing
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20)); // a deletion
    case 2:
      return text.slice(0, at) + '"' + text.slice(at); // a stray quote
    case 3:
      return text.slice(0, at) + "{".repeat(1 + Math.floor(random() * 300)) + text.slice(at); // deep nesting
    case 4:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0xffff)) + text.slice(at);
    default:
      return text.replace(/"[a-z][A-Za-z]+"/, `"${KEYS[Math.floor(random() * KEYS.length)]}"`);
  }
}

/** Bytes that are not valid UTF-8, decoded the two ways an editor or a CLI might. */
function corruptBytes(bytes: Buffer, random: () => number): string {
  const copy = Buffer.from(bytes);
  for (let i = 0; i < 1 + Math.floor(random() * 8); i++) copy[Math.floor(random() * copy.length)] = 0x80 + Math.floor(random() * 0x80);
  return random() < 0.5 ? new TextDecoder("utf-8").decode(copy) : copy.toString("latin1");
}

function* inputs(count: number): Generator<{ text: string; kind?: InputKind }> {
  const random = prng(20261122);
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length];
    const text = seed.toString("utf8");
    const choice = random();
    const kind: InputKind | undefined = random() < 0.1 ? (random() < 0.5 ? "CreateService" : "UpdateService") : undefined;
    if (choice < 0.35) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        yield { text: mutateText(text, random), kind };
        continue;
      }
      yield { text: JSON.stringify(mutateValue(parsed, random), null, random() < 0.5 ? 2 : undefined), kind };
    } else if (choice < 0.75) {
      yield { text: mutateText(text, random), kind };
    } else if (choice < 0.9) {
      yield { text: corruptBytes(seed, random), kind };
    } else {
      const size = Math.floor(random() * 3);
      yield {
        text: [
          JSON.stringify({ family: "f", containerDefinitions: Array.from({ length: 300 }, (_, n) => ({ name: `c${n}`, image: "x", dependsOn: [{ containerName: `c${(n + 1) % 300}`, condition: "START" }] })) }),
          JSON.stringify({ family: "x".repeat(70_000), containerDefinitions: [{ name: "a", image: "b", environment: Array.from({ length: 500 }, (_, n) => ({ name: `V${n}`, value: "v" })) }] }),
          "[".repeat(99) + "]".repeat(99),
        ][size],
        kind,
      };
    }
  }
}

function checkRanges(text: string, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    if (!(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length && d.range.line >= 1 && d.range.column >= 1 && d.range.endLine >= d.range.line)) {
      throw new Error(`bad range ${JSON.stringify(d.range)} for ${d.ruleId} in a text of ${text.length}`);
    }
    if (typeof d.message !== "string" || d.message.length === 0) throw new Error(`empty message for ${d.ruleId}`);
  }
}

describe("robustness", () => {
  it("survives 20,000 generated and mutated inputs: no throw, valid ranges", () => {
    let count = 0;
    for (const { text, kind } of inputs(20_000)) {
      const options = { kind, lang: count % 2 === 0 ? ("en" as const) : ("ja" as const) };
      checkRanges(text, validateOrThrow(text, options));
      count++;
    }
    expect(count).toBe(20_000);
  }, 600_000);
});
