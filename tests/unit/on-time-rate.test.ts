import { describe, expect, it } from "vitest";
import {
  clockName,
  creditedCaseworker,
  dateRangeProblem,
  federalPeriodDates,
  federalPeriodLabel,
  federalPeriodOf,
  figuresOf,
  onTimeFigures,
  parseFederalPeriod,
  previousFederalPeriod,
  rangeInstants,
  rateText,
  startOfDay,
  clockReportCopies,
  outcomeOfCopies,
  reportClock,
  returnCounted,
  traffickingCounts,
  type Assignment,
  type ClockTally,
  type ReportClock,
  type ReportClockRow,
  type ReturnCopies,
} from "@/domain/on-time-rate";
import type { ClockFacts } from "@/domain/clocks";
import { wallTimeToInstant } from "@/domain/zoned-time";

const LOS_ANGELES = "America/Los_Angeles";
const NEW_YORK = "America/New_York";
const HOUR = 3_600_000;

function at(wall: string, zone: string): Date {
  const result = wallTimeToInstant(wall, zone);
  if (!result.ok) throw new Error(`${wall} in ${zone}: ${result.reason}`);
  return result.instant;
}

describe("federal reporting periods", () => {
  it("names October–March as period A of the fiscal year it ends in, April–September as period B", () => {
    expect(federalPeriodDates({ fiscalYear: 2026, half: "A" })).toEqual({ from: "2025-10-01", to: "2026-03-31" });
    expect(federalPeriodDates({ fiscalYear: 2026, half: "B" })).toEqual({ from: "2026-04-01", to: "2026-09-30" });
    expect(federalPeriodLabel({ fiscalYear: 2026, half: "A" })).toBe("October 2025 – March 2026 (fiscal year 2026, period A)");
    expect(previousFederalPeriod({ fiscalYear: 2026, half: "A" })).toEqual({ fiscalYear: 2025, half: "B" });
    expect(previousFederalPeriod({ fiscalYear: 2026, half: "B" })).toEqual({ fiscalYear: 2026, half: "A" });
  });

  it.each(["2026A", "2026B", "2000A", "2100B"])("reads %s", (code) => {
    expect(parseFederalPeriod(code)).not.toBeNull();
  });
  it.each(["2026C", "2026", "26A", "2026a", "1999B", "2101A", " 2026A", "2026-H1"])("refuses %j", (code) => {
    expect(parseFederalPeriod(code)).toBeNull();
  });

  it.each([
    // 23:30 on March 31 in Los Angeles is 06:30 on April 1 in UTC: still October–March for the agency.
    { zone: LOS_ANGELES, wall: "2026-03-31T23:30", utc: "2026-04-01T06:30:00.000Z", period: { fiscalYear: 2026, half: "A" }, code: "2026A" },
    { zone: LOS_ANGELES, wall: "2026-04-01T00:00", utc: "2026-04-01T07:00:00.000Z", period: { fiscalYear: 2026, half: "B" }, code: "2026B" },
    // The same instant in New York is already April 1, 02:30.
    { zone: NEW_YORK, wall: "2026-04-01T02:30", utc: "2026-04-01T06:30:00.000Z", period: { fiscalYear: 2026, half: "B" }, code: "2026B" },
    { zone: NEW_YORK, wall: "2026-03-31T23:59", utc: "2026-04-01T03:59:00.000Z", period: { fiscalYear: 2026, half: "A" }, code: "2026A" },
    // September 30 late in the evening in Los Angeles is October 1 in UTC: still April–September.
    { zone: LOS_ANGELES, wall: "2026-09-30T22:00", utc: "2026-10-01T05:00:00.000Z", period: { fiscalYear: 2026, half: "B" }, code: "2026B" },
    { zone: NEW_YORK, wall: "2026-10-01T00:00", utc: "2026-10-01T04:00:00.000Z", period: { fiscalYear: 2027, half: "A" }, code: "2027A" },
    { zone: NEW_YORK, wall: "2026-01-15T12:00", utc: "2026-01-15T17:00:00.000Z", period: { fiscalYear: 2026, half: "A" }, code: "2026A" },
  ])("$wall in $zone falls in $code", ({ zone, wall, utc, period }) => {
    const instant = at(wall, zone);
    expect(instant.toISOString()).toBe(utc);
    expect(federalPeriodOf(instant, zone)).toEqual(period);
  });

  it("covers from the agency's midnight of the first day to its midnight after the last", () => {
    const la = rangeInstants(federalPeriodDates({ fiscalYear: 2026, half: "A" }), LOS_ANGELES);
    expect(la.start.toISOString()).toBe("2025-10-01T07:00:00.000Z"); // PDT
    expect(la.end.toISOString()).toBe("2026-04-01T07:00:00.000Z"); // PDT again after March 8
    const ny = rangeInstants(federalPeriodDates({ fiscalYear: 2026, half: "A" }), NEW_YORK);
    expect(ny.start.toISOString()).toBe("2025-10-01T04:00:00.000Z");
    expect(ny.end.toISOString()).toBe("2026-04-01T04:00:00.000Z");
    // A clock that starts at 23:30 on March 31 in Los Angeles is inside; one at 00:00 on April 1 is not.
    const lastEvening = at("2026-03-31T23:30", LOS_ANGELES).getTime();
    expect(lastEvening >= la.start.getTime() && lastEvening < la.end.getTime()).toBe(true);
    expect(at("2026-04-01T00:00", LOS_ANGELES).getTime()).toBe(la.end.getTime());
  });

  it("counts a day across a daylight-saving change as the day it is (23 or 25 hours)", () => {
    const spring = rangeInstants({ from: "2026-03-08", to: "2026-03-08" }, NEW_YORK);
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * HOUR);
    const fall = rangeInstants({ from: "2026-11-01", to: "2026-11-01" }, LOS_ANGELES);
    expect(fall.end.getTime() - fall.start.getTime()).toBe(25 * HOUR);
  });

  it("starts a day whose midnight a daylight-saving change skips at its first real minute", () => {
    // Havana springs forward at midnight: 2026-03-08 starts at 01:00.
    expect(startOfDay("2026-03-08", "America/Havana").toISOString()).toBe("2026-03-08T05:00:00.000Z");
  });

  it.each([
    [{ from: "2026-01-01", to: "2026-03-31" }, null],
    [{ from: "2026-03-31", to: "2026-03-31" }, null],
    [{ from: "2025-10-01", to: "2026-09-30" }, null],
    [{ from: "2026-04-01", to: "2026-03-31" }, "The last day must be on or after the first day."],
    [{ from: "2026-02-30", to: "2026-03-31" }, "Enter the first day as a real date (YYYY-MM-DD)."],
    [{ from: "2026-01-01", to: "31/03/2026" }, "Enter the last day as a real date (YYYY-MM-DD)."],
    [{ from: "2024-01-01", to: "2026-01-01" }, "Choose at most 366 days; for longer, run one report per period."],
  ])("checks the range %j", (range, problem) => {
    expect(dateRangeProblem(range)).toBe(problem);
  });
});

