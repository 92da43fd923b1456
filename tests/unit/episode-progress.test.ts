import { describe, expect, it } from "vitest";
import { STAGE_LABELS, clockOfKind, episodeProgress, type EpisodeStage } from "@/domain/episode-progress";
import { FEDERAL_RULES, clockKey, type ClockRules } from "@/domain/episode-clocks";
import { noticeText } from "@/domain/notice-rules";
import { FORM_STEP_KEYS, STEP_KEYS, type FormStepKey } from "@/domain/steps";
import { completeFacts, startedFacts } from "../fixtures/episode-facts";

const now = new Date("2026-03-08T12:00:00Z");
const HOUR = 3_600_000;
const savedUpTo = (last: FormStepKey | null): FormStepKey[] => (last ? FORM_STEP_KEYS.slice(0, FORM_STEP_KEYS.indexOf(last) + 1) : []);

describe("episodeProgress: the stage", () => {
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
      const full = completeFacts(now);
      const facts = { ...full, lawEnforcement: le ? full.lawEnforcement : null, ncmec: ncmec ? full.ncmec : null, submittedAt: submitted ? when : null, closedAt: closed ? when : null };
      expect(episodeProgress(facts, now).stage).toBe(stage);
      expect(episodeProgress(facts, now).editable).toBe(!closed);
    },
  );

  it("labels every stage in plain words", () => {
    expect(STAGE_LABELS).toEqual({
      "awaiting-law-enforcement": "Waiting for the law-enforcement report",
      "awaiting-ncmec": "Waiting for the NCMEC report",
      "ready-to-submit": "Ready to submit",
      reported: "Missing (reported)",
      located: "Located",
      recovered: "Recovered",
      "debrief-due": "Recovered, debrief due",
      "awaiting-sign-off": "Awaiting sign-off",
      closed: "Closed",
      "ended-without-recovery": "Ended without recovery",
      voided: "Voided (entered in error)",
    });
  });
});

describe("episodeProgress: the steps", () => {
  it("opens the steps in order and says which to complete first", () => {
    const facts = { ...startedFacts(now), savedSteps: savedUpTo("missing-event") };
    const { steps, nextStep } = episodeProgress(facts, now);
    expect(nextStep).toBe("description");
    expect(steps.child).toEqual({ status: "completed", canOpen: true, block: null });
    expect(steps.description).toEqual({ status: "available", canOpen: true, block: null });
    expect(steps.risks.canOpen).toBe(false);
    expect(steps.risks.block).toEqual({ code: "STEP_ORDER", message: "Complete these steps first: Description.", missingSteps: ["description"] });
    expect(steps.review).toEqual({ status: "available", canOpen: true, block: null });
  });

  it("locks NCMEC until law enforcement is recorded, and says so before the order of the form", () => {
    const facts = { ...startedFacts(now), savedSteps: savedUpTo("contacts") };
    const locked = episodeProgress(facts, now).steps.ncmec;
    expect(locked.status).toBe("locked");
    expect(locked.block?.code).toBe("LAW_ENFORCEMENT_FIRST");
    const full = completeFacts(now);
    const afterRefusal = { ...full, savedSteps: savedUpTo("law-enforcement"), lawEnforcement: { ...full.lawEnforcement!, outcome: "REFUSED" as const }, ncmec: null };
    expect(episodeProgress(afterRefusal, now).steps.ncmec.block?.code).toBe("STEP_ORDER");
  });

  it("covers every step of the report", () => {
    expect(Object.keys(episodeProgress(startedFacts(now), now).steps).sort()).toEqual([...STEP_KEYS].sort());
  });
});

describe("episodeProgress: submitting and the packet", () => {
  it("allows submitting a complete report once, and not again", () => {
    expect(episodeProgress(completeFacts(now), now).submit).toEqual({ allowed: true, block: null });
    expect(episodeProgress({ ...completeFacts(now), submittedAt: now }, now).submit.block?.code).toBe("ALREADY_SUBMITTED");
  });

  it("refuses submitting with the steps still to save named", () => {
    const facts = { ...completeFacts(now), savedSteps: savedUpTo("contacts") };
    expect(episodeProgress(facts, now).submit.block).toEqual({ code: "INCOMPLETE", message: "Complete these steps before submitting: Law enforcement, Guardian and reporting party, NCMEC.", missingSteps: ["law-enforcement", "guardian", "ncmec"] });
  });

  it("refuses submitting a late report without its reason, after the missing event moved", () => {
    const full = completeFacts(now);
    const earlier = { ...full.missingEvent!, discoveredAt: new Date(full.lawEnforcement!.reportedAt.getTime() - 30 * HOUR), lastSeenAt: new Date(full.lawEnforcement!.reportedAt.getTime() - 31 * HOUR) };
    const block = episodeProgress({ ...full, missingEvent: earlier }, now).submit.block;
    expect(block?.code).toBe("RECORDED_REPORT");
    expect(block?.message).toContain("past its deadline");
  });

  it("makes the packet final once every information step is saved, whatever NCMEC", () => {
    const full = completeFacts(now);
    expect(episodeProgress(full, now).packet).toEqual({ status: "final", missingItems: [] });
    expect(episodeProgress({ ...full, savedSteps: savedUpTo("guardian"), ncmec: null }, now).packet.status).toBe("final");
    const draft = episodeProgress({ ...full, savedSteps: savedUpTo("contacts") }, now).packet;
    expect(draft.status).toBe("draft");
    expect(draft.missingItems.slice(0, 2)).toEqual(["Step not completed: Law enforcement", "Step not completed: Guardian and reporting party"]);
  });
});

