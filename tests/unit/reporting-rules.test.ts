import { describe, expect, it } from "vitest";
import {
  FUTURE_GRACE_MS,
  REPORT_DEADLINE_MS,
  STAGE_LABELS,
  ageOn,
  checkEligibility,
  checkLawEnforcementReport,
  checkMissingEvent,
  checkNcmecReport,
  clockOf,
  deadlineOf,
  episodeStage,
  formatDuration,
  type EpisodeStage,
} from "@/domain/reporting-rules";
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

describe("deadlineOf: 24 hours of elapsed time, whatever the wall clock does", () => {
  it("is exactly 24 hours", () => {
    expect(REPORT_DEADLINE_MS).toBe(86_400_000);
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
    const deadline = deadlineOf(discoveredAt);
    expect(deadline).toEqual(new Date(deadlineUtc));
    expect(instantToWallTime(deadline, zone)).toBe(deadlineWall);
  });
});

describe("clockOf", () => {
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
    expect(clockOf(discoveredAt, reportedAt, atDeadline(now))).toEqual({ deadline, state, reportedAt, msRemaining, msLate });
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

const codesOf = (violations: { code: string }[]) => violations.map((violation) => violation.code);

describe("checkMissingEvent", () => {
  const now = new Date("2026-03-08T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it.each([
    { case: "seen yesterday, missed this morning", lastSeen: DAY, discovered: 6 * HOUR, codes: [] },
    { case: "missed the moment they were last seen", lastSeen: HOUR, discovered: HOUR, codes: [] },
    { case: "discovered now", lastSeen: HOUR, discovered: 0, codes: [] },
    { case: "within the minute the form rounds to", lastSeen: 0, discovered: -FUTURE_GRACE_MS, codes: [] },
    { case: "discovered in the future", lastSeen: HOUR, discovered: -FUTURE_GRACE_MS - 1, codes: ["DISCOVERED_IN_FUTURE"] },
    { case: "last seen in the future", lastSeen: -2 * HOUR, discovered: -3 * HOUR, codes: ["DISCOVERED_IN_FUTURE", "LAST_SEEN_IN_FUTURE"] },
    { case: "only last seen in the future", lastSeen: -2 * HOUR, discovered: 0, codes: ["LAST_SEEN_IN_FUTURE", "DISCOVERED_BEFORE_LAST_SEEN"] },
    { case: "discovered before last seen", lastSeen: HOUR, discovered: 2 * HOUR, codes: ["DISCOVERED_BEFORE_LAST_SEEN"] },
  ])("$case → $codes", ({ lastSeen, discovered, codes }) => {
    expect(codesOf(checkMissingEvent({ discoveredAt: ago(discovered), lastSeenAt: ago(lastSeen) }, now))).toEqual(codes);
  });

  it("names the form field of each problem and says it in words", () => {
    const violations = checkMissingEvent({ discoveredAt: ago(-2 * HOUR), lastSeenAt: ago(-3 * HOUR) }, now);
    expect(violations.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: "discoveredAt", code: "DISCOVERED_IN_FUTURE" },
      { field: "lastSeenAt", code: "LAST_SEEN_IN_FUTURE" },
      { field: "discoveredAt", code: "DISCOVERED_BEFORE_LAST_SEEN" },
    ]);
    for (const violation of violations) expect(violation.message).toMatch(/^[A-Z].*\.$/);
  });
});

// One episode for both report checks: last seen 20:00Z, discovered 22:00Z, deadline 22:00Z next day.
const lastSeenAt = new Date("2026-03-07T20:00:00Z");
const discoveredAt = new Date("2026-03-07T22:00:00Z");
const deadline = deadlineOf(discoveredAt);
const afterDeadline = (ms: number) => new Date(deadline.getTime() + ms);