describe("whom a clock counts against", () => {
  const t = (iso: string) => new Date(iso);
  const history: Assignment[] = [
    { episodeId: "e", caseworkerId: "first", fromAt: t("2026-03-01T10:00:00Z"), untilAt: t("2026-03-01T20:00:00Z") },
    { episodeId: "e", caseworkerId: "second", fromAt: t("2026-03-01T20:00:00Z"), untilAt: null },
  ];
  const deadline = t("2026-03-02T09:00:00Z");

  it("is the caseworker assigned when it was met", () => {
    expect(creditedCaseworker({ doneAt: t("2026-03-01T12:00:00Z"), deadline }, history, "second")).toBe("first");
    expect(creditedCaseworker({ doneAt: t("2026-03-01T21:00:00Z"), deadline }, history, "second")).toBe("second");
    // The reassignment's instant belongs to the new caseworker.
    expect(creditedCaseworker({ doneAt: t("2026-03-01T20:00:00Z"), deadline }, history, "second")).toBe("second");
  });

  it("is the caseworker assigned at the deadline when it was never met", () => {
    expect(creditedCaseworker({ doneAt: null, deadline }, history, "second")).toBe("second");
    expect(creditedCaseworker({ doneAt: null, deadline: t("2026-03-01T15:00:00Z") }, history, "second")).toBe("first");
  });

  it("is the first caseworker for a report made before the episode was opened, and the episode's without any history", () => {
    expect(creditedCaseworker({ doneAt: t("2026-03-01T08:00:00Z"), deadline }, history, "second")).toBe("first");
    expect(creditedCaseworker({ doneAt: null, deadline }, [], "only")).toBe("only");
  });

  it("does not depend on the order the history comes in", () => {
    expect(creditedCaseworker({ doneAt: t("2026-03-01T12:00:00Z"), deadline }, [...history].reverse(), "second")).toBe("first");
  });
});