describe("episodeProgress: the clocks", () => {
  it("runs no clock before the agency knows when it learned the child was missing", () => {
    expect(episodeProgress(startedFacts(now), now).clocks).toEqual([]);
  });

  it("runs both reports' clocks from discovery, each met by its report", () => {
    const full = completeFacts(now);
    const { clocks } = episodeProgress({ ...full, ncmec: null }, now);
    const le = clockOfKind(clocks, "LAW_ENFORCEMENT_REPORT")!;
    const ncmec = clockOfKind(clocks, "NCMEC_REPORT")!;
    expect(le.startedAt).toEqual(full.missingEvent!.discoveredAt);
    expect(le.deadline.getTime() - le.startedAt.getTime()).toBe(24 * HOUR);
    expect(le.doneAt).toEqual(full.lawEnforcement!.reportedAt);
    expect(le.state).toBe("on-time");
    expect(ncmec.doneAt).toBeNull();
  });

  it("keeps the hours a clock started with when the agency's rule changes", () => {
    const facts = completeFacts(now);
    const tighter: ClockRules = { started: { [clockKey("LAW_ENFORCEMENT_REPORT", "")]: 24 }, agency: { ...FEDERAL_RULES.agency, reportHours: { LAW_ENFORCEMENT_REPORT: 2, NCMEC_REPORT: 2 } } };
    const { clocks } = episodeProgress(facts, now, tighter);
    expect(clockOfKind(clocks, "LAW_ENFORCEMENT_REPORT")!.ruleHours).toBe(24);
    expect(clockOfKind(clocks, "NCMEC_REPORT")!.ruleHours).toBe(2);
  });
});

describe("episodeProgress: the notices", () => {
  const agencyNotices = { COURT: 48, PARENTS: 12, TRIBE: 24 };
  const withList: ClockRules = { started: {}, agency: { ...FEDERAL_RULES.agency, missingNotices: agencyNotices } };
  const recorded = { recordedById: "0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b", recordedAt: now, event: "MISSING" as const, toldBy: null, toWhom: null, method: null, confirmed: null };

  it("starts one notice clock per recipient on the agency's list, from discovery, with that recipient's hours", () => {
    const facts = completeFacts(now);
    const { notices, clocks } = episodeProgress(facts, now, withList);
    expect(notices.map((n) => [n.recipient, n.clock.ruleHours])).toEqual([["COURT", 48], ["PARENTS", 12], ["TRIBE", 24]]);
    expect(notices[0]!.clock.deadline.getTime() - facts.missingEvent!.discoveredAt.getTime()).toBe(48 * HOUR);
    expect(clocks.filter((c) => c.kind === "MISSING_NOTICE").map((c) => c.subject)).toEqual(["COURT", "PARENTS", "TRIBE"]);
  });

  it("keeps the list the clocks started with: a recipient added later adds no clock", () => {
    const started: ClockRules = {
      started: { [clockKey("LAW_ENFORCEMENT_REPORT", "")]: 24, [clockKey("NCMEC_REPORT", "")]: 24, [clockKey("MISSING_NOTICE", "COURT")]: 48 },
      agency: { ...withList.agency, missingNotices: { ...agencyNotices, CASA: 6 } },
    };
    expect(episodeProgress(completeFacts(now), now, started).notices.map((n) => n.recipient)).toEqual(["COURT"]);
  });

  it("runs no notice clock before discovery is known", () => {
    expect(episodeProgress(startedFacts(now), now, withList).notices).toEqual([]);
  });

  it("is met when sent, late after its deadline, and met when not applicable, with the reason", () => {
    const facts = completeFacts(now);
    const discovered = facts.missingEvent!.discoveredAt;
    const notices = [
      { recipient: "COURT" as const, sentAt: new Date(discovered.getTime() + HOUR), notApplicableReason: null, note: null, ...recorded },
      { recipient: "PARENTS" as const, sentAt: new Date(discovered.getTime() + 13 * HOUR), notApplicableReason: null, note: "Phone disconnected", ...recorded },
      { recipient: "TRIBE" as const, sentAt: null, notApplicableReason: "ICWA_DOES_NOT_APPLY" as const, note: null, ...recorded },
    ];
    const progress = episodeProgress({ ...facts, notices }, now, withList);
    expect(progress.notices.map((n) => n.state)).toEqual(["on-time", "late", "not-applicable"]);
    expect(progress.notices.map(noticeText)).toEqual(["Told on time", "Told 1 h late", "Not applicable: The Indian Child Welfare Act does not apply to this child"]);
    const tribe = progress.clocks.find((c) => c.subject === "TRIBE")!;
    expect(tribe.doneAt).toEqual(now);
    expect(progress.clocks.find((c) => c.subject === "PARENTS")!.lateReason).toBe("Phone disconnected");
  });

  it("says how long is left on a notice not yet sent", () => {
    const facts = completeFacts(now);
    const notice = episodeProgress(facts, facts.missingEvent!.discoveredAt, withList).notices[1]!;
    expect(notice.state).toBe("pending");
    expect(noticeText(notice)).toBe("Not told yet: 12 h left");
  });
});

describe("episodeProgress: what the lists filter by", () => {
  it("gives the age on the day last seen in the agency's zone, and flags any risk answered yes", () => {
    const facts = completeFacts(now);
    const progress = episodeProgress(facts, now);
    expect(progress.ageAtMissing).toBe(14);
    expect(progress.endangered).toBe(true);
    const noRisks = Object.fromEntries(Object.entries(facts.risks!).map(([key, risk]) => [key, { ...risk, present: risk.present === true ? null : risk.present }]));
    expect(episodeProgress({ ...facts, risks: { ...facts.risks!, ...noRisks } }, now).endangered).toBe(false);
  });
});
