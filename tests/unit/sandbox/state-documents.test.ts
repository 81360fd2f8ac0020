/**
 * A store keeps a sandbox as documents and writes only the changed ones: replaying those changes over a run of real
 * operations must rebuild each state exactly, maps in their original order included — both from every document and
 * by another process catching up, its older copy plus the documents written since.
 */
import { describe, expect, test } from "vitest";
import type { SandboxState } from "@/lib/sandbox/engine";
import { changedDocuments, EMPTY_INDEX, stateOfDocuments, withDocuments, type DocumentIndex, type StoredDocument } from "@/lib/sandbox/state-documents";
import { AWSVPC, EC2_TD, EngineDriver, FARGATE_TD } from "./support/engine";

/** What a store holds: the newest document of each key, and the index it keeps beside the state. */
class DocumentTable {
  rows = new Map<string, StoredDocument>();
  index: DocumentIndex = EMPTY_INDEX;
  state: SandboxState | null = null;
  lastWrite: StoredDocument[] = [];
  /** Another process's copy, read whole once and then kept up to date with each write's documents (withDocuments). */
  follower: { state: SandboxState; index: DocumentIndex } | null = null;

  save(state: SandboxState): void {
    const { documents, index } = changedDocuments(this.state, this.index, state);
    if (this.follower) this.follower = withDocuments(this.follower.state, this.follower.index, structuredClone(documents));
    for (const document of documents) {
      if (document.value === undefined) this.rows.delete(document.key);
      else this.rows.set(document.key, structuredClone(document));
    }
    this.index = index;
    this.state = state;
    this.lastWrite = documents;
    this.follower ??= stateOfDocuments([...this.rows.values()]);
  }

  rebuilt(): SandboxState {
    return stateOfDocuments([...this.rows.values()]).state;
  }
}

/** Drives the engine and saves every state it reaches. */
function recorded(): { driver: EngineDriver; table: DocumentTable; step: (act: () => void) => void } {
  const driver = new EngineDriver();
  const table = new DocumentTable();
  table.save(driver.state);
  const step = (act: () => void) => {
    act();
    table.save(driver.state);
    // Same JSON text: same values and every map in the same key order.
    expect(JSON.stringify(table.rebuilt())).toBe(JSON.stringify(driver.state));
    expect(JSON.stringify(table.follower!.state)).toBe(JSON.stringify(driver.state));
    expect(table.follower!.index).toEqual(table.index);
  };
  return { driver, table, step };
}

