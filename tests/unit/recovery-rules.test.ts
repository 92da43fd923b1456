import { describe, expect, it } from "vitest";
import { checkEndedAt, checkRecoveryTimes } from "@/domain/recovery-rules";
import { AFTER_REPORT_RULE_BOUNDS, ruleValueProblem, searchReminderProblem } from "@/domain/after-report-rules";

const lastSeenAt = new Date("2026-03-08T10:00:00Z");
const now = new Date("2026-03-09T10:00:00Z");
const at = (iso: string) => new Date(`2026-03-${iso}Z`);
const codes = (times: Partial<Parameters<typeof checkRecoveryTimes>[0]>) =>
  checkRecoveryTimes({ locatedAt: null, recoveredAt: null, knownAt: null, ...times }, { lastSeenAt, now }).map((v) => `${v.field}:${v.code}`);

describe("a recovery's times", () => {
  it("takes located and recovered in either order, and known at or after the recovery", () => {
    expect(codes({ locatedAt: at("08T12:00:00"), recoveredAt: at("08T14:00:00"), knownAt: at("08T14:00:00") })).toEqual([]);
    expect(codes({ locatedAt: at("08T16:00:00"), recoveredAt: at("08T14:00:00"), knownAt: at("08T15:00:00") })).toEqual([]);
    expect(codes({ locatedAt: at("08T16:00:00") })).toEqual([]);
  });

  it("refuses none at all, the future (beyond a minute's grace), before last seen, and known before recovered", () => {
    expect(codes({})).toEqual(["locatedAt:NO_MOMENT"]);
    expect(codes({ recoveredAt: new Date(now.getTime() + 60_000) })).toEqual([]);
    expect(codes({ recoveredAt: new Date(now.getTime() + 61_000) })).toEqual(["recoveredAt:IN_FUTURE"]);
    expect(codes({ locatedAt: at("08T09:59:00") })).toEqual(["locatedAt:BEFORE_LAST_SEEN"]);
    expect(codes({ recoveredAt: at("08T14:00:00"), knownAt: at("08T13:59:00") })).toEqual(["knownAt:KNOWN_BEFORE_RECOVERED"]);
    expect(codes({ recoveredAt: at("08T14:00:00"), knownAt: at("09T11:00:00") })).toEqual(["knownAt:IN_FUTURE"]);
  });

  it("an ending is neither in the future nor before the child was last seen", () => {
    expect(checkEndedAt(at("08T12:00:00"), { lastSeenAt, now })).toEqual([]);
    expect(checkEndedAt(at("08T09:00:00"), { lastSeenAt, now })[0]?.code).toBe("BEFORE_LAST_SEEN");
    expect(checkEndedAt(at("09T12:00:00"), { lastSeenAt, now })[0]?.code).toBe("IN_FUTURE");
  });
});

describe("the agency's rules after the report", () => {
  it.each([
    [AFTER_REPORT_RULE_BOUNDS.returnNoticeHours, 1, 168],
    [AFTER_REPORT_RULE_BOUNDS.debriefHours, 1, 720],
    [AFTER_REPORT_RULE_BOUNDS.leadHours, 1, 168],
    [AFTER_REPORT_RULE_BOUNDS.longTermMissingDays, 1, 365],
    [AFTER_REPORT_RULE_BOUNDS.traffickingReportHours, 1, 24],
    [AFTER_REPORT_RULE_BOUNDS.searchReminderEveryDays, 1, 30],
  ])("hold %j to whole numbers within the database's bounds", (bounds, min, max) => {
    expect([min, max].map((value) => ruleValueProblem(value, bounds))).toEqual([null, null]);
    expect([min - 1, max + 1, min + 0.5].every((value) => ruleValueProblem(value, bounds) !== null)).toBe(true);
  });

  it("take the search reminder off (both empty) or on for at least one interval", () => {
    expect(searchReminderProblem(null, null)).toBeNull();
    expect(searchReminderProblem(7, 30)).toBeNull();
    expect(searchReminderProblem(7, 7)).toBeNull();
    expect(searchReminderProblem(7, null)?.field).toBe("searchReminderForDays");
    expect(searchReminderProblem(null, 30)?.field).toBe("searchReminderEveryDays");
    expect(searchReminderProblem(14, 7)?.field).toBe("searchReminderForDays");
  });
});
