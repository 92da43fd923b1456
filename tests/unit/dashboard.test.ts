import { describe, expect, it } from "vitest";
import {
  DUE_SOON_MS,
  RECENT_RUN_MS,
  clockTitle,
  defaultTeamFilter,
  flagsOf,
  groupByUrgency,
  ranRecently,
  timeLeftText,
  urgencyOf,
  type FlagFacts,
} from "@/domain/dashboard";
import { dashboardSearch, parseDashboardSearch } from "@/lib/schemas/dashboard-search";
import { earliestUnmetDeadline } from "@/domain/episode-clocks";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const now = new Date("2026-11-22T07:05:00Z");
const at = (msFromNow: number) => new Date(now.getTime() + msFromNow);

describe("urgencyOf: how urgent an episode is, by its earliest running deadline", () => {
  it.each([
    { case: "a deadline six hours ago", deadline: at(-6 * HOUR), urgency: "overdue" },
    { case: "a deadline exactly now (overdue from the deadline on, as a clock is)", deadline: now, urgency: "overdue" },
    { case: "a deadline a millisecond away", deadline: at(1), urgency: "due-soon" },
    { case: "a deadline exactly two hours away", deadline: at(DUE_SOON_MS), urgency: "due-soon" },
    { case: "a deadline two hours and a millisecond away", deadline: at(DUE_SOON_MS + 1), urgency: "running" },
    { case: "a deadline tomorrow", deadline: at(DAY), urgency: "running" },
    { case: "no clock running", deadline: null, urgency: "none" },
  ] as const)("$case: $urgency", ({ deadline, urgency }) => {
    expect(urgencyOf(deadline, now)).toBe(urgency);
  });
});

describe("earliestUnmetDeadline: what the dashboard orders open episodes by", () => {
  const at = (hours: number) => new Date(Date.UTC(2026, 11, 6, 12) + hours * 3_600_000);
  it("is the earliest deadline of the clocks not met, overdue ones included", () => {
    expect(earliestUnmetDeadline([{ deadline: at(5), doneAt: null }, { deadline: at(-2), doneAt: null }, { deadline: at(-9), doneAt: at(-10) }])).toEqual(at(-2));
  });
  it("is null when every clock is met, or there is none", () => {
    expect(earliestUnmetDeadline([{ deadline: at(1), doneAt: at(0) }])).toBeNull();
    expect(earliestUnmetDeadline([])).toBeNull();
  });
});

describe("timeLeftText: the time left or how late, in words", () => {
  it("says how much time is left, rounded down", () => {
    expect(timeLeftText(at(HOUR + 20 * MINUTE + 59_000), now)).toBe("1 h 20 min left");
    expect(timeLeftText(at(30_000), now)).toBe("less than a minute left");
    expect(timeLeftText(at(2 * DAY + 3 * HOUR), now)).toBe("2 days 3 h left");
  });

  it("says how late a passed deadline is, from the deadline itself on", () => {
    expect(timeLeftText(at(-6 * HOUR), now)).toBe("Overdue by 6 h");
    expect(timeLeftText(now, now)).toBe("Overdue by less than a minute");
    expect(timeLeftText(at(-(DAY + 45 * MINUTE)), now)).toBe("Overdue by 1 day");
  });
});

describe("clockTitle", () => {
  it("names the clock, and for a notice who is to be told", () => {
    expect(clockTitle("LAW_ENFORCEMENT_REPORT", "")).toBe("Law enforcement");
    expect(clockTitle("NCMEC_REPORT", "")).toBe("NCMEC");
    expect(clockTitle("MISSING_NOTICE", "LAW_ENFORCEMENT")).toMatch(/^Notice: ./);
    expect(clockTitle("MISSING_NOTICE", "LAW_ENFORCEMENT")).not.toBe("Notice: LAW_ENFORCEMENT");
  });

  it("never shows a subject that is an id or a number", () => {
    expect(clockTitle("LEAD_TO_LAW_ENFORCEMENT", "0b7e3c1e-6a55-4a8e-9a51-1f7a0f0b2c11")).toBe("Lead passed to law enforcement");
    expect(clockTitle("SEARCH_REMINDER", "2")).toBe("Search");
  });
});