describe("checkLawEnforcementReport", () => {
  const now = afterDeadline(6 * HOUR);
  const context = { discoveredAt, lastSeenAt, now };

  it.each([
    { case: "an hour after discovery", at: afterDeadline(-23 * HOUR), lateReason: null, codes: [], fields: [] },
    { case: "exactly at the deadline", at: deadline, lateReason: null, codes: [], fields: [] },
    { case: "before discovery but after last seen", at: new Date("2026-03-07T21:00:00Z"), lateReason: null, codes: [], fields: [] },
    { case: "exactly when last seen", at: lastSeenAt, lateReason: null, codes: [], fields: [] },
    { case: "late, with a reason", at: afterDeadline(1), lateReason: "Police line was down", codes: [], fields: [] },
    { case: "late, without a reason", at: afterDeadline(1), lateReason: null, codes: ["LATE_REASON_REQUIRED"], fields: ["lateReason"] },
    { case: "late, with a blank reason", at: afterDeadline(2 * HOUR), lateReason: "  \n ", codes: ["LATE_REASON_REQUIRED"], fields: ["lateReason"] },
    { case: "before last seen", at: new Date("2026-03-07T19:59:00Z"), lateReason: null, codes: ["REPORTED_BEFORE_LAST_SEEN"], fields: ["reportedAt"] },
    { case: "up to a minute ahead of the server clock", at: new Date(now.getTime() + FUTURE_GRACE_MS), lateReason: "Forgot", codes: [], fields: [] },
    { case: "in the future", at: new Date(now.getTime() + FUTURE_GRACE_MS + 1), lateReason: "Forgot", codes: ["REPORTED_IN_FUTURE"], fields: ["reportedAt"] },
    { case: "in the future and late without a reason", at: afterDeadline(7 * HOUR), lateReason: null, codes: ["REPORTED_IN_FUTURE", "LATE_REASON_REQUIRED"], fields: ["reportedAt", "lateReason"] },
  ])("$case → $codes", ({ at, lateReason, codes, fields }) => {
    const violations = checkLawEnforcementReport({ at, lateReason }, context);
    expect(codesOf(violations)).toEqual(codes);
    expect(violations.map((violation) => violation.field)).toEqual(fields);
  });

  it("tells the caseworker in plain words", () => {
    const [inFuture] = checkLawEnforcementReport({ at: afterDeadline(DAY), lateReason: "x" }, context);
    expect(inFuture?.message).toBe("The time law enforcement was told cannot be in the future.");
  });
});

describe("checkNcmecReport", () => {
  const now = afterDeadline(6 * HOUR);
  const lawEnforcementAt = afterDeadline(-20 * HOUR);
  const context = { discoveredAt, lastSeenAt, now, lawEnforcementAt };

  it.each([
    { case: "after law enforcement, on time", reportedAt: afterDeadline(-19 * HOUR), lateReason: null, le: lawEnforcementAt, codes: [] },
    { case: "same minute as law enforcement", reportedAt: lawEnforcementAt, lateReason: null, le: lawEnforcementAt, codes: [] },
    { case: "exactly at the deadline", reportedAt: deadline, lateReason: null, le: lawEnforcementAt, codes: [] },
    { case: "after a refusal recorded late, with a reason", reportedAt: afterDeadline(2 * HOUR), lateReason: "Waited for the police", le: afterDeadline(HOUR), codes: [] },
    { case: "no law-enforcement report or refusal yet", reportedAt: afterDeadline(-19 * HOUR), lateReason: null, le: null, codes: ["LAW_ENFORCEMENT_FIRST"] },
    { case: "before law enforcement", reportedAt: afterDeadline(-21 * HOUR), lateReason: null, le: lawEnforcementAt, codes: ["NCMEC_BEFORE_LAW_ENFORCEMENT"] },
    { case: "in the future", reportedAt: afterDeadline(6 * HOUR + FUTURE_GRACE_MS + 1), lateReason: "Late", le: lawEnforcementAt, codes: ["REPORTED_IN_FUTURE"] },
    { case: "before last seen (and so before law enforcement)", reportedAt: new Date("2026-03-07T19:00:00Z"), lateReason: null, le: lawEnforcementAt, codes: ["NCMEC_BEFORE_LAW_ENFORCEMENT", "REPORTED_BEFORE_LAST_SEEN"] },
    { case: "late without a reason", reportedAt: afterDeadline(1), lateReason: null, le: lawEnforcementAt, codes: ["LATE_REASON_REQUIRED"] },
    { case: "late with an empty reason", reportedAt: afterDeadline(HOUR), lateReason: "", le: lawEnforcementAt, codes: ["LATE_REASON_REQUIRED"] },
    { case: "no law enforcement and late without a reason", reportedAt: afterDeadline(HOUR), lateReason: null, le: null, codes: ["LAW_ENFORCEMENT_FIRST", "LATE_REASON_REQUIRED"] },
  ])("$case → $codes", ({ reportedAt, lateReason, le, codes }) => {
    expect(codesOf(checkNcmecReport({ reportedAt, lateReason }, { ...context, lawEnforcementAt: le }))).toEqual(codes);
  });

  it("puts ordering and time problems on reportedAt and the reason on lateReason", () => {
    const violations = checkNcmecReport(
      { reportedAt: afterDeadline(7 * HOUR), lateReason: null },
      { ...context, lawEnforcementAt: null },
    );
    expect(violations.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: "reportedAt", code: "LAW_ENFORCEMENT_FIRST" },
      { field: "reportedAt", code: "REPORTED_IN_FUTURE" },
      { field: "lateReason", code: "LATE_REASON_REQUIRED" },
    ]);
    expect(violations[1]?.message).toBe("The time NCMEC was told cannot be in the future.");
  });
});

