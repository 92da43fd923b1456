import { describe, expect, it } from "vitest";
import { episodeProgress } from "@/domain/episode-progress";
import { reviewOf, reviewRefusal } from "@/domain/episode-review";
import type { ApprovalEntry, ApprovalFacts, EpisodeFacts } from "@/domain/episode-facts";
import { completeFacts } from "../fixtures/episode-facts";

const now = new Date("2026-03-08T12:00:00Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(now.getTime() - 10 * HOUR + hours * HOUR);
const CASEWORKER = "0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b";
const SUPERVISOR = "5e0d6a6b-7c3f-4c55-9a43-3d9d6a3f1c21";

const entry = (action: ApprovalEntry["action"], hours: number, comment = "", byId = action === "REQUESTED" ? CASEWORKER : SUPERVISOR): ApprovalEntry => ({ action, comment, byId, at: at(hours) });

/** A review record whose status is its last entry's action, as the approval record writes it. */
function record(...entries: ApprovalEntry[]): ApprovalFacts {
  const last = entries[entries.length - 1]!;
  const lastRequest = [...entries].reverse().find((candidate) => candidate.action === "REQUESTED")!;
  const decided = last.action !== "REQUESTED";
  return { status: last.action, requestedById: lastRequest.byId, requestedAt: lastRequest.at, decidedById: decided ? last.byId : null, decidedAt: decided ? last.at : null, entries };
}

const submitted = (overrides: Partial<EpisodeFacts> = {}): EpisodeFacts => completeFacts(now, { submittedAt: at(1), ...overrides });

describe("reviewOf: where a report's review stands", () => {
  it("cannot be asked for before the report is submitted (submitting asks for it)", () => {
    expect(reviewOf(completeFacts(now))).toEqual({
      state: "none",
      canRequest: false,
      notNow: "Submit the report first: submitting it asks a supervisor to review it.",
      returnedComment: null,
      changedSinceDecision: [],
    });
  });

  it("can be asked for on a report submitted before reviews existed (no record)", () => {
    expect(reviewOf(submitted({ review: null }))).toMatchObject({ state: "none", canRequest: true, notNow: null });
  });

  it("waits for a supervisor once asked for: it cannot be asked for twice", () => {
    expect(reviewOf(submitted({ review: record(entry("REQUESTED", 1)) }))).toEqual({
      state: "requested",
      canRequest: false,
      notNow: "Review has been asked for and is waiting for a supervisor.",
      returnedComment: null,
      changedSinceDecision: [],
    });
  });

  it("after a return: the latest return's comment for the caseworker, the steps changed since, and it can be asked for again", () => {
    const review = record(entry("REQUESTED", 1), entry("RETURNED", 2, "Add the school's phone number."), entry("REQUESTED", 3), entry("RETURNED", 4, "Add the clothing colour."));
    const amendments = [
      { step: "contacts" as const, at: at(3.5), sentAt: null },
      { step: "missing-event" as const, at: at(5), sentAt: null },
      { step: "description" as const, at: at(6), sentAt: at(7) },
      { step: "missing-event" as const, at: at(8), sentAt: null },
    ];
    expect(reviewOf(submitted({ review, amendments }))).toEqual({
      state: "returned",
      canRequest: true,
      notNow: null,
      returnedComment: "Add the clothing colour.",
      changedSinceDecision: ["missing-event", "description"],
    });
  });

  it("after an approval: asked for again only once the report has changed since", () => {
    const review = record(entry("REQUESTED", 1), entry("APPROVED", 2, "Thorough."));
    expect(reviewOf(submitted({ review }))).toEqual({
      state: "approved",
      canRequest: false,
      notNow: "A supervisor approved this report. Review can be asked for again after the report is changed.",
      returnedComment: null,
      changedSinceDecision: [],
    });
    // A change before the approval was seen by the supervisor.
    expect(reviewOf(submitted({ review, amendments: [{ step: "risks", at: at(1.5), sentAt: null }] })).canRequest).toBe(false);
    expect(reviewOf(submitted({ review, amendments: [{ step: "risks", at: at(2.5), sentAt: null }] }))).toMatchObject({ canRequest: true, changedSinceDecision: ["risks"] });
  });

  it("keeps no returned comment once the report is asked for again or approved", () => {
    const again = record(entry("REQUESTED", 1), entry("RETURNED", 2, "Add the clothing colour."), entry("REQUESTED", 3, "Added."));
    expect(reviewOf(submitted({ review: again })).returnedComment).toBeNull();
    const approved = record(entry("REQUESTED", 1), entry("RETURNED", 2, "Add the clothing colour."), entry("REQUESTED", 3), entry("APPROVED", 4));
    expect(reviewOf(submitted({ review: approved }))).toMatchObject({ state: "approved", returnedComment: null });
  });

  it.each([
    { what: "closed", overrides: { closedAt: at(5) }, notNow: "This episode is closed." },
    { what: "voided", overrides: { voided: { voidedAt: at(5), voidedById: SUPERVISOR, reason: "Twice" } }, notNow: "This episode was voided (entered in error)." },
  ])("cannot be asked for on a $what episode, whatever its record says", ({ overrides, notNow }) => {
    const review = record(entry("REQUESTED", 1), entry("RETURNED", 2, "Fix it."));
    expect(reviewOf(submitted({ review, ...overrides }))).toMatchObject({ state: "returned", canRequest: false, notNow });
  });
});

describe("episodeProgress: the review", () => {
  it("is the progress function's answer, and the stage and the clocks do not depend on it", () => {
    const review = record(entry("REQUESTED", 1), entry("RETURNED", 2, "Add the clothing colour."));
    const without = episodeProgress(submitted({ review: null }), now);
    const returned = episodeProgress(submitted({ review }), now);
    expect(returned.review).toEqual(reviewOf(submitted({ review })));
    expect(returned.stage).toBe(without.stage);
    expect(returned.clocks).toEqual(without.clocks);
    expect(returned.closure).toEqual(without.closure);
  });
});

describe("reviewRefusal: who may approve or return a report", () => {
  const context = { actorId: SUPERVISOR, actorIsSupervisor: true, caseworkerId: CASEWORKER, teamSupervisorIds: [SUPERVISOR], onCallIds: [] };
  it.each([
    { who: "a supervisor of the caseworker's team", change: {}, code: null },
    { who: "a supervisor on the on-call list", change: { teamSupervisorIds: [], onCallIds: [SUPERVISOR] }, code: null },
    { who: "a caseworker", change: { actorIsSupervisor: false }, code: "NOT_A_SUPERVISOR" },
    { who: "the episode's own caseworker, a supervisor too", change: { caseworkerId: SUPERVISOR }, code: "OWN_EPISODE" },
    { who: "a supervisor of another team, not on call", change: { teamSupervisorIds: [] }, code: "NOT_THEIR_TEAM" },
  ])("$who → $code", ({ change, code }) => {
    const refusal = reviewRefusal({ ...context, ...change });
    expect(refusal?.code ?? null).toBe(code);
    if (refusal) expect(refusal.message).toMatch(/report/);
  });
});
