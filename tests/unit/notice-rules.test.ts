import { describe, expect, it } from "vitest";
import { reportClockHoursProblem } from "@/domain/clocks";
import { checkNoticeSent, checkNotApplicable, noticeHoursProblem, notApplicableReasonsFor, recordedNoticeProblems, noticeText, inSentence } from "@/domain/notice-rules";
import type { NoticeRecord } from "@/domain/episode-facts";
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
  const context = { event: "MISSING" as const, notBefore: lastSeenAt, now, deadline, ruleHours: 2 };
  it("is judged against the episode's times like a report", () => {
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T13:00:00Z"), lateReason: null }, context)).toEqual([]);
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T21:00:00Z"), lateReason: "x" }, context).map((v) => v.code)).toEqual(["SENT_IN_FUTURE"]);
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T09:00:00Z"), lateReason: null }, context).map((v) => v.code)).toEqual(["SENT_BEFORE_EVENT"]);
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T15:00:00Z"), lateReason: "" }, context).map((v) => v.code)).toEqual(["LATE_REASON_REQUIRED"]);
    expect(checkNoticeSent("COURT", { sentAt: new Date("2026-03-08T15:00:00Z"), lateReason: "Court closed" }, context)).toEqual([]);
  });

  it("says what a return or a cancellation is counted from, and refuses one before its event", () => {
    const recoveredAt = new Date("2026-03-08T12:00:00Z");
    const ret = { ...context, event: "RETURN" as const, notBefore: recoveredAt };
    expect(checkNoticeSent("LAW_ENFORCEMENT", { sentAt: new Date("2026-03-08T11:00:00Z"), lateReason: null }, ret)[0]?.message).toContain("before the child was recovered");
    expect(checkNoticeSent("NCMEC", { sentAt: new Date("2026-03-08T15:00:00Z"), lateReason: null }, ret)[0]?.message).toContain("2 hours after the agency learned of the recovery");
    const cancel = { ...context, event: "CANCEL" as const, notBefore: recoveredAt };
    expect(checkNoticeSent("NCMEC", { sentAt: new Date("2026-03-08T15:00:00Z"), lateReason: null }, cancel)[0]?.message).toContain("after the episode ended");
    expect(checkNoticeSent("NCMEC", { sentAt: new Date("2026-03-08T11:00:00Z"), lateReason: null }, cancel)[0]?.message).toBe(
      "The time NCMEC was asked to cancel the report cannot be before the episode ended. Please check it.",
    );
  });
});

describe("a notice in words", () => {
  it("says a cancellation is asked for, and keeps NCMEC's name as it is in a sentence", () => {
    const clock = { kind: "CANCEL_NOTICE" as const, subject: "NCMEC", startedAt: new Date(0), ruleHours: 24, deadline: new Date(0), doneAt: null, lateReason: null, state: "pending" as const, msRemaining: 2 * 3_600_000, msLate: null };
    const notice = { recipient: "NCMEC" as const, event: "CANCEL" as const, label: "NCMEC", clock, state: "pending" as const, record: null, reasons: [] };
    expect(noticeText(notice)).toBe("Not asked yet: 2 h left");
    expect(noticeText({ ...notice, clock: { ...clock, state: "on-time", msRemaining: null }, state: "on-time" })).toBe("Asked on time");
    expect(noticeText({ ...notice, event: "RETURN" })).toBe("Not told yet: 2 h left");
    expect([inSentence("NCMEC"), inSentence("The court"), inSentence("Law enforcement")]).toEqual(["NCMEC", "the court", "law enforcement"]);
  });
});

describe("recorded notices against changed times", () => {
  const lastSeenAt = new Date("2026-03-08T10:00:00Z");
  const now = new Date("2026-03-09T20:00:00Z");
  const notice = (sentAt: Date, note: string | null): NoticeRecord => ({
    event: "MISSING",
    recipient: "COURT",
    sentAt,
    notApplicableReason: null,
    note,
    recordedById: "u",
    recordedAt: now,
    toldBy: null,
    toWhom: null,
    method: null,
    confirmed: null,
  });
  const clock = { kind: "MISSING_NOTICE" as const, subject: "COURT", startedAt: lastSeenAt, ruleHours: 2, deadline: new Date("2026-03-08T12:00:00Z"), doneAt: null, lateReason: null };
  const facts = (notices: NoticeRecord[]) => ({ missingEvent: null, recovery: null, ended: null, notices });
  it("finds a notice now late without a reason, or before the child was last seen", () => {
    const withEvent = (notices: NoticeRecord[]) => ({ ...facts(notices), missingEvent: { lastSeenAt, discoveredAt: lastSeenAt, lastSeenPlace: "", lastSeenCity: "", circumstances: "", clothing: "", possibleDestinations: "", hasRunBefore: null } });
    expect(recordedNoticeProblems(withEvent([notice(new Date("2026-03-08T11:00:00Z"), null)]), [clock], now)).toEqual([]);
    expect(recordedNoticeProblems(withEvent([notice(new Date("2026-03-08T13:00:00Z"), null)]), [clock], now).map((p) => p.code)).toEqual(["LATE_REASON_REQUIRED"]);
    expect(recordedNoticeProblems(withEvent([notice(new Date("2026-03-08T13:00:00Z"), "Closed")]), [clock], now)).toEqual([]);
    expect(recordedNoticeProblems(withEvent([notice(new Date("2026-03-08T09:00:00Z"), null)]), [clock], now).map((p) => p.code)).toEqual(["SENT_BEFORE_EVENT"]);
    // Without the event's time or its clock there is nothing to judge against.
    expect(recordedNoticeProblems(facts([notice(new Date("2026-03-08T09:00:00Z"), null)]), [clock], now)).toEqual([]);
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
    returnNoticeHours: 24,
    debriefHours: 72,
    leadHours: 24,
    longTermMissingDays: 30,
    searchReminderEveryDays: null,
    searchReminderForDays: null,
    traffickingReportHours: 24,
    traffickingClockForSuspected: false,
    screeningInstruments: [],
    reminderFirstPercent: 50,
    reminderSecondPercent: 75,
    escalationMinutes: 120,
  };
  it("takes Missouri's 2 hours and refuses the looser, the fractional and a bad zone", () => {
    expect(ZAgencySettingsSchema.safeParse(valid).success).toBe(true);
    for (const bad of [{ ncmecClockHours: 25 }, { lawEnforcementClockHours: 0 }, { ncmecClockHours: 1.5 }, { timeZone: "Central" }, { state: "ZZ" }, { missingNotices: { COURT: 0 } }]) {
      expect(ZAgencySettingsSchema.safeParse({ ...valid, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
