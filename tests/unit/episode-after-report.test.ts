import { describe, expect, it } from "vitest";
import { episodeProgress } from "@/domain/episode-progress";
import { DEFAULT_AGENCY_RULES, FEDERAL_RULES, NCIC_RECORDS_UPDATE_HOURS, clockKey, deriveClocks, type ClockRules } from "@/domain/episode-clocks";
import { signOffRefusal } from "@/domain/episode-closure";
import type { DebriefFacts, EpisodeFacts, RecoveryFacts, SearchActivity } from "@/domain/episode-facts";
import type { ClockKind } from "@/domain/clocks";
import { completeFacts } from "../fixtures/episode-facts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date("2026-03-10T15:00:00Z");
const base = completeFacts(now);
const discovered = base.missingEvent!.discoveredAt;
const at = (hoursAfterDiscovery: number) => new Date(discovered.getTime() + hoursAfterDiscovery * HOUR);
const who = { recordedById: "0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b", recordedAt: now };

const recovery = (overrides: Partial<RecoveryFacts>): RecoveryFacts => ({
  locatedAt: null,
  recoveredAt: null,
  knownAt: null,
  address: "",
  city: "Springfield",
  state: "NY",
  placeKind: "FRIEND_HOME",
  outOfState: false,
  recoveredBy: "LAW_ENFORCEMENT",
  officerName: null,
  lawEnforcementCaseNumber: null,
  condition: "",
  newMarks: [],
  placement: "",
  packetSummary: "",
  ...who,
  ...overrides,
});

const debrief = (overrides: Partial<DebriefFacts>): DebriefFacts => ({
  interviewerName: "Dana Reyes",
  interviewerRole: "Caseworker",
  interviewedAt: at(30),
  place: "Office",
  othersPresent: "",
  acceptedWithoutInterviewAt: null,
  acceptedWithoutInterviewById: null,
  ranAgainBeforeDebrief: false,
  ranFrom: ["placement-conflict"],
  ranTo: ["friends"],
  factorsNarrative: "Argued with the foster parent about curfew.",
  responseNow: "Curfew agreement and weekly check-ins.",
  plansLater: "",
  stayedWhere: "A friend's flat",
  stayedWith: "",
  needsMet: "",
  harm: "",
  completedAt: null,
  ...who,
  ...overrides,
});

const activity = (id: string, hours: number, overrides: Partial<SearchActivity> = {}): SearchActivity => ({
  id,
  kind: "FRIENDS_AND_RELATIVES",
  at: at(hours),
  contactedPerson: "",
  outcome: "",
  note: "",
  isLead: false,
  leadPassedAt: null,
  leadPassedTo: null,
  leadLateReason: null,
  ...who,
  ...overrides,
});

const kindsOf = (facts: EpisodeFacts, rules: ClockRules = FEDERAL_RULES) => deriveClocks(facts, rules).map((c) => (c.subject ? `${c.kind}/${c.subject}` : c.kind));
const clockOf = (facts: EpisodeFacts, kind: ClockKind, rules: ClockRules = FEDERAL_RULES, subject = "") =>
  deriveClocks(facts, rules).find((c) => c.kind === kind && c.subject === subject) ?? null;

