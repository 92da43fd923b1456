import { describe, expect, it } from "vitest";
import { clockState, clockText, deadlineAfter } from "@/domain/clocks";
import { formatDuration } from "@/domain/durations";
import { instantToWallTime, wallTimeToInstant } from "@/domain/zoned-time";

const NEW_YORK = "America/New_York";
const PHOENIX = "America/Phoenix";
const HONOLULU = "Pacific/Honolulu";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function instantOf(wall: string, zone: string): Date {
  const result = wallTimeToInstant(wall, zone);
  if (!result.ok) throw new Error(`${wall} in ${zone}: ${result.reason}`);
  return result.instant;
}

describe("deadlineAfter: 24 hours of elapsed time, whatever the wall clock does", () => {
  it("is exactly 24 hours, and other rules count the same way", () => {
    expect(deadlineAfter(new Date(0), 24).getTime()).toBe(86_400_000);
    expect(deadlineAfter(new Date(0), 2).getTime()).toBe(7_200_000);
  });

  it.each([
    // New York, spring forward 2026-03-08: the deadline's wall time is an hour later than discovery's.
    { case: "NY, the day before spring forward", zone: NEW_YORK, discovered: "2026-03-07T09:00", discoveredUtc: "2026-03-07T14:00:00Z", deadlineUtc: "2026-03-08T14:00:00Z", deadlineWall: "2026-03-08T10:00" },
    { case: "NY, 02:30 the day before: tomorrow's 02:30 does not exist", zone: NEW_YORK, discovered: "2026-03-07T02:30", discoveredUtc: "2026-03-07T07:30:00Z", deadlineUtc: "2026-03-08T07:30:00Z", deadlineWall: "2026-03-08T03:30" },
    { case: "NY, just before the change", zone: NEW_YORK, discovered: "2026-03-08T01:30", discoveredUtc: "2026-03-08T06:30:00Z", deadlineUtc: "2026-03-09T06:30:00Z", deadlineWall: "2026-03-09T02:30" },
    { case: "NY, just after the change", zone: NEW_YORK, discovered: "2026-03-08T03:00", discoveredUtc: "2026-03-08T07:00:00Z", deadlineUtc: "2026-03-09T07:00:00Z", deadlineWall: "2026-03-09T03:00" },
    // New York, fall back 2026-11-01: the deadline's wall time is an hour earlier than discovery's.
    { case: "NY, the day before fall back", zone: NEW_YORK, discovered: "2026-10-31T09:00", discoveredUtc: "2026-10-31T13:00:00Z", deadlineUtc: "2026-11-01T13:00:00Z", deadlineWall: "2026-11-01T08:00" },
    { case: "NY, 01:30 the day before lands in the first 01:30", zone: NEW_YORK, discovered: "2026-10-31T01:30", discoveredUtc: "2026-10-31T05:30:00Z", deadlineUtc: "2026-11-01T05:30:00Z", deadlineWall: "2026-11-01T01:30" },
    { case: "NY, in the repeated hour (earlier, EDT)", zone: NEW_YORK, discovered: "2026-11-01T01:30", discoveredUtc: "2026-11-01T05:30:00Z", deadlineUtc: "2026-11-02T05:30:00Z", deadlineWall: "2026-11-02T00:30" },
    { case: "NY, after fall back", zone: NEW_YORK, discovered: "2026-11-01T09:00", discoveredUtc: "2026-11-01T14:00:00Z", deadlineUtc: "2026-11-02T14:00:00Z", deadlineWall: "2026-11-02T09:00" },
    { case: "NY, an ordinary summer day", zone: NEW_YORK, discovered: "2026-06-10T14:15", discoveredUtc: "2026-06-10T18:15:00Z", deadlineUtc: "2026-06-11T18:15:00Z", deadlineWall: "2026-06-11T14:15" },
    // No daylight saving: the deadline is always the same wall time tomorrow.
    { case: "Phoenix, NY's spring-forward day", zone: PHOENIX, discovered: "2026-03-07T09:00", discoveredUtc: "2026-03-07T16:00:00Z", deadlineUtc: "2026-03-08T16:00:00Z", deadlineWall: "2026-03-08T09:00" },
    { case: "Phoenix, NY's fall-back day", zone: PHOENIX, discovered: "2026-10-31T23:30", discoveredUtc: "2026-11-01T06:30:00Z", deadlineUtc: "2026-11-02T06:30:00Z", deadlineWall: "2026-11-01T23:30" },
    { case: "Honolulu, NY's spring-forward day", zone: HONOLULU, discovered: "2026-03-08T02:30", discoveredUtc: "2026-03-08T12:30:00Z", deadlineUtc: "2026-03-09T12:30:00Z", deadlineWall: "2026-03-09T02:30" },
    { case: "Honolulu, New Year's Eve", zone: HONOLULU, discovered: "2025-12-31T20:00", discoveredUtc: "2026-01-01T06:00:00Z", deadlineUtc: "2026-01-02T06:00:00Z", deadlineWall: "2026-01-01T20:00" },
  ])("$case: $discovered → $deadlineWall ($deadlineUtc)", ({ zone, discovered, discoveredUtc, deadlineUtc, deadlineWall }) => {
    const discoveredAt = instantOf(discovered, zone);
    expect(discoveredAt).toEqual(new Date(discoveredUtc));
    const deadline = deadlineAfter(discoveredAt, 24);
    expect(deadline).toEqual(new Date(deadlineUtc));
    expect(instantToWallTime(deadline, zone)).toBe(deadlineWall);
  });
});