describe("flags", () => {
  const none: FlagFacts = { endangered: false, ageAtMissing: 15, traffickingConcern: false, discoveredAt: now, previousDiscoveredAt: null };

  it("raises none for a child with nothing to flag", () => {
    expect(flagsOf(none)).toEqual([]);
  });

  it("raises each flag from its own fact, always in the same order", () => {
    expect(flagsOf({ ...none, endangered: true })).toEqual(["endangered"]);
    expect(flagsOf({ ...none, traffickingConcern: true })).toEqual(["trafficking-concern"]);
    expect(flagsOf({ ...none, previousDiscoveredAt: at(-30 * DAY) })).toEqual(["ran-recently"]);
    expect(flagsOf({ endangered: true, ageAtMissing: 9, traffickingConcern: true, discoveredAt: now, previousDiscoveredAt: at(-DAY) })).toEqual([
      "endangered",
      "under-13",
      "trafficking-concern",
      "ran-recently",
    ]);
  });

  it("flags under 13 by the whole years when last seen: 12 is, 13 is not, unknown is not", () => {
    expect(flagsOf({ ...none, ageAtMissing: 12 })).toEqual(["under-13"]);
    expect(flagsOf({ ...none, ageAtMissing: 0 })).toEqual(["under-13"]);
    expect(flagsOf({ ...none, ageAtMissing: 13 })).toEqual([]);
    expect(flagsOf({ ...none, ageAtMissing: null })).toEqual([]);
  });

  it("counts a run as recent within the 90 days (of elapsed time) before this discovery, up to and including the 90th", () => {
    expect(ranRecently(now, at(-RECENT_RUN_MS))).toBe(true);
    expect(ranRecently(now, at(-RECENT_RUN_MS - 1))).toBe(false);
    expect(ranRecently(now, at(-HOUR))).toBe(true);
    expect(ranRecently(now, at(-120 * DAY))).toBe(false);
  });

  it("does not count a run discovered at the same moment or later, nor one without a discovery", () => {
    expect(ranRecently(now, now)).toBe(false);
    expect(ranRecently(now, at(DAY))).toBe(false);
    expect(ranRecently(null, at(-DAY))).toBe(false);
    expect(ranRecently(now, null)).toBe(false);
  });
});

describe("groupByUrgency", () => {
  it("puts overdue first, then due within 2 hours, running and none, keeping each group's order and leaving empty groups out", () => {
    const rows = [
      { id: "a", urgency: "overdue" },
      { id: "b", urgency: "overdue" },
      { id: "c", urgency: "due-soon" },
      { id: "d", urgency: "none" },
      { id: "e", urgency: "none" },
    ] as const;
    expect(groupByUrgency(rows).map((group) => [group.urgency, group.rows.map((row) => row.id)])).toEqual([
      ["overdue", ["a", "b"]],
      ["due-soon", ["c"]],
      ["none", ["d", "e"]],
    ]);
    expect(groupByUrgency([])).toEqual([]);
  });
});

describe("defaultTeamFilter", () => {
  it("shows a team's supervisor their teams, and the on-call list or someone who leads no team the whole agency", () => {
    expect(defaultTeamFilter({ onCall: false, supervisedTeams: 2 })).toBe("mine");
    expect(defaultTeamFilter({ onCall: true, supervisedTeams: 2 })).toBe("all");
    expect(defaultTeamFilter({ onCall: false, supervisedTeams: 0 })).toBe("all");
  });
});

describe("the dashboard's address", () => {
  const teamId = "6f1c2b9e-2f4a-4d7e-8c1b-5a2d3e4f5a6b";
  const caseworkerId = "0b7e3c1e-6a55-4a8e-9a51-1f7a0f0b2c11";

  it("reads ids and codes, and leaves out what it does not understand", () => {
    expect(parseDashboardSearch(new URLSearchParams(`team=${teamId}&caseworker=${caseworkerId}&stage=reported&clock=overdue&page=3`))).toEqual({
      team: "one",
      teamId,
      caseworkerId,
      stage: "reported",
      clock: "overdue",
      page: 3,
    });
    expect(parseDashboardSearch({ team: "everyone", caseworker: "Jordan Rivera", stage: "closed", clock: "late", page: "-2" })).toEqual({
      team: null,
      teamId: null,
      caseworkerId: null,
      stage: null,
      clock: null,
      page: 1,
    });
    expect(parseDashboardSearch({ team: ["all", "mine"], page: "2.5" })).toMatchObject({ team: "all", page: 1 });
  });

  it("writes the filters back to the same address, the team always", () => {
    const filters = { team: "one", teamId, caseworkerId, stage: "located", clock: "due-soon", page: 2 } as const;
    expect(parseDashboardSearch(new URLSearchParams(dashboardSearch(filters)))).toEqual(filters);
    expect(dashboardSearch({ team: "mine", teamId: null, caseworkerId: null, stage: null, clock: null, page: 1 })).toBe("team=mine");
    expect(dashboardSearch(filters, { page: 1, clock: null })).toBe(`team=${teamId}&caseworker=${caseworkerId}&stage=located`);
  });
});