describe("which clocks start when the child is located, and which when recovered", () => {
  const submitted = { ...base, submittedAt: at(3) };
  it.each([
    { when: "still missing", recovery: null, expected: ["LAW_ENFORCEMENT_REPORT", "NCMEC_REPORT"] },
    { when: "located", recovery: recovery({ locatedAt: at(40) }), expected: ["LAW_ENFORCEMENT_REPORT", "NCMEC_REPORT"] },
    {
      when: "recovered",
      recovery: recovery({ locatedAt: at(40), recoveredAt: at(41), knownAt: at(42) }),
      expected: ["LAW_ENFORCEMENT_REPORT", "NCMEC_REPORT", "RETURN_NOTICE/LAW_ENFORCEMENT", "RETURN_NOTICE/NCMEC", "DEBRIEF"],
    },
    {
      when: "recovered without a located moment",
      recovery: recovery({ recoveredAt: at(41) }),
      expected: ["LAW_ENFORCEMENT_REPORT", "NCMEC_REPORT", "RETURN_NOTICE/LAW_ENFORCEMENT", "RETURN_NOTICE/NCMEC", "DEBRIEF"],
    },
  ])("$when", ({ recovery: r, expected }) => {
    expect(kindsOf({ ...submitted, recovery: r })).toEqual(expected);
  });

  it("runs the return notices from when the agency learned of the recovery, and the debrief from the recovery", () => {
    const facts = { ...submitted, recovery: recovery({ recoveredAt: at(41), knownAt: at(45) }) };
    const notice = clockOf(facts, "RETURN_NOTICE", FEDERAL_RULES, "LAW_ENFORCEMENT")!;
    expect(notice.startedAt).toEqual(at(45));
    expect(notice.deadline).toEqual(at(45 + 24));
    const debriefClock = clockOf(facts, "DEBRIEF")!;
    expect(debriefClock.startedAt).toEqual(at(41));
    expect(debriefClock.deadline).toEqual(at(41 + 72));
  });

  it("adds the agency's return list and uses its hours; the debrief uses the agency's hours", () => {
    const rules: ClockRules = { started: {}, agency: { ...DEFAULT_AGENCY_RULES, returnNotices: { COURT: 48, CAREGIVER: 12 }, returnNoticeHours: 8, debriefHours: 48 } };
    const facts = { ...submitted, recovery: recovery({ recoveredAt: at(41) }) };
    const clocks = deriveClocks(facts, rules).filter((c) => c.kind === "RETURN_NOTICE" || c.kind === "DEBRIEF");
    expect(clocks.map((c) => [c.kind, c.subject, c.ruleHours])).toEqual([
      ["RETURN_NOTICE", "LAW_ENFORCEMENT", 8],
      ["RETURN_NOTICE", "NCMEC", 8],
      ["RETURN_NOTICE", "COURT", 48],
      ["RETURN_NOTICE", "CAREGIVER", 12],
      ["DEBRIEF", "", 48],
    ]);
  });

  it("keeps the return list its clocks started with", () => {
    const started = { [clockKey("RETURN_NOTICE", "LAW_ENFORCEMENT")]: 24, [clockKey("RETURN_NOTICE", "NCMEC")]: 24, [clockKey("DEBRIEF", "")]: 72 };
    const rules: ClockRules = { started, agency: { ...DEFAULT_AGENCY_RULES, returnNotices: { COURT: 48 }, debriefHours: 24 } };
    const facts = { ...submitted, recovery: recovery({ recoveredAt: at(41) }) };
    expect(kindsOf(facts, rules).filter((k) => k.startsWith("RETURN") || k === "DEBRIEF")).toEqual(["RETURN_NOTICE/LAW_ENFORCEMENT", "RETURN_NOTICE/NCMEC", "DEBRIEF"]);
    expect(clockOf(facts, "DEBRIEF", rules)!.ruleHours).toBe(72);
  });

  it("is met by a return notice sent (late with its reason) and by the debrief completed", () => {
    const facts: EpisodeFacts = {
      ...submitted,
      recovery: recovery({ recoveredAt: at(41) }),
      notices: [{ event: "RETURN", recipient: "NCMEC", sentAt: at(70), notApplicableReason: null, note: "Call centre busy", toldBy: "Dana", toWhom: "Intake", method: "Phone", confirmed: true, ...who }],
      debrief: debrief({ completedAt: at(60) }),
      screens: [{ id: "s1", instrument: "CSE_IT", version: "2.0", result: "NONE", screenedBy: "Dana Reyes", screenedAt: at(50) }],
      determination: { sex: "NOT_A_VICTIM", labor: "NOT_A_VICTIM", informationReceivedAt: null, ...who },
    };
    const progress = episodeProgress(facts, at(100));
    expect(progress.returnNotices.map((n) => [n.recipient, n.state])).toEqual([["LAW_ENFORCEMENT", "overdue"], ["NCMEC", "late"]]);
    expect(progress.returnNotices[1]!.clock.lateReason).toBe("Call centre busy");
    expect(progress.returnNotices[0]!.reasons).toEqual([]);
    expect(progress.debrief).toMatchObject({ done: true, gaps: [] });
    expect(progress.stage).toBe("recovered");
  });
});

