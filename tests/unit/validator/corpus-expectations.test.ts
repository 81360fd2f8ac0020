/**
 * What the validator says about each real corpus file (errors and runtime failures), against a committed
 * expectations file. A file the manifest does not mark as broken (valid JSON, no placeholders, not
 * describe output) must have no error unless its entry says in one line why AWS rejects it anyway.
 * Regenerate after a deliberate change with UPDATE_CORPUS_EXPECTATIONS=1 (justifications are kept).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "@/lib/validator";

const corpus = path.resolve(import.meta.dirname, "../../../../shared/corpus/taskdefs/real");
const expectationsFile = path.resolve(import.meta.dirname, "../../fixtures/validator/corpus-expectations.json");

interface ManifestEntry {
  file: string;
  validJson: boolean;
  placeholders: boolean;
  describeOutputFields: string[];
  features: string[];
}

interface Expectation {
  /** "ruleId pointer" of every error, sorted. */
  errors: string[];
  /** "ruleId pointer" of every runtime failure, sorted. */
  runtime: string[];
  /** Why the manifest's view (a file AWS should accept) and ours differ; required when they do. */
  justification?: string;
}

const manifest = JSON.parse(readFileSync(path.join(corpus, "MANIFEST.json"), "utf8")) as ManifestEntry[];

function actual(file: string): Omit<Expectation, "justification"> {
  const diagnostics = validate(readFileSync(path.join(corpus, file), "utf8"));
  const of = (level: string) => diagnostics.filter((d) => d.level === level).map((d) => `${d.ruleId} ${d.pointer}`).sort();
  return { errors: of("error"), runtime: of("runtime") };
}

/** The manifest's view: nothing marks the file as broken, a template or describe output. */
function acceptedByAws(entry: ManifestEntry): boolean {
  return entry.validJson && !entry.placeholders && entry.describeOutputFields.length === 0 && !entry.features.includes("wrappedInTaskDefinitionKey");
}

if (process.env.UPDATE_CORPUS_EXPECTATIONS) {
  const previous: Record<string, Expectation> = existsSync(expectationsFile) ? JSON.parse(readFileSync(expectationsFile, "utf8")) : {};
  const next: Record<string, Expectation> = {};
  for (const entry of manifest) {
    const result: Expectation = actual(entry.file);
    if (previous[entry.file]?.justification) result.justification = previous[entry.file].justification;
    next[entry.file] = result;
  }
  writeFileSync(expectationsFile, JSON.stringify(next, null, 2) + "\n");
}

const expectations = JSON.parse(readFileSync(expectationsFile, "utf8")) as Record<string, Expectation>;

describe("corpus expectations", () => {
  it("cover every corpus file", () => {
    expect(Object.keys(expectations).sort()).toEqual(manifest.map((entry) => entry.file).sort());
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))("%s", (file, entry) => {
    const expected = expectations[file];
    expect(actual(file)).toEqual({ errors: expected.errors, runtime: expected.runtime });
    if (acceptedByAws(entry) && expected.errors.length > 0) {
      expect(expected.justification, `${file} has errors although the manifest marks nothing broken: justify them`).toMatch(/\S{10,}/);
    }
  });
});
