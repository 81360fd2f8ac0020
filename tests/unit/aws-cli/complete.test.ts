/** Tab completion and the shell words of a terminal line, as the browser terminal uses them. */
import { describe, expect, test } from "vitest";
import { complete, runAwsLine, splitCommandLine } from "@/lib/aws-cli";

describe("completion", () => {
  test("services after aws, operations after a service, waiters after wait", async () => {
    expect(await complete("aws e")).toEqual({ from: 4, candidates: ["ec2", "ecr", "ecs", "elbv2"] });
    expect((await complete("aws ecs create-s")).candidates).toEqual(["create-service"]);
    expect((await complete("aws ecs ")).candidates).toContain("wait");
    expect(await complete("aws ecs wait services-")).toEqual({ from: 13, candidates: ["services-inactive", "services-stable"] });
  });

  test("option names of the operation (not the ones given) and global options", async () => {
    const { candidates } = await complete("aws ecs create-service --service-name web --desired-");
    expect(candidates).toEqual(["--desired-count"]);
    const all = (await complete("aws ecs create-service --service-name web --")).candidates;
    expect(all).toContain("--network-configuration");
    expect(all).toContain("--query");
    expect(all).not.toContain("--service-name");
    expect((await complete("aws ecs list-clusters --max")).candidates).toEqual(["--max-items", "--max-results"]);
  });

  test("enum values of the option being given, formats after --output", async () => {
    expect((await complete("aws ecs create-service --launch-type F")).candidates).toEqual(["FARGATE"]);
    expect((await complete("aws ecs describe-clusters --include ")).candidates).toEqual(["ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS"]);
    expect((await complete("aws ecs list-clusters --output t")).candidates).toEqual(["table", "text"]);
  });

  test("completes at the cursor, not at the end of the line", async () => {
    const line = "aws ecs list-cl --output json";
    expect(await complete(line, "aws ecs list-cl".length)).toEqual({ from: 8, candidates: ["list-clusters"] });
  });
});

describe("terminal lines", () => {
  test("quotes, escapes and variables as a shell splits them", () => {
    expect(splitCommandLine(`aws ecs describe-services --cluster "$CLUSTER" --services 'web api' a\\ b`, { CLUSTER: "dojo" })).toEqual({
      ok: true,
      words: ["aws", "ecs", "describe-services", "--cluster", "dojo", "--services", "web api", "a b"],
    });
    expect(splitCommandLine("aws ecs list-clusters --query 'clusterArns[?contains(@, `dojo`)]'")).toEqual({ ok: true, words: ["aws", "ecs", "list-clusters", "--query", "clusterArns[?contains(@, `dojo`)]"] });
    expect(splitCommandLine("echo ${HOME}x $UNSET.", { HOME: "/h" })).toEqual({ ok: true, words: ["echo", "/hx", "."] });
  });

  test("pipes, redirections, substitutions and open quotes are refused with a reason", () => {
    for (const line of ["aws ecs list-clusters | jq .", "aws ecs list-clusters > out", "aws $(whoami)", "aws ecs list-clusters; rm -rf /"]) {
      const split = splitCommandLine(line);
      expect(split.ok).toBe(false);
      if (!split.ok) expect(split.error).toContain("this terminal runs aws commands only");
    }
    expect(splitCommandLine("aws 'open")).toEqual({ ok: false, error: "unexpected EOF while looking for matching `''" });
  });

  test("anything but aws is refused without running", async () => {
    const send = () => Promise.reject(new Error("must not be called"));
    const result = await runAwsLine("docker ps", { send, readFile: send, env: {} });
    expect(result).toEqual({ exitCode: 127, stdout: "", stderr: "docker: this terminal runs aws commands only\n" });
  });
});