describe("deadlines are instants, whatever the clocks on the wall do", () => {
  // 2026-03-08 02:00 America/New_York does not exist: the debrief's 72 hours are 72 real hours.
  it("counts a debrief across the spring change in elapsed hours", () => {
    const recoveredAt = new Date("2026-03-07T12:00:00-05:00");
    const facts = { ...base, recovery: recovery({ recoveredAt }) };
    expect(clockOf(facts, "DEBRIEF")!.deadline.toISOString()).toBe("2026-03-10T17:00:00.000Z");
  });
});

describe("while the child is missing", () => {
  it("gives each lead its own clock, met when passed to law enforcement; a plain activity has none", () => {
    const facts = {
      ...base,
      searchActivities: [activity("a1", 2), activity("a2", 5, { isLead: true }), activity("a3", 6, { isLead: true, leadPassedAt: at(40), leadPassedTo: "Det. Ruiz", leadLateReason: "Weekend" })],
    };
    const progress = episodeProgress(facts, at(10));
    expect(progress.leads.map((lead) => [lead.activity.id, lead.clock.state, lead.clock.deadline.getTime() - lead.clock.startedAt.getTime()])).toEqual([
      ["a2", "pending", 24 * HOUR],
      ["a3", "late", 24 * HOUR],
    ]);
    expect(progress.leads[1]!.clock.lateReason).toBe("Weekend");
  });

  it("drops a lead not passed on when the child is found before its deadline, and keeps one already overdue", () => {
    const leads = [activity("soon", 30, { isLead: true }), activity("old", 2, { isLead: true })];
    const facts = { ...base, searchActivities: leads, recovery: recovery({ locatedAt: at(40) }) };
    expect(kindsOf(facts).filter((k) => k.startsWith("LEAD"))).toEqual(["LEAD_TO_LAW_ENFORCEMENT/old"]);
  });

  it("asks for the NCIC update's records by day 25 after the entry, only when the entry's time is known", () => {
    const le = base.lawEnforcement!;
    expect(clockOf({ ...base, lawEnforcement: { ...le, ncicEnteredAt: null } }, "NCIC_RECORDS_UPDATE")).toBeNull();
    const entered = { ...base, lawEnforcement: { ...le, ncicEntered: true, ncicEnteredAt: at(2) } };
    const clock = clockOf(entered, "NCIC_RECORDS_UPDATE")!;
    expect(clock.ruleHours).toBe(NCIC_RECORDS_UPDATE_HOURS);
    expect(clock.deadline).toEqual(new Date(at(2).getTime() + 25 * DAY));
    expect(clockOf({ ...entered, ncicRecordsSentAt: at(100) }, "NCIC_RECORDS_UPDATE")!.doneAt).toEqual(at(100));
    // Found on day 3: the update is moot.
    expect(clockOf({ ...entered, recovery: recovery({ recoveredAt: at(72) }) }, "NCIC_RECORDS_UPDATE")).toBeNull();
    // A refused report has no NCIC entry.
    expect(clockOf({ ...entered, lawEnforcement: { ...entered.lawEnforcement, outcome: "REFUSED" } }, "NCIC_RECORDS_UPDATE")).toBeNull();
  });

  it("runs a recurring search reminder only when the agency sets one, each met by the next search, none after the child is found", () => {
    expect(kindsOf(base).some((k) => k.startsWith("SEARCH_REMINDER"))).toBe(false);
    const weekly: ClockRules = { started: {}, agency: { ...DEFAULT_AGENCY_RULES, searchReminder: { everyDays: 7, forDays: 30 } } };
    const facts = { ...base, searchActivities: [activity("a", 24 * 8)] };
    const reminders = deriveClocks(facts, weekly).filter((c) => c.kind === "SEARCH_REMINDER");
    expect(reminders.map((c) => [c.subject, (c.startedAt.getTime() - discovered.getTime()) / DAY, c.doneAt && (c.doneAt.getTime() - discovered.getTime()) / DAY])).toEqual([
      ["1", 0, 8],
      ["2", 7, 8],
      ["3", 14, null],
      ["4", 21, null],
    ]);
    const found = { ...facts, recovery: recovery({ locatedAt: at(24 * 10) }) };
    expect(deriveClocks(found, weekly).filter((c) => c.kind === "SEARCH_REMINDER").map((c) => c.subject)).toEqual(["1", "2"]);
  });

  it("brings in the long-term checklist after the agency's number of days, while the child is missing", () => {
    expect(episodeProgress(base, at(24 * 29)).longTerm).toBeNull();
    const checklist = episodeProgress({ ...base, longTermItems: [{ item: "DENTAL_RECORDS", doneAt: at(24 * 31), doneById: who.recordedById }] }, at(24 * 31)).longTerm!;
    expect(checklist.appliesFrom).toEqual(at(24 * 30));
    expect(checklist.items.map((item) => [item.item, item.done !== null])).toEqual([
      ["MEDICAL_RECORDS", false],
      ["DENTAL_RECORDS", true],
      ["FINGERPRINTS", false],
      ["DNA_RELATIVES", false],
      ["NCMEC_LONG_TERM_SERVICES", false],
    ]);
    expect(episodeProgress({ ...base, recovery: recovery({ recoveredAt: at(24 * 5) }) }, at(24 * 40)).longTerm).toBeNull();
  });
});

