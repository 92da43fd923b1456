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
  traffickingFigures,
  type Assignment,
  type ReportClockFacts,
  type ReturnFacts,
} from "@/domain/on-time-rate";
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
  const clock = (overrides: Partial<ReportClockFacts>): ReportClockFacts => ({
    episodeId: "e1",
    caseNumber: "C-1",
    kind: "LAW_ENFORCEMENT_REPORT",
    subject: "",
    startedAt: start,
    deadline: new Date(start.getTime() + 24 * HOUR),
    doneAt: null,
    lateReason: null,
    metByRefusal: false,
    currentCaseworkerId: "cw-a",
    ...overrides,
  });

  it("sorts every clock into on time, late, overdue or still running, and the rate leaves the running ones out", () => {
    const running = clock({ episodeId: "e5", caseNumber: "C-5", startedAt: new Date(now.getTime() - HOUR), deadline: new Date(now.getTime() + 23 * HOUR) });
    const clocks = [
      clock({ episodeId: "e1", doneAt: new Date(start.getTime() + 2 * HOUR) }),
      // Met exactly at the deadline is on time, as on the case page.
      clock({ episodeId: "e2", caseNumber: "C-2", doneAt: new Date(start.getTime() + 24 * HOUR) }),
      clock({ episodeId: "e3", caseNumber: "C-3", doneAt: new Date(start.getTime() + 30 * HOUR), lateReason: "Phone lines down" }),
      clock({ episodeId: "e4", caseNumber: "C-4" }),
      running,
    ];
    const figures = onTimeFigures(clocks, [], now);
    expect(figures.total).toEqual({ due: 5, onTime: 2, late: 1, overdue: 1, running: 1, metByRefusal: 0, rate: 0.5 });
    expect(figures.clocks.map((c) => [c.caseNumber, c.outcome])).toEqual([
      ["C-1", "on-time"],
      ["C-2", "on-time"],
      ["C-3", "late"],
      ["C-4", "overdue"],
      ["C-5", "running"],
    ]);
    expect(figures.clocks.find((c) => c.caseNumber === "C-3")?.msLate).toBe(6 * HOUR);
    expect(rateText(figures.total.rate)).toBe("50.0%");
  });

  it("counts a documented refusal of law enforcement as met on time when it was recorded in time", () => {
    const figures = onTimeFigures([clock({ doneAt: new Date(start.getTime() + HOUR), metByRefusal: true }), clock({ episodeId: "e2", doneAt: new Date(start.getTime() + 25 * HOUR), metByRefusal: true, lateReason: "x" })], [], now);
    expect(figures.byKind[0]?.figures).toMatchObject({ due: 2, onTime: 1, late: 1, metByRefusal: 1, rate: 0.5 });
  });

  it("has no rate while nothing is due, and shows law enforcement and NCMEC even when none started", () => {
    expect(figuresOf([]).rate).toBeNull();
    expect(rateText(null)).toBe("None due yet");
    const figures = onTimeFigures([clock({ kind: "DEBRIEF", startedAt: now, deadline: new Date(now.getTime() + 72 * HOUR) })], [], now);
    expect(figures.byKind.map((k) => [k.kind, k.figures.due, k.figures.running])).toEqual([
      ["LAW_ENFORCEMENT_REPORT", 0, 0],
      ["NCMEC_REPORT", 0, 0],
      ["DEBRIEF", 1, 1],
    ]);
  });

  it("counts each clock against the caseworker it belongs to, per kind", () => {
    const history: Assignment[] = [
      { episodeId: "e1", caseworkerId: "cw-a", fromAt: start, untilAt: new Date(start.getTime() + 3 * HOUR) },
      { episodeId: "e1", caseworkerId: "cw-b", fromAt: new Date(start.getTime() + 3 * HOUR), untilAt: null },
    ];
    const figures = onTimeFigures(
      [
        clock({ doneAt: new Date(start.getTime() + HOUR), currentCaseworkerId: "cw-b" }),
        clock({ kind: "NCMEC_REPORT", doneAt: new Date(start.getTime() + 5 * HOUR), currentCaseworkerId: "cw-b" }),
      ],
      history,
      now,
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
  const child = (caseNumber: string, overrides: Partial<ReturnFacts>): ReturnFacts => ({ episodeId: caseNumber, caseNumber, recoveredAt: new Date("2026-03-04T10:00:00Z"), screened: false, traffickingClock: null, ...overrides });

  it("counts the screened, the identified victims and those reported to law enforcement within 24 hours", () => {
    const figures = traffickingFigures([
      child("A", { screened: true }),
      child("B", { screened: true, traffickingClock: { startedAt: received, doneAt: new Date(received.getTime() + 24 * HOUR) } }),
      child("C", { screened: true, traffickingClock: { startedAt: received, doneAt: new Date(received.getTime() + 24 * HOUR + 60_000) } }),
      child("D", { traffickingClock: { startedAt: received, doneAt: null } }),
      child("E", {}),
    ]);
    expect(figures.counts).toEqual({ returned: 5, screened: 3, "not-screened": 2, victims: 3, "reported-in-24h": 1, "not-reported-in-24h": 2 });
    expect(figures.episodes["not-reported-in-24h"].map((r) => r.caseNumber)).toEqual(["C", "D"]);
  });
});