describe("clockState", () => {
  const discoveredAt = new Date("2026-03-07T14:00:00Z");
  const deadline = new Date("2026-03-08T14:00:00Z");
  const atDeadline = (ms: number) => new Date(deadline.getTime() + ms);

  it.each([
    { case: "just discovered", reported: null, now: -DAY, state: "pending", msRemaining: DAY, msLate: null },
    { case: "one millisecond left", reported: null, now: -1, state: "pending", msRemaining: 1, msLate: null },
    { case: "unreported exactly at the deadline", reported: null, now: 0, state: "overdue", msRemaining: null, msLate: 0 },
    { case: "unreported 90 minutes past", reported: null, now: 90 * MINUTE, state: "overdue", msRemaining: null, msLate: 90 * MINUTE },
    { case: "reported two hours in", reported: -22 * HOUR, now: -21 * HOUR, state: "on-time", msRemaining: null, msLate: null },
    { case: "reported exactly at the deadline", reported: 0, now: 0, state: "on-time", msRemaining: null, msLate: null },
    { case: "reported on time, looked at days later", reported: -1, now: 3 * DAY, state: "on-time", msRemaining: null, msLate: null },
    { case: "reported one millisecond late", reported: 1, now: HOUR, state: "late", msRemaining: null, msLate: 1 },
    { case: "reported three hours late", reported: 3 * HOUR, now: 3 * HOUR, state: "late", msRemaining: null, msLate: 3 * HOUR },
  ])("$case → $state", ({ reported, now, state, msRemaining, msLate }) => {
    const reportedAt = reported === null ? null : atDeadline(reported);
    const clock = { kind: "NCMEC_REPORT" as const, subject: "", startedAt: discoveredAt, ruleHours: 24, deadline, doneAt: reportedAt, lateReason: null };
    expect(clockState(clock, atDeadline(now))).toEqual({ ...clock, state, msRemaining, msLate });
  });
});

describe("formatDuration", () => {
  it.each([
    { ms: 0, text: "less than a minute" },
    { ms: 59_999, text: "less than a minute" },
    { ms: MINUTE, text: "1 min" },
    { ms: 45 * MINUTE + 59_999, text: "45 min" },
    { ms: HOUR, text: "1 h" },
    { ms: 3 * HOUR + 5 * MINUTE, text: "3 h 5 min" },
    { ms: 23 * HOUR + 59 * MINUTE + 59_999, text: "23 h 59 min" },
    { ms: DAY, text: "1 day" },
    { ms: DAY + 2 * HOUR + 59 * MINUTE, text: "1 day 2 h" },
    { ms: 2 * DAY + 5 * MINUTE, text: "2 days" },
    { ms: 10 * DAY + 23 * HOUR, text: "10 days 23 h" },
    { ms: -(3 * HOUR + 5 * MINUTE), text: "3 h 5 min" },
  ])("$ms ms → $text", ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });
});


describe("clockText", () => {
  const startedAt = new Date("2026-03-07T14:00:00Z");
  const deadline = deadlineAfter(startedAt, 24);
  const clock = (doneAt: Date | null) => ({ kind: "LAW_ENFORCEMENT_REPORT" as const, subject: "", startedAt, ruleHours: 24, deadline, doneAt, lateReason: null });
  it.each([
    { doneAt: null, now: new Date(deadline.getTime() - 3 * HOUR), text: "Not reported yet: 3 h left" },
    { doneAt: null, now: new Date(deadline.getTime() + 90 * MINUTE), text: "Not reported and overdue by 1 h 30 min" },
    { doneAt: new Date(deadline.getTime() - HOUR), now: deadline, text: "Reported on time" },
    { doneAt: new Date(deadline.getTime() + 2 * HOUR), now: deadline, text: "Reported 2 h late" },
  ])("says $text in words", ({ doneAt, now, text }) => {
    expect(clockText(clockState(clock(doneAt), now))).toBe(text);
  });
});