describe("the trafficking report", () => {
  const determination = (sex: "NOT_A_VICTIM" | "SUSPECTED" | "CONFIRMED", informationReceivedAt: Date | null = at(50)) => ({ sex, labor: "NOT_A_VICTIM" as const, informationReceivedAt, ...who });
  it.each([
    { sex: "NOT_A_VICTIM" as const, suspectedToo: false, owed: false },
    { sex: "SUSPECTED" as const, suspectedToo: false, owed: false },
    { sex: "SUSPECTED" as const, suspectedToo: true, owed: true },
    { sex: "CONFIRMED" as const, suspectedToo: false, owed: true },
  ])("$sex with the suspected rule $suspectedToo: owed $owed", ({ sex, suspectedToo, owed }) => {
    const rules: ClockRules = { started: {}, agency: { ...DEFAULT_AGENCY_RULES, traffickingClockForSuspected: suspectedToo, traffickingReportHours: 8 } };
    const clock = clockOf({ ...base, determination: determination(sex) }, "TRAFFICKING_REPORT", rules);
    expect(clock !== null).toBe(owed);
    if (clock) expect([clock.startedAt, clock.deadline]).toEqual([at(50), at(58)]);
  });

  it("runs from when the agency received the information, even while the child is missing, and is met by the report", () => {
    const facts = {
      ...base,
      determination: determination("CONFIRMED", at(5)),
      traffickingReport: { agencyName: "County Sheriff", officerName: "Lt. Park", caseNumber: "T-1", reportedAt: at(20), lateReason: null, ...who },
    };
    const progress = episodeProgress(facts, at(30));
    expect(progress.missing).toBe(true);
    expect(progress.trafficking.owed).toBe(true);
    expect(progress.trafficking.clock!.state).toBe("on-time");
  });
});