describe("ageOn", () => {
  it.each([
    { dob: "2008-03-08", on: "2026-03-07", age: 17 },
    { dob: "2008-03-08", on: "2026-03-08", age: 18 },
    { dob: "2008-12-31", on: "2026-01-01", age: 17 },
    { dob: "2026-03-08", on: "2026-03-08", age: 0 },
    // 29 February: a year older on 1 March in common years, on 29 February in leap years.
    { dob: "2008-02-29", on: "2026-02-28", age: 17 },
    { dob: "2008-02-29", on: "2026-03-01", age: 18 },
    { dob: "2008-02-29", on: "2028-02-28", age: 19 },
    { dob: "2008-02-29", on: "2028-02-29", age: 20 },
    { dob: "2026-03-09", on: "2026-03-08", age: -1 },
  ])("born $dob, on $on → $age", ({ dob, on, age }) => {
    expect(ageOn(dob, on)).toBe(age);
  });

  it.each([
    { dob: "2008-02-30", on: "2026-03-08" },
    { dob: "2008-03-08", on: "2026-13-01" },
    { dob: "08-03-2008", on: "2026-03-08" },
    { dob: "", on: "2026-03-08" },
  ])("refuses a date that is not real: $dob / $on", ({ dob, on }) => {
    expect(() => ageOn(dob, on)).toThrow(RangeError);
  });
});