describe("the figures", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const start = new Date("2026-03-01T12:00:00Z");
  type Clock = Pick<ClockFacts, "kind" | "subject" | "startedAt" | "deadline" | "doneAt" | "lateReason"> & { episodeId: string; caseNumber: string; refused?: boolean; currentCaseworkerId: string };
  const clock = (overrides: Partial<Clock>): Clock => ({
    episodeId: "e1",
    caseNumber: "C-1",
    kind: "LAW_ENFORCEMENT_REPORT",
    subject: "",
    startedAt: start,
    deadline: new Date(start.getTime() + 24 * HOUR),
    doneAt: null,
    lateReason: null,
    currentCaseworkerId: "cw-a",
    ...overrides,
  });
  /** Each clock as a row keeps it (its copies worked out as syncEpisode does), then as the report lists it at `now`. */
  const listed = (clocks: readonly Clock[], history: readonly Assignment[] = []): ReportClock[] =>
    clocks.map((c) => {
      const copies = clockReportCopies(c, {
        history: history.filter((entry) => entry.episodeId === c.episodeId),
        currentCaseworkerId: c.currentCaseworkerId,
        lawEnforcementRefused: c.refused ?? false,
        screened: false,
        traffickingClock: null,
      });
      const row: ReportClockRow = { episodeId: c.episodeId, caseNumber: c.caseNumber, kind: c.kind, subject: c.subject, startedAt: c.startedAt, deadline: c.deadline, doneAt: c.doneAt, lateReason: c.lateReason, ...copies };
      return reportClock(row, now);
    });
  /** One tally per clock, as the report's statement would group them. */
  const tallies = (clocks: readonly ReportClock[]): ClockTally[] => clocks.map((c) => ({ kind: c.kind, caseworkerId: c.creditedCaseworkerId, outcome: c.outcome, metByRefusal: c.metByRefusal, count: 1 }));

  it("sorts every clock into on time, late, overdue or still running, and the rate leaves the running ones out", () => {
    const running = clock({ episodeId: "e5", caseNumber: "C-5", startedAt: new Date(now.getTime() - HOUR), deadline: new Date(now.getTime() + 23 * HOUR) });
    const clocks = listed([
      clock({ episodeId: "e1", doneAt: new Date(start.getTime() + 2 * HOUR) }),
      // Met exactly at the deadline is on time, as on the case page.
      clock({ episodeId: "e2", caseNumber: "C-2", doneAt: new Date(start.getTime() + 24 * HOUR) }),
      clock({ episodeId: "e3", caseNumber: "C-3", doneAt: new Date(start.getTime() + 30 * HOUR), lateReason: "Phone lines down" }),
      clock({ episodeId: "e4", caseNumber: "C-4" }),
      running,
    ]);
    const figures = onTimeFigures(tallies(clocks));
    expect(figures.total).toEqual({ due: 5, onTime: 2, late: 1, overdue: 1, running: 1, metByRefusal: 0, rate: 0.5 });
    expect(clocks.map((c) => [c.caseNumber, c.outcome])).toEqual([
      ["C-1", "on-time"],
      ["C-2", "on-time"],
      ["C-3", "late"],
      ["C-4", "overdue"],
      ["C-5", "running"],
    ]);
    expect(clocks.find((c) => c.caseNumber === "C-3")?.msLate).toBe(6 * HOUR);
    expect(rateText(figures.total.rate)).toBe("50.0%");
  });

  it("says from the copies what the clock itself says: a clock not met is overdue from the instant of its deadline", () => {
    const deadline = new Date(start.getTime() + 24 * HOUR);
    for (const at of [new Date(deadline.getTime() - 1), deadline, new Date(deadline.getTime() + 1)]) {
      const c = clock({ deadline });
      const fromCopies = outcomeOfCopies({ metOnTime: null, deadlineAhead: deadline.getTime() > at.getTime() });
      expect(fromCopies).toBe(at < deadline ? "running" : "overdue");
      expect(reportClock({ ...c, ...clockReportCopies(c, { history: [], currentCaseworkerId: "cw-a", lawEnforcementRefused: false, screened: false, traffickingClock: null }) }, at).outcome).toBe(fromCopies);
    }
    expect(clockReportCopies(clock({ doneAt: deadline }), { history: [], currentCaseworkerId: "cw-a", lawEnforcementRefused: false, screened: false, traffickingClock: null }).metOnTime).toBe(true);
    expect(clockReportCopies(clock({ doneAt: new Date(deadline.getTime() + 1) }), { history: [], currentCaseworkerId: "cw-a", lawEnforcementRefused: false, screened: false, traffickingClock: null }).metOnTime).toBe(false);
  });

  it("counts a documented refusal of law enforcement as met on time when it was recorded in time", () => {
    const clocks = listed([clock({ doneAt: new Date(start.getTime() + HOUR), refused: true }), clock({ episodeId: "e2", doneAt: new Date(start.getTime() + 25 * HOUR), refused: true, lateReason: "x" })]);
    const figures = onTimeFigures(tallies(clocks));
    expect(figures.byKind[0]?.figures).toMatchObject({ due: 2, onTime: 1, late: 1, metByRefusal: 1, rate: 0.5 });
    // Only the law-enforcement clock is met by a refusal.
    expect(listed([clock({ kind: "NCMEC_REPORT", doneAt: start, refused: true })])[0]?.metByRefusal).toBe(false);
  });

  it("has no rate while nothing is due, and shows law enforcement and NCMEC even when none started", () => {
    expect(figuresOf([]).rate).toBeNull();
    expect(rateText(null)).toBe("None due yet");
    const figures = onTimeFigures(tallies(listed([clock({ kind: "DEBRIEF", startedAt: now, deadline: new Date(now.getTime() + 72 * HOUR) })])));
    expect(figures.byKind.map((k) => [k.kind, k.figures.due, k.figures.running])).toEqual([
      ["LAW_ENFORCEMENT_REPORT", 0, 0],
      ["NCMEC_REPORT", 0, 0],
      ["DEBRIEF", 1, 1],
    ]);
  });

  it("sums tallies of several clocks as it sums one tally per clock", () => {
    const one = (outcome: ClockTally["outcome"], count: number): ClockTally => ({ kind: "NCMEC_REPORT", caseworkerId: "cw-a", outcome, metByRefusal: false, count });
    expect(onTimeFigures([one("on-time", 3), one("late", 1), one("running", 2)]).total).toEqual({ due: 6, onTime: 3, late: 1, overdue: 0, running: 2, metByRefusal: 0, rate: 0.75 });
  });

  it("counts each clock against the caseworker it belongs to, per kind", () => {
    const history: Assignment[] = [
      { episodeId: "e1", caseworkerId: "cw-a", fromAt: start, untilAt: new Date(start.getTime() + 3 * HOUR) },
      { episodeId: "e1", caseworkerId: "cw-b", fromAt: new Date(start.getTime() + 3 * HOUR), untilAt: null },
    ];
    const figures = onTimeFigures(
      tallies(
        listed(
          [
            clock({ doneAt: new Date(start.getTime() + HOUR), currentCaseworkerId: "cw-b" }),
            clock({ kind: "NCMEC_REPORT", doneAt: new Date(start.getTime() + 5 * HOUR), currentCaseworkerId: "cw-b" }),
          ],
          history,
        ),
      ),
    );
    const of = (id: string) => figures.byCaseworker.find((entry) => entry.caseworkerId === id);
    expect(of("cw-a")?.byKind.map((k) => [k.kind, k.figures.onTime])).toEqual([["LAW_ENFORCEMENT_REPORT", 1]]);
    expect(of("cw-b")?.byKind.map((k) => [k.kind, k.figures.onTime])).toEqual([["NCMEC_REPORT", 1]]);
  });

  it("names a clock and which one it is", () => {
    expect(clockName({ kind: "MISSING_NOTICE", subject: "COURT" })).toBe("Notice: The court");
    expect(clockName({ kind: "NCMEC_REPORT", subject: "" })).toBe("NCMEC");
    expect(clockName({ kind: "LEAD_TO_LAW_ENFORCEMENT", subject: "3f7c0d1e-0000-4000-8000-000000000000" })).toBe("Lead passed to law enforcement");
  });
});