describe("the stage", () => {
  const recovered = recovery({ locatedAt: at(40), recoveredAt: at(41) });
  it.each([
    { name: "missing (reported)", facts: { submittedAt: at(3) }, stage: "reported" },
    { name: "located", facts: { submittedAt: at(3), recovery: recovery({ locatedAt: at(40) }) }, stage: "located" },
    { name: "recovered before the reports were submitted", facts: { submittedAt: null, recovery: recovered }, stage: "debrief-due" },
    { name: "debrief due", facts: { submittedAt: at(3), recovery: recovered }, stage: "debrief-due" },
    { name: "recovered, debriefed", facts: { submittedAt: at(3), recovery: recovered, debrief: debrief({ completedAt: at(50) }) }, stage: "recovered" },
    {
      name: "awaiting sign-off",
      facts: { submittedAt: at(3), recovery: recovered, debrief: debrief({ completedAt: at(50) }), closure: { status: "REQUESTED" as const, requestedById: who.recordedById, requestedAt: at(60), decidedById: null, decidedAt: null, entries: [] } },
      stage: "awaiting-sign-off",
    },
    { name: "closed", facts: { submittedAt: at(3), recovery: recovered, closedAt: at(70) }, stage: "closed" },
    { name: "ended without recovery", facts: { submittedAt: at(3), ended: { endedAt: at(100), reason: "AGED_OUT" as const, note: "", recordedById: who.recordedById } }, stage: "ended-without-recovery" },
    {
      name: "ended without recovery, awaiting sign-off",
      facts: {
        submittedAt: at(3),
        ended: { endedAt: at(100), reason: "AGED_OUT" as const, note: "", recordedById: who.recordedById },
        closure: { status: "REQUESTED" as const, requestedById: who.recordedById, requestedAt: at(110), decidedById: null, decidedAt: null, entries: [] },
      },
      stage: "awaiting-sign-off",
    },
    { name: "voided", facts: { submittedAt: at(3), recovery: recovered, voided: { voidedAt: at(5), voidedById: who.recordedById, reason: "Entered twice" } }, stage: "voided" },
  ] satisfies { name: string; facts: Partial<EpisodeFacts>; stage: string }[])("$name → $stage", ({ facts, stage }) => {
    expect(episodeProgress({ ...base, ...facts }, now).stage).toBe(stage);
  });

  it("keeps the reports due when the child is recovered before they were made, and says so", () => {
    const progress = episodeProgress({ ...base, ncmec: null, recovery: recovered }, at(42));
    expect(progress.reportsDueAfterRecovery).toBe(true);
    expect(progress.clocks.find((c) => c.kind === "NCMEC_REPORT")!.state).toBe("overdue");
  });

  it("keeps no clock for a voided episode", () => {
    expect(deriveClocks({ ...base, voided: { voidedAt: at(5), voidedById: who.recordedById, reason: "x" } }, FEDERAL_RULES)).toEqual([]);
  });

  it("works out a voided draft whose reports were recorded (no clock to check them against)", () => {
    const progress = episodeProgress({ ...base, submittedAt: null, voided: { voidedAt: at(5), voidedById: who.recordedById, reason: "x" } }, now);
    expect(progress.stage).toBe("voided");
    expect(progress.editable).toBe(false);
  });
});

