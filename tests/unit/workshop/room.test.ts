import { describe, expect, it } from "vitest";
import { displayJoinCode, JOIN_CODE_ALPHABET, newJoinCode, normalizeJoinCode } from "@/lib/workshop/join-code";
import { cellStatus, STUCK_FAILED_CHECKS, STUCK_IDLE_MINUTES } from "@/lib/workshop/status";
import { toCsv, type ExportRow } from "@/lib/workshop/room";

describe("join codes", () => {
  it("use no character that is read as another (0/O, 1/I/L) and no U", () => {
    for (const c of "01OILU") expect(JOIN_CODE_ALPHABET).not.toContain(c);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(30);
    for (let i = 0; i < 200; i++) expect(normalizeJoinCode(newJoinCode())).not.toBeNull();
  });
  it("accept what people type: any case, spaces, a hyphen; refuse anything else", () => {
    expect(normalizeJoinCode(" k7q-4xm ")).toBe("K7Q4XM");
    expect(normalizeJoinCode("K7Q 4XM")).toBe("K7Q4XM");
    expect(normalizeJoinCode("K7Q4X")).toBeNull();
    expect(normalizeJoinCode("K7Q4X0")).toBeNull();
    expect(normalizeJoinCode(42)).toBeNull();
    expect(displayJoinCode("K7Q4XM")).toBe("K7Q-4XM");
  });
});

describe("stuck", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  it("is working with fewer failed Checks and recent activity, stuck at the threshold or after the idle minutes", () => {
    expect(cellStatus({ completed: false, failedChecks: 0, lastActivity: null }, now)).toBe("not-started");
    expect(cellStatus({ completed: false, failedChecks: STUCK_FAILED_CHECKS - 1, lastActivity: ago(1) }, now)).toBe("working");
    expect(cellStatus({ completed: false, failedChecks: STUCK_FAILED_CHECKS, lastActivity: ago(1) }, now)).toBe("stuck");
    expect(cellStatus({ completed: false, failedChecks: 0, lastActivity: ago(STUCK_IDLE_MINUTES - 1) }, now)).toBe("working");
    expect(cellStatus({ completed: false, failedChecks: 0, lastActivity: ago(STUCK_IDLE_MINUTES) }, now)).toBe("stuck");
    expect(cellStatus({ completed: true, failedChecks: 9, lastActivity: ago(60) }, now)).toBe("done");
  });
});

describe("CSV export", () => {
  it("quotes commas and quotes, and defuses cells a spreadsheet would run as formulas", () => {
    const row: ExportRow = { participant: '=HYPERLINK("x"), Bob', participantId: "p1", lesson: "L302", check: "right-sized", passed: true, attempts: 2, timeToFirstPassSeconds: null };
    const [header, line] = toCsv([row]).split("\r\n");
    expect(header).toBe("participant,participant_id,lesson,check,passed,attempts,time_to_first_pass_seconds");
    expect(line).toBe(`"'=HYPERLINK(""x""), Bob",p1,L302,right-sized,true,2,`);
  });
});
