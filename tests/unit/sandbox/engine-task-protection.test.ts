/**
 * Task scale-in protection (issue 14, acceptance 2: "scale-in protection … respected"): UpdateTaskProtection and
 * GetTaskProtection as the API answers them, scale-in and deployments leaving protected tasks running until their
 * protection ends, and the refusals.
 */
import { describe, expect, test } from "vitest";
import { EngineDriver, SERVICE_NETWORK, T0 } from "./support/engine";

/** A Fargate service "web" of `count` tasks, all RUNNING at 60 s. */
function steadyService(count: number) {
  const sandbox = new EngineDriver().withFargateBasics();
  sandbox.call("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web", desiredCount: count, launchType: "FARGATE", networkConfiguration: SERVICE_NETWORK });
  sandbox.advance(60);
  const arns = () =>
    sandbox
      .serviceTasks("web")
      .filter((t) => t.desiredStatus === "RUNNING")
      .map((t) => t.taskArn!)
      .sort();
  return { sandbox, arns };
}

describe("UpdateTaskProtection and GetTaskProtection", () => {
  test("enable for 2 hours by default or expiresInMinutes; disable; what GetTaskProtection shows", () => {
    const { sandbox, arns } = steadyService(2);
    const [a, b] = arns();
    const answer = sandbox.call("UpdateTaskProtection", { cluster: "dojo", tasks: [a], protectionEnabled: true });
    expect(answer).toEqual({ protectedTasks: [{ taskArn: a, protectionEnabled: true, expirationDate: (T0 + (60 + 7200) * 1000) / 1000 }], failures: [] });
    sandbox.call("UpdateTaskProtection", { cluster: "dojo", tasks: [b], protectionEnabled: true, expiresInMinutes: 5 });
    expect(sandbox.call("GetTaskProtection", { cluster: "dojo", tasks: [a, b] }).protectedTasks.map((t: { protectionEnabled: boolean; expirationDate?: number }) => t.expirationDate)).toEqual([
      (T0 + 7260_000) / 1000,
      (T0 + 360_000) / 1000,
    ]);
    sandbox.advance(361);
    expect(sandbox.call("GetTaskProtection", { cluster: "dojo", tasks: [b] }).protectedTasks).toEqual([{ taskArn: b, protectionEnabled: false }]);
    sandbox.call("UpdateTaskProtection", { cluster: "dojo", tasks: [a], protectionEnabled: false });
    expect(sandbox.call("GetTaskProtection", { cluster: "dojo" }).protectedTasks).toEqual([]);
  });

  test("a standalone task is TASK_NOT_VALID, an unknown one MISSING; expiresInMinutes outside 1–2880 is refused", () => {
    const { sandbox, arns } = steadyService(1);
    const standalone = sandbox.runTask().tasks[0].taskArn;
    const answer = sandbox.call("UpdateTaskProtection", { cluster: "dojo", tasks: [standalone, "0123456789abcdef0123456789abcdef"], protectionEnabled: true });
    expect(answer).toEqual({
      protectedTasks: [],
      failures: [
        { arn: standalone, reason: "TASK_NOT_VALID", detail: "The task is not part of a service." },
        { arn: "arn:aws:ecs:ap-northeast-1:123456789012:task/dojo/0123456789abcdef0123456789abcdef", reason: "MISSING" },
      ],
    });
    for (const minutes of [0, 2881]) {
      expect(sandbox.error("UpdateTaskProtection", { cluster: "dojo", tasks: arns(), protectionEnabled: true, expiresInMinutes: minutes })).toMatchObject({
        type: "InvalidParameterException",
        message: "expiresInMinutes must be between 1 and 2880.",
      });
    }
  });
});

describe("what protection holds back", () => {
  test("scale-in stops unprotected tasks only; protected ones go once their protection ends", () => {
    const { sandbox, arns } = steadyService(3);
    const [a, b, c] = arns();
    sandbox.call("UpdateTaskProtection", { cluster: "dojo", tasks: [a, b], protectionEnabled: true, expiresInMinutes: 10 }, 60);
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", desiredCount: 1 }, 61);
    sandbox.advance(120);
    expect(arns()).toEqual([a, b]);
    expect(sandbox.describeTask(c)).toMatchObject({ desiredStatus: "STOPPED", stoppedReason: expect.stringMatching(/^Scaling activity initiated by \(deployment ecs-svc\/\d{19}\)$/) });
    // At 60 s + 10 min both protections end: one of the two goes, desiredCount 1 is reached.
    sandbox.advance(659);
    expect(arns()).toHaveLength(2);
    sandbox.advance(661);
    expect(arns()).toHaveLength(1);
  });

  test("a deployment waits for an old protected task before it completes", () => {
    const { sandbox, arns } = steadyService(2);
    const [a] = arns();
    sandbox.call("UpdateTaskProtection", { cluster: "dojo", tasks: [a], protectionEnabled: true, expiresInMinutes: 15 }, 60);
    sandbox.call("UpdateService", { cluster: "dojo", service: "web", forceNewDeployment: true }, 61);
    sandbox.advance(300);
    const service = sandbox.service("web");
    expect(arns()).toContain(a);
    expect(service.deployments.map((d: { status: string; runningCount: number; rolloutState: string }) => [d.status, d.runningCount])).toEqual([
      ["PRIMARY", 2],
      ["ACTIVE", 1],
    ]);
    expect(service.deployments[0].rolloutState).toBe("IN_PROGRESS");
    sandbox.advance(60 + 15 * 60 + 120);
    expect(arns()).not.toContain(a);
    expect(sandbox.service("web").deployments).toMatchObject([{ status: "PRIMARY", rolloutState: "COMPLETED", runningCount: 2 }]);
  });
});