describe("the debrief and closing", () => {
  const recovered = { ...base, submittedAt: at(3), recovery: recovery({ recoveredAt: at(41) }) };
  const screen = { id: "s1", instrument: "CSE_IT", version: "2.0", result: "NONE" as const, screenedBy: "Dana Reyes", screenedAt: at(50) };

  it("says what the debrief still lacks", () => {
    expect(episodeProgress(recovered, now).debrief.gaps).toHaveLength(6);
    const nearly = { ...recovered, debrief: debrief({}), screens: [screen] };
    expect(episodeProgress(nearly, now).debrief.gaps).toEqual(["Record the trafficking determination (not a victim, suspected or confirmed)."]);
    const noInterview = { ...nearly, debrief: debrief({ interviewerName: null, interviewedAt: null }), determination: { sex: "NOT_A_VICTIM" as const, labor: "NOT_A_VICTIM" as const, informationReceivedAt: null, ...who } };
    expect(episodeProgress(noInterview, now).debrief.gaps).toEqual([
      "Record who interviewed the child and when, or the attempts and a supervisor's acceptance without an interview.",
    ]);
    expect(episodeProgress({ ...noInterview, debrief: debrief({ interviewerName: null, interviewedAt: null, acceptedWithoutInterviewAt: at(90) }) }, now).debrief.gaps).toEqual([]);
    expect(episodeProgress({ ...recovered, debrief: debrief({ ranAgainBeforeDebrief: true }) }, now).debrief.gaps).toEqual([]);
  });

  it("says exactly what closing still needs", () => {
    const rules: ClockRules = { started: {}, agency: { ...DEFAULT_AGENCY_RULES, traffickingReportHours: 24 } };
    const facts: EpisodeFacts = { ...recovered, determination: { sex: "CONFIRMED", labor: "NOT_A_VICTIM", informationReceivedAt: at(50), ...who } };
    expect(episodeProgress(facts, now, rules).closure).toEqual({
      state: "none",
      canRequest: false,
      returnedComment: null,
      missing: [
        "Record every notice of the child's return (law enforcement, NCMEC and the agency's list).",
        "Record every notice of the child's return (law enforcement, NCMEC and the agency's list).",
        "Record the return debrief as complete, with its trafficking screen.",
        "Record the report of the trafficking victim to law enforcement.",
      ],
    });
    expect(episodeProgress({ ...base, submittedAt: null }, now).closure.missing).toEqual([
      "Submit the missing-child report.",
      "Record the child's recovery, or that the episode ended without one.",
    ]);
  });

  it("lets the caseworker ask once everything is done, and shows a returned comment", () => {
    const notice = (recipient: "LAW_ENFORCEMENT" | "NCMEC") => ({ event: "RETURN" as const, recipient, sentAt: at(45), notApplicableReason: null, note: null, toldBy: null, toWhom: null, method: null, confirmed: true, ...who });
    const done: EpisodeFacts = { ...recovered, notices: [notice("LAW_ENFORCEMENT"), notice("NCMEC")], debrief: debrief({ completedAt: at(60) }) };
    expect(episodeProgress(done, now).closure).toEqual({ state: "none", canRequest: true, missing: [], returnedComment: null });
    const returned: EpisodeFacts = {
      ...done,
      closure: {
        status: "RETURNED",
        requestedById: who.recordedById,
        requestedAt: at(70),
        decidedById: "9c9c9c9c-2a4d-4e5f-8a9b-0c1d2e3f4a5b",
        decidedAt: at(80),
        entries: [
          { action: "REQUESTED", comment: "", byId: who.recordedById, at: at(70) },
          { action: "RETURNED", comment: "Add the school's response.", byId: "9c9c9c9c-2a4d-4e5f-8a9b-0c1d2e3f4a5b", at: at(80) },
        ],
      },
    };
    expect(episodeProgress(returned, now).closure).toMatchObject({ state: "returned", canRequest: true, returnedComment: "Add the school's response." });
  });

  it("asks law enforcement and NCMEC to cancel their reports when an episode ends without a recovery", () => {
    const ended: EpisodeFacts = { ...base, submittedAt: at(3), ended: { endedAt: at(200), reason: "AGED_OUT", note: "", recordedById: who.recordedById } };
    const progress = episodeProgress(ended, at(210));
    expect(progress.cancelNotices.map((n) => [n.recipient, n.state, n.clock.deadline])).toEqual([
      ["LAW_ENFORCEMENT", "pending", at(224)],
      ["NCMEC", "pending", at(224)],
    ]);
    expect(progress.closure.missing).toEqual([
      "Record that law enforcement and NCMEC were asked to cancel their reports.",
      "Record that law enforcement and NCMEC were asked to cancel their reports.",
    ]);
  });
});

describe("who signs off", () => {
  const context = { actorId: "s1", actorIsSupervisor: true, caseworkerId: "c1", teamSupervisorIds: ["s1"], onCallIds: ["s9"] };
  it.each([
    { name: "the team's supervisor", change: {}, refusal: null },
    { name: "an on-call supervisor", change: { actorId: "s9" }, refusal: null },
    { name: "a caseworker", change: { actorIsSupervisor: false }, refusal: "NOT_A_SUPERVISOR" },
    { name: "a supervisor of another team", change: { actorId: "s2" }, refusal: "NOT_THEIR_TEAM" },
    { name: "a supervisor on their own episode", change: { caseworkerId: "s1" }, refusal: "OWN_EPISODE" },
  ])("$name: $refusal", ({ change, refusal }) => {
    expect(signOffRefusal({ ...context, ...change })?.code ?? null).toBe(refusal);
  });
});
