import { describe, expect, it } from "vitest";
import { FUTURE_GRACE_MS, ageOn, checkEligibility, checkLawEnforcementReport, checkMissingEvent, checkNcmecReport } from "@/domain/reporting-rules";
import { deadlineAfter } from "@/domain/clocks";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;


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
const deadline = deadlineAfter(discoveredAt, 24);
const afterDeadline = (ms: number) => new Date(deadline.getTime() + ms);

describe("checkLawEnforcementReport", () => {
  const now = afterDeadline(6 * HOUR);
  const context = { lastSeenAt, now, deadline, ruleHours: 24 };

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
  const context = { lastSeenAt, now, deadline, ruleHours: 24, lawEnforcementAt };

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

