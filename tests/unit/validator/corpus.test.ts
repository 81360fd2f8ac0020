/**
 * The validator against 144 real task definitions nobody on the team wrote (../shared/corpus), and
 * against what botocore itself says about them (fixtures/botocore-corpus.json).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { awsRejection, RULES, validate } from "@/lib/validator";

const REJECTING = new Set(RULES.filter((rule) => rule.rejectedAtRegistration).map((rule) => rule.id));

const corpus = path.resolve(import.meta.dirname, "../../../../shared/corpus/taskdefs/real");

interface ManifestEntry {
  file: string;
  validJson: boolean;
  describeOutputFields: string[];
  placeholders: boolean;
}

const manifest = JSON.parse(readFileSync(path.join(corpus, "MANIFEST.json"), "utf8")) as ManifestEntry[];
const botocore = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/botocore-corpus.json"), "utf8")) as Record<string, string[]>;
const read = (file: string) => readFileSync(path.join(corpus, file), "utf8");

describe("the real-world corpus", () => {
  it("is there", () => {
    expect(manifest.length).toBeGreaterThan(140);
  });

  it("validates every file without throwing, in both languages", () => {
    for (const entry of manifest) {
      const source = read(entry.file);
      expect(() => validate(source), entry.file).not.toThrow();
      expect(validate(source, { lang: "ja" }).length, entry.file).toBe(validate(source).length);
    }
  });

  it("reports JSON-SYNTAX exactly for the files that are not JSON", () => {
    for (const entry of manifest) {
      const syntax = validate(read(entry.file)).some((d) => d.ruleId === "JSON-SYNTAX");
      expect(syntax, entry.file).toBe(!entry.validJson);
    }
  });

  it("reports each describe-task-definition output field as an unknown parameter", () => {
    const withOutputFields = manifest.filter((entry) => entry.validJson && entry.describeOutputFields.length > 0);
    expect(withOutputFields.length).toBeGreaterThan(5);
    for (const entry of withOutputFields) {
      const unknown = validate(read(entry.file)).filter((d) => d.ruleId === "CLI-UNKNOWN-KEY").map((d) => d.pointer);
      for (const field of entry.describeOutputFields) expect(unknown, entry.file).toContain(`/${field}`);
    }
  });

  it("says exactly what botocore (the AWS CLI) says about every file", () => {
    expect(Object.keys(botocore).length).toBeGreaterThan(130);
    for (const [file, expected] of Object.entries(botocore)) {
      const ours = validate(read(file))
        .filter((d) => d.stage === "cli" && d.awsMessage !== undefined)
        .map((d) => d.awsMessage!)
        .sort();
      expect(ours, file).toEqual(expected);
    }
  });

  it("agrees with awsRejection: the service rejects a file exactly when the editor shows a service error", () => {
    let rejected = 0;
    for (const entry of manifest.filter((e) => e.validJson)) {
      const diagnostics = validate(read(entry.file));
      const rejection = awsRejection(JSON.parse(read(entry.file)));
      const typeErrors = diagnostics.filter((d) => d.ruleId.startsWith("CLI-TYPE"));
      const serviceErrors = diagnostics.filter((d) => d.stage === "service" && d.level === "error" && REJECTING.has(d.ruleId) && d.awsMessage !== undefined);
      if (rejection === null) {
        expect([...typeErrors, ...serviceErrors], entry.file).toEqual([]);
        continue;
      }
      rejected++;
      // The editor skips placeholder values the service reads literally, so it may see less to reject.
      if (entry.placeholders) continue;
      if (rejection.type === "SerializationException") expect(typeErrors.length, entry.file).toBeGreaterThan(0);
      else if (!rejection.message.startsWith("1 validation error")) {
        expect(serviceErrors.map((d) => d.awsMessage ?? d.message), entry.file).toContain(rejection.message);
      }
    }
    expect(rejected).toBeGreaterThan(10);
  });
});
