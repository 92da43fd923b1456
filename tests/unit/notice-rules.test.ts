import { describe, expect, it } from "vitest";
import { reportClockHoursProblem } from "@/domain/clocks";
import { checkNoticeSent, checkNotApplicable, noticeHoursProblem, notApplicableReasonsFor } from "@/domain/notice-rules";
import { NOTICE_RECIPIENTS } from "@/domain/code-sets";
import { ZAgencySettingsSchema } from "@/lib/schemas/agency-settings";

describe("the reporting clocks' hours", () => {
  it.each([1, 2, 12, 24])("accepts %s whole hours (tighter than or equal to the federal 24)", (hours) => {
    expect(reportClockHoursProblem(hours, "NCMEC_REPORT")).toBeNull();
    expect(reportClockHoursProblem(hours, "LAW_ENFORCEMENT_REPORT")).toBeNull();
  });
  it.each([
    [0, "at least 1"],
    [-1, "at least 1"],
    [25, "at most 24"],
    [48, "at most 24"],
    [1.5, "whole number"],
    [Number.NaN, "whole number"],
    [Number.POSITIVE_INFINITY, "whole number"],
  ])("refuses %s hours", (hours, message) => {
    expect(reportClockHoursProblem(hours, "NCMEC_REPORT")).toContain(message);
  });
});

describe("a notice's hours", () => {
  it("is 1 to 168 whole hours", () => {
    expect([1, 72, 168].map(noticeHoursProblem)).toEqual([null, null, null]);
    expect([0, 169, 2.5].map((h) => noticeHoursProblem(h) !== null)).toEqual([true, true, true]);
  });
});

describe("reasons a notice does not apply", () => {
  it("offers parental rights and a suspected parent for the parents only, ICWA for the tribe only", () => {
    expect(notApplicableReasonsFor("PARENTS")).toEqual(["PARENTAL_RIGHTS_TERMINATED", "PARENT_SUSPECTED", "NO_SUCH_PERSON", "OTHER"]);
    expect(notApplicableReasonsFor("TRIBE")).toEqual(["ICWA_DOES_NOT_APPLY", "NO_SUCH_PERSON", "OTHER"]);
    for (const { code } of NOTICE_RECIPIENTS.filter((r) => r.code !== "PARENTS" && r.code !== "TRIBE")) {
      expect(notApplicableReasonsFor(code)).toEqual(["NO_SUCH_PERSON", "OTHER"]);
    }
  });
  it("refuses a reason for the wrong recipient and 'other' without a note", () => {
    expect(checkNotApplicable("COURT", { reason: "ICWA_DOES_NOT_APPLY", note: null })[0]?.code).toBe("REASON_NOT_FOR_RECIPIENT");
    expect(checkNotApplicable("TRIBE", { reason: "PARENT_SUSPECTED", note: null })[0]?.code).toBe("REASON_NOT_FOR_RECIPIENT");
    expect(checkNotApplicable("CASA", { reason: "OTHER", note: "  " })[0]?.code).toBe("NOTE_REQUIRED");
    expect(checkNotApplicable("CASA", { reason: "OTHER", note: "No CASA assigned in this county" })).toEqual([]);
    expect(checkNotApplicable("PARENTS", { reason: "PARENT_SUSPECTED", note: null })).toEqual([]);
  });
});

describe("a notice recorded as sent", () => {
  const lastSeenAt = new Date("2026-03-08T10:00:00Z");
  const deadline = new Date("2026-03-08T14:00:00Z");
  const now = new Date("2026-03-08T20:00:00Z");
  const context = { lastSeenAt, now, deadline, ruleHours: 2 };
  it("is judged against the episode's times like a report", () => {
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T13:00:00Z"), lateReason: null }, context)).toEqual([]);
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T21:00:00Z"), lateReason: "x" }, context).map((v) => v.code)).toEqual(["SENT_IN_FUTURE"]);
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T09:00:00Z"), lateReason: null }, context).map((v) => v.code)).toEqual(["SENT_BEFORE_LAST_SEEN"]);
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T15:00:00Z"), lateReason: "" }, context).map((v) => v.code)).toEqual(["LATE_REASON_REQUIRED"]);
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T15:00:00Z"), lateReason: "Court closed" }, context)).toEqual([]);
  });
});

describe("the settings form's schema", () => {
  const valid = {
    name: "Demo County",
    state: "MO",
    timeZone: "America/Chicago",
    lawEnforcementClockHours: 2,
    ncmecClockHours: 2,
    caseworkerSecondFactorOptional: false,
    secondFactorOptionalReason: "",
    missingNotices: { COURT: 24 },
    returnNotices: {},
  };
  it("takes Missouri's 2 hours and refuses the looser, the fractional and a bad zone", () => {
    expect(ZAgencySettingsSchema.safeParse(valid).success).toBe(true);
    for (const bad of [{ ncmecClockHours: 25 }, { lawEnforcementClockHours: 0 }, { ncmecClockHours: 1.5 }, { timeZone: "Central" }, { state: "ZZ" }, { missingNotices: { COURT: 0 } }]) {
      expect(ZAgencySettingsSchema.safeParse({ ...valid, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
