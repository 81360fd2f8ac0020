import { describe, expect, it } from "vitest";
import { DOCKERFILE_RULES } from "@/lib/docker/lint";
import { en } from "@/lib/i18n/ui.en";
import { ja } from "@/lib/i18n/ui.ja";
import { RULES } from "@/lib/validator";
import { SOURCE_KINDS, sourceKinds } from "@/lib/validator/rule-sources";

// The rules page shows a learner what each rule rests on in their language, not the maintainers' source notes.
describe("sourceKinds", () => {
  it("reads the kinds of evidence a note names", () => {
    expect(sourceKinds("[AWS-obs] sil-org/ecs-deploy#59, aws/aws-cli#4453; moto; CDK")).toEqual(["aws-observed"]);
    expect(sourceKinds("[AWS-doc] task-cpu-memory-error page; cfn-lint E3048 (Fargate value set)")).toEqual(["aws-doc", "cloudformation"]);
    expect(sourceKinds("Python json.loads (used by the AWS CLI for --cli-input-json)")).toEqual(["aws-cli"]);
    expect(sourceKinds("Security Hub ECS.8; Config ecs-no-environment-secrets; CT.ECS.PR.12; trivy AVD-AWS-0036")).toEqual(["security-standard"]);
    expect(sourceKinds("HC-TIMEOUT-LT-INTERVAL: our addition")).toEqual(["course"]);
    expect(sourceKinds("AWS ECS deployment best practices")).toEqual(["aws-doc"]);
    expect(sourceKinds("[Docker-doc] build-checks/json-args-recommended (JSONArgsRecommended)")).toEqual(["docker"]);
  });

  it("gives every rule of the editor at least one kind, and only the course's own rules the course's", () => {
    for (const rule of [...RULES, ...DOCKERFILE_RULES]) {
      const kinds = sourceKinds(rule.source);
      expect(kinds.length, rule.id).toBeGreaterThan(0);
      if (kinds.includes("course")) expect(rule.source, rule.id).toMatch(/our addition|ECS Dojo|validator-rules\.md/);
    }
  });

  it("has a label for every kind in both languages, the Japanese one in Japanese", () => {
    for (const kind of SOURCE_KINDS) {
      expect(en.sourceKinds[kind].length, kind).toBeGreaterThan(3);
      expect(ja.sourceKinds[kind], kind).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});

describe("Dockerfile rules", () => {
  it("each has a level, a source and its row on the rules page as its explanation", () => {
    for (const rule of DOCKERFILE_RULES) {
      expect(["error", "runtime", "warning"], rule.id).toContain(rule.level);
      expect(rule.docs).toBe(`/reference/rules#${rule.id}`);
    }
  });
});