describe("sandbox state documents", () => {
  test("replaying each write's documents rebuilds every state of a service's life", () => {
    const { driver, table, step } = recorded();
    step(() => driver.withFargateBasics());
    step(() => driver.call("RegisterTaskDefinition", FARGATE_TD));
    step(() =>
      driver.call("CreateService", {
        cluster: "dojo",
        serviceName: "web",
        taskDefinition: "web:1",
        desiredCount: 3,
        launchType: "FARGATE",
        networkConfiguration: AWSVPC,
      }),
    );
    for (let t = 15; t <= 120; t += 15) step(() => driver.advance(t));
    step(() => driver.call("UpdateService", { cluster: "dojo", service: "web", taskDefinition: "web:2" }));
    for (let t = 135; t <= 400; t += 15) step(() => driver.advance(t));
    step(() => driver.call("CreateCluster", { clusterName: "ec2" }));
    step(() => driver.addInstances("t3.medium", 2, "ec2"));
    step(() => driver.call("RegisterTaskDefinition", EC2_TD));
    step(() => driver.call("RunTask", { cluster: "ec2", taskDefinition: "api", count: 2, launchType: "EC2" }));
    step(() => driver.call("DeleteService", { cluster: "dojo", service: "web", force: true }));
    // Stopped tasks expire after an hour: their documents are removed.
    const tasksBefore = Object.keys(driver.state.tasks).length;
    step(() => driver.advance(4 * 3600));
    expect(Object.keys(driver.state.tasks).length).toBeLessThan(tasksBefore);
    expect(table.lastWrite.some((d) => d.key.startsWith("tasks/") && d.value === undefined)).toBe(true);
  });

  test("a write stores only what it changed", () => {
    const { driver, table, step } = recorded();
    step(() => driver.withFargateBasics());
    step(() => driver.runTask());
    step(() => driver.runTask());
    // The new task, its note (its awsvpc configuration), the meta document (clock) and the minute of timers its first
    // steps are due in; not the first task, the cluster or the task definition.
    const [newest] = Object.keys(driver.state.tasks).slice(-1);
    expect(table.lastWrite.map((d) => d.key)).toEqual(["meta", `tasks/${newest}`, `taskNotes/${newest}`, expect.stringMatching(/^timers\/\d+$/)]);
  });

  test("timers are stored by the minute they are due in: meta holds none, a write rewrites only the minutes it touched", () => {
    const { driver, table, step } = recorded();
    step(() => driver.withFargateBasics());
    step(() => driver.call("CreateService", { cluster: "dojo", serviceName: "web", taskDefinition: "web", desiredCount: 20, launchType: "FARGATE", networkConfiguration: AWSVPC }));
    const minutes = [...table.rows.keys()].filter((key) => key.startsWith("timers/"));
    expect(minutes.length).toBeGreaterThan(0);
    expect(Object.keys(table.rows.get("meta")!.value as object)).not.toContain("timers");
    // One more task three hours later: its own minute, not the service's.
    step(() => driver.advance(3 * 3600));
    step(() => driver.runTask());
    const written = table.lastWrite.filter((d) => d.key.startsWith("timers/")).map((d) => d.key);
    expect(written).toEqual([`timers/${Math.floor((driver.state.clock.simMs + 1) / 60_000)}`]);
  });

  test("a sandbox stored with its timers inside meta loads, and its next write stores them on their own", () => {
    const driver = new EngineDriver().withFargateBasics();
    driver.runTask();
    const { timers } = driver.state;
    // Today's documents of the same state, as an older version stored them: the timers inside meta, no timer documents.
    const today = changedDocuments(null, EMPTY_INDEX, driver.state).documents.filter((d) => !d.key.startsWith("timers/"));
    const stored = today.map((d) => (d.key === "meta" ? { ...d, value: { ...(d.value as object), timers } } : d));
    const loaded = stateOfDocuments(stored);
    expect(JSON.stringify(loaded.state)).toBe(JSON.stringify(driver.state));
    expect(loaded.index.timersInMeta).toBe(true);
    driver.advance(1);
    const { documents, index } = changedDocuments(loaded.state, loaded.index, driver.state);
    expect(documents.filter((d) => d.key.startsWith("timers/")).length).toBe(new Set(driver.state.timers.map((t) => Math.floor(t.atMs / 60_000))).size);
    expect(index.timersInMeta).toBeUndefined();
    const rows = new Map(stored.map((d) => [d.key, d]));
    for (const d of documents) rows.set(d.key, d);
    expect(JSON.stringify(stateOfDocuments([...rows.values()]).state)).toBe(JSON.stringify(driver.state));
  });

  test("a read changes nothing, and a new revision adds one document without rewriting its family", () => {
    const { driver, table, step } = recorded();
    step(() => driver.withFargateBasics());
    const before = driver.state;
    driver.call("ListTaskDefinitions");
    expect(driver.state).toBe(before);
    step(() => driver.call("RegisterTaskDefinition", FARGATE_TD));
    expect(table.lastWrite.map((d) => d.key).sort()).toEqual(["meta", "taskDefinitions/web/2"]);
  });

  test("a key deleted and added again in one write moves to the end of its map, as it does in the state", () => {
    const table = new DocumentTable();
    const driver = new EngineDriver();
    driver.call("CreateCluster", { clusterName: "a" });
    driver.call("CreateCluster", { clusterName: "b" });
    table.save(driver.state);
    const { a, ...rest } = driver.state.clusters;
    const moved = { ...driver.state, clusters: { ...rest, a: { ...a } } };
    table.save(moved);
    expect(Object.keys(table.rebuilt().clusters)).toEqual(["b", "a"]);
    expect(Object.keys(table.follower!.state.clusters)).toEqual(["b", "a"]);
  });
});