describe("checkEligibility", () => {
  const missingOn = "2026-03-08";

  it.each([
    { case: "a 10-year-old", dob: "2015-06-01", guardianship: false, eligible: true, age: 10, reason: undefined },
    { case: "born the day they went missing", dob: "2026-03-08", guardianship: false, eligible: true, age: 0, reason: undefined },
    { case: "17 years and 364 days", dob: "2008-03-09", guardianship: false, eligible: true, age: 17, reason: undefined },
    { case: "18 today, under guardianship", dob: "2008-03-08", guardianship: true, eligible: true, age: 18, reason: undefined },
    { case: "18 today, not under guardianship", dob: "2008-03-08", guardianship: false, eligible: false, age: 18, reason: "not-under-guardianship" },
    { case: "19, not under guardianship", dob: "2007-01-01", guardianship: false, eligible: false, age: 19, reason: "not-under-guardianship" },
    { case: "20 (21 tomorrow), under guardianship", dob: "2005-03-09", guardianship: true, eligible: true, age: 20, reason: undefined },
    { case: "21 today, under guardianship", dob: "2005-03-08", guardianship: true, eligible: false, age: 21, reason: "adult" },
    { case: "21 today, not under guardianship", dob: "2005-03-08", guardianship: false, eligible: false, age: 21, reason: "adult" },
    { case: "40", dob: "1986-01-01", guardianship: false, eligible: false, age: 40, reason: "adult" },
    { case: "born the day after they went missing", dob: "2026-03-09", guardianship: false, eligible: false, age: 0, reason: "not-born" },
    { case: "born years after they went missing", dob: "2030-01-01", guardianship: true, eligible: false, age: 0, reason: "not-born" },
  ])("$case → eligible: $eligible ($reason)", ({ dob, guardianship, eligible, age, reason }) => {
    const result = checkEligibility({ dateOfBirth: dob, missingOn, underAgencyGuardianship: guardianship });
    expect(result.eligible).toBe(eligible);
    expect(result.ageAtMissing).toBe(age);
    if (result.eligible) {
      expect(result).toEqual({ eligible: true, ageAtMissing: age });
    } else {
      expect(result.reason).toBe(reason);
      expect(result.message.length).toBeGreaterThan(20);
    }
  });

  it.each([
    { case: "17 on 28 February", missingOn: "2026-02-28", eligible: true, age: 17 },
    { case: "18 on 1 March of a common year", missingOn: "2026-03-01", eligible: false, age: 18 },
  ])("29 February birthday: $case", ({ missingOn: on, eligible, age }) => {
    const result = checkEligibility({ dateOfBirth: "2008-02-29", missingOn: on, underAgencyGuardianship: false });
    expect(result).toMatchObject({ eligible, ageAtMissing: age });
  });

  it("tells an adult what to do instead", () => {
    const result = checkEligibility({ dateOfBirth: "2003-01-01", missingOn, underAgencyGuardianship: true });
    if (result.eligible) throw new Error("expected not eligible");
    expect(result.message).toContain("under 18");
    expect(result.message).toContain("guardianship");
    expect(result.message).toContain("law enforcement as a missing adult");
  });

  it("tells an 18-to-20-year-old out of guardianship what to do instead", () => {
    const result = checkEligibility({ dateOfBirth: "2007-01-01", missingOn, underAgencyGuardianship: false });
    if (result.eligible) throw new Error("expected not eligible");
    expect(result.message).toContain("19");
    expect(result.message).toContain("law enforcement as a missing adult");
  });
});

describe("episodeStage", () => {
  const when = new Date("2026-03-08T12:00:00Z");

  it.each([
    { le: false, ncmec: false, submitted: false, closed: false, stage: "awaiting-law-enforcement" },
    { le: false, ncmec: true, submitted: false, closed: false, stage: "awaiting-law-enforcement" },
    { le: true, ncmec: false, submitted: false, closed: false, stage: "awaiting-ncmec" },
    { le: true, ncmec: true, submitted: false, closed: false, stage: "ready-to-submit" },
    { le: false, ncmec: false, submitted: true, closed: false, stage: "reported" },
    { le: false, ncmec: true, submitted: true, closed: false, stage: "reported" },
    { le: true, ncmec: false, submitted: true, closed: false, stage: "reported" },
    { le: true, ncmec: true, submitted: true, closed: false, stage: "reported" },
    { le: false, ncmec: false, submitted: false, closed: true, stage: "closed" },
    { le: false, ncmec: true, submitted: false, closed: true, stage: "closed" },
    { le: true, ncmec: false, submitted: false, closed: true, stage: "closed" },
    { le: true, ncmec: true, submitted: false, closed: true, stage: "closed" },
    { le: false, ncmec: false, submitted: true, closed: true, stage: "closed" },
    { le: false, ncmec: true, submitted: true, closed: true, stage: "closed" },
    { le: true, ncmec: false, submitted: true, closed: true, stage: "closed" },
    { le: true, ncmec: true, submitted: true, closed: true, stage: "closed" },
  ] satisfies { le: boolean; ncmec: boolean; submitted: boolean; closed: boolean; stage: EpisodeStage }[])(
    "law enforcement $le, NCMEC $ncmec, submitted $submitted, closed $closed → $stage",
    ({ le, ncmec, submitted, closed, stage }) => {
      expect(
        episodeStage({
          lawEnforcementRecorded: le,
          ncmecRecorded: ncmec,
          submittedAt: submitted ? when : null,
          closedAt: closed ? when : null,
        }),
      ).toBe(stage);
    },
  );

  it("labels every stage in plain words", () => {
    expect(STAGE_LABELS).toEqual({
      "awaiting-law-enforcement": "Waiting for the law-enforcement report",
      "awaiting-ncmec": "Waiting for the NCMEC report",
      "ready-to-submit": "Ready to submit",
      reported: "Reported",
      closed: "Closed",
    });
  });
});
