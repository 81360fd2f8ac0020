/**
 * The interpreter's generated models (lib/aws-cli/generated): a fresh run of scripts/generate-awscli-models.py gives the
 * committed files, and they cover what the sandbox answers — every operation the ECS engine emulates, every operation
 * of the other services' gateway models — with the CLI's names.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { AWS_MODELS } from "@/lib/aws-models";
import { loadService, operationByCliName, SERVICE_NAMES } from "@/lib/aws-cli/model";
import { emulatedOperations } from "@/lib/sandbox/engine";

const root = path.resolve(import.meta.dirname, "../../..");
const scratch = mkdtempSync(path.join(tmpdir(), "dojo-awscli-models-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("generated CLI models", () => {
  test("the committed files are what the generator writes", () => {
    execFileSync("python3", [path.join(root, "scripts/generate-awscli-models.py"), "--out", scratch], { stdio: "pipe" });
    const committed = path.join(root, "lib/aws-cli/generated");
    expect(readdirSync(scratch).sort()).toEqual(readdirSync(committed).sort());
    for (const file of readdirSync(scratch)) expect(readFileSync(path.join(scratch, file), "utf8"), file).toBe(readFileSync(path.join(committed, file), "utf8"));
  });

  test("every ECS operation the sandbox emulates, and every operation of the other services it answers", async () => {
    const ecs = await loadService("ecs");
    for (const operation of emulatedOperations()) expect(Object.keys(ecs.operations), operation).toContain(operation);
    const byEndpoint = new Map<string, string[]>();
    for (const name of SERVICE_NAMES) {
      const model = await loadService(name);
      byEndpoint.set(model.metadata.signingName ?? model.metadata.endpointPrefix, Object.keys(model.operations));
    }
    for (const [service, model] of Object.entries(AWS_MODELS)) {
      for (const operation of Object.keys(model.operations)) expect(byEndpoint.get(service), `${service} ${operation}`).toContain(operation);
    }
  });

  test("the CLI's names: kebab-case operations, renamed negative flags, waiters", async () => {
    const ecs = await loadService("ecs");
    expect(operationByCliName(ecs, "list-task-definition-families")?.[0]).toBe("ListTaskDefinitionFamilies");
    expect(ecs.operations.UpdateService.arguments?.enableExecuteCommand).toEqual({ name: "enable-execute-command", negative: "disable-execute-command" });
    expect(ecs.operations.CreateService.arguments?.enableECSManagedTags).toEqual({ name: "enable-ecs-managed-tags", negative: "no-enable-ecs-managed-tags" });
    expect(Object.values(ecs.waiters).map((w) => w.cliName)).toEqual(expect.arrayContaining(["services-stable", "services-inactive", "tasks-running", "tasks-stopped"]));
    const iam = await loadService("iam");
    expect(iam.operations.ListRoles.paginator).toMatchObject({ input_token: "Marker", output_token: "Marker", result_key: "Roles" });
  });
});