describe("returned children and trafficking", () => {
  const received = new Date("2026-03-05T10:00:00Z");
  /** A return's copies, as its debrief clock keeps them. */
  const returned = (screened: boolean, traffickingClock: { startedAt: Date; doneAt: Date | null } | null): ReturnCopies => {
    const copies = clockReportCopies(
      { kind: "DEBRIEF", subject: "", startedAt: received, deadline: received, doneAt: null, lateReason: null },
      { history: [], currentCaseworkerId: "cw", lawEnforcementRefused: false, screened, traffickingClock },
    );
    return { screened: copies.returnScreened!, victimReportedIn24h: copies.victimReportedIn24h };
  };

  it("counts the screened, the identified victims and those reported to law enforcement within 24 hours", () => {
    const returns = {
      A: returned(true, null),
      B: returned(true, { startedAt: received, doneAt: new Date(received.getTime() + 24 * HOUR) }),
      C: returned(true, { startedAt: received, doneAt: new Date(received.getTime() + 24 * HOUR + 60_000) }),
      D: returned(false, { startedAt: received, doneAt: null }),
      E: returned(false, null),
    };
    expect(traffickingCounts(Object.values(returns).map((copies) => ({ ...copies, count: 1 })))).toEqual({
      returned: 5,
      screened: 3,
      "not-screened": 2,
      victims: 3,
      "reported-in-24h": 1,
      "not-reported-in-24h": 2,
    });
    expect(Object.entries(returns).filter(([, copies]) => returnCounted("not-reported-in-24h", copies)).map(([name]) => name)).toEqual(["C", "D"]);
  });

  it("keeps the return's copies on the debrief clock alone", () => {
    const copies = clockReportCopies(
      { kind: "NCMEC_REPORT", subject: "", startedAt: received, deadline: received, doneAt: null, lateReason: null },
      { history: [], currentCaseworkerId: "cw", lawEnforcementRefused: false, screened: true, traffickingClock: { startedAt: received, doneAt: received } },
    );
    expect([copies.returnScreened, copies.victimReportedIn24h]).toEqual([null, null]);
  });
});

