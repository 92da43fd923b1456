/**
 * The on-time report against real episodes: filed through the use cases with known outcomes across
 * the period boundaries of two agencies in two time zones, with a reassignment, a refusal by law
 * enforcement, a voided episode and returned children, then every figure checked, and each clock
 * on the report compared with the same clock on the case page.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError } from "@/server/authz/errors";
import { BadRequestError } from "@/server/use-case-errors";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { submitEpisode } from "@/server/episodes/submit-episode";
import { assignEpisode } from "@/server/episodes/assign-episode";
import { voidEpisode } from "@/server/episodes/void-episode";
import { recordRecovery } from "@/server/episodes/record-recovery";
import { recordTraffickingScreen } from "@/server/episodes/record-trafficking-screen";
import { recordTraffickingDetermination } from "@/server/episodes/record-trafficking-determination";
import { recordTraffickingReport } from "@/server/episodes/record-trafficking-report";
import { getEpisode } from "@/server/episodes/get-episode";
import { getOnTimeReport } from "@/server/reports/get-on-time-report";
import { exportOnTimeReport } from "@/server/reports/export-on-time-report";
import type { OnTimeReport } from "@/server/reports/read-on-time-report";
import { readClockList } from "@/server/reports/read-on-time-lists";
import { syncEpisode } from "@/server/episodes/sync-episode";
import { CLOCK_FILTERS, type DrillDown, type ListCursor } from "@/domain/on-time-drill-down";
import { instantToWallTime, wallTimeToInstant } from "@/domain/zoned-time";
import type { ClockKind } from "@/domain/clocks";
import { rangeInstants, type Figures, type TraffickingFigure } from "@/domain/on-time-rate";
import type { FormStepKey } from "@/domain/steps";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";
import { pdfText } from "../support/pdf-text";
import { episodeVersion, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

const LA = "America/Los_Angeles";
const NY = "America/New_York";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The moment every report here is worked out for: 10:00 on April 15, 2026 in Los Angeles. */
const REPORT_NOW = new Date("2026-04-15T17:00:00Z");
const HYPERLINK = '=HYPERLINK("http://example.org/steal","Open")';

const ctx = (now?: Date) => ({ requestId: requestId(), ...(now ? { now } : {}) });
const instant = (wall: string, zone: string) => {
  const result = wallTimeToInstant(wall, zone);
  if (!result.ok) throw new Error(`${wall} in ${zone}: ${result.reason}`);
  return result.instant;
};
const wallOf = (at: Date, zone: string) => instantToWallTime(at, zone);

type Filing = {
  caseNumber: string;
  /** Wall times in the agency's zone. */
  discovered: string;
  lawEnforcement?: { at: string; refused?: boolean; lateReason?: string };
  ncmec?: { at: string; lateReason?: string };
};

/**
 * Files an episode as a caseworker would, each use case run at a `now` just after the times it
 * records: the steps in order up to what the filing has, submitted when both reports are recorded.
 */
async function file(owner: Actor, zone: string, filing: Filing): Promise<string> {
  const discoveredAt = instant(filing.discovered, zone);
  const times = [discoveredAt, ...[filing.lawEnforcement?.at, filing.ncmec?.at].filter((t): t is string => !!t).map((t) => instant(t, zone))];
  const now = new Date(Math.max(...times.map((t) => t.getTime())) + 10 * MINUTE);
  const { episodeId } = await startEpisode(
    owner,
    { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: filing.caseNumber, underAgencyGuardianship: "yes" } },
    ctx(new Date(discoveredAt.getTime() + 5 * MINUTE)),
  );
  const base = completeSteps(now);
  const le = filing.lawEnforcement;
  const steps = {
    ...base,
    child: { ...base.child, agencyCaseNumber: filing.caseNumber },
    "missing-event": { ...base["missing-event"], discoveredAt: filing.discovered, lastSeenAt: wallOf(new Date(discoveredAt.getTime() - 2 * HOUR), zone) },
    "law-enforcement": le
      ? {
          ...base["law-enforcement"],
          reportedAt: le.at,
          lateReason: le.lateReason ?? "",
          ...(le.refused ? { outcome: "REFUSED", officerName: "", badgeNumber: "", caseNumber: "", ncicEntered: "unknown", ncicNumber: "", refusedBy: "Desk sergeant", refusalStatement: "Told us to wait a day." } : {}),
        }
      : base["law-enforcement"],
    ncmec: filing.ncmec ? { ...base.ncmec, reportedAt: filing.ncmec.at, lateReason: filing.ncmec.lateReason ?? "" } : base.ncmec,
  };
  const last: FormStepKey = filing.ncmec ? "ncmec" : le ? "guardian" : "contacts";
  for (const step of ORDERED_STEPS.slice(0, ORDERED_STEPS.indexOf(last) + 1)) {
    await saveEpisodeStep(owner, { episodeId, step, version: await episodeVersion(episodeId), values: steps[step] }, ctx(now));
  }
  if (filing.ncmec) await submitEpisode(owner, { episodeId, version: await episodeVersion(episodeId) }, ctx(now));
  return episodeId;
}

type Values = Record<string, unknown>;
const change = async (record: (actor: Actor, input: { episodeId: string; values: unknown }, context: { requestId: string; now?: Date }) => Promise<unknown>, who: Actor, episodeId: string, values: Values, now: Date) =>
  record(who, { episodeId, values: { version: await episodeVersion(episodeId), ...values } }, ctx(now));

let la: { caseworker: Actor; other: Actor; supervisor: Actor; agencyId: string };
let ny: { caseworker: Actor; supervisor: Actor };
const ids: Record<string, string> = {};

beforeAll(async () => {
  await resetDatabase();
  const laAgency = await makeAgency("Pacific County Children's Services", LA);
  const nyAgency = await makeAgency("Hudson County Children's Services", NY);
  la = {
    agencyId: laAgency.id,
    caseworker: await signInAs(await makeUser(laAgency.id, "CASEWORKER")),
    other: await signInAs(await makeUser(laAgency.id, "CASEWORKER")),
    supervisor: await signInAs(await makeUser(laAgency.id, "SUPERVISOR")),
  };
  await db().user.update({ where: { id: la.caseworker.userId }, data: { name: "Casey Morgan" } });
  await db().user.update({ where: { id: la.other.userId }, data: { name: "Riley Chen" } });
  ny = { caseworker: await signInAs(await makeUser(nyAgency.id, "CASEWORKER")), supervisor: await signInAs(await makeUser(nyAgency.id, "SUPERVISOR")) };
  const cw = la.caseworker;

  // Discovered at 23:30 on March 31 in Los Angeles (06:30 UTC on April 1): October–March for this agency.
  ids["LA-1"] = await file(cw, LA, { caseNumber: "LA-1", discovered: "2026-03-31T23:30", lawEnforcement: { at: "2026-04-01T01:00" }, ncmec: { at: "2026-04-01T02:00" } });
  // Ten minutes into April: April–September. NCMEC late, with a reason typed as a spreadsheet formula.
  ids["LA-2"] = await file(cw, LA, { caseNumber: "LA-2", discovered: "2026-04-01T00:10", lawEnforcement: { at: "2026-04-01T03:00" }, ncmec: { at: "2026-04-02T03:00", lateReason: HYPERLINK } });
  // Law enforcement refused, recorded in time; the episode moves to another caseworker before NCMEC is told.
  ids["LA-3"] = await file(cw, LA, { caseNumber: "LA-3", discovered: "2026-03-10T09:00", lawEnforcement: { at: "2026-03-10T11:00", refused: true }, ncmec: { at: "2026-03-10T12:00" } });
  // Back-dated, as only a test can: the assignment, then the sync every use case that assigns runs after it.
  await db().$transaction(async (tx) => {
    const at = instant("2026-03-10T11:30", LA);
    await assignEpisode(tx, { agencyId: la.agencyId, episodeId: ids["LA-3"]!, caseworkerId: la.other.userId, assignedById: la.supervisor.userId, at });
    await syncEpisode(tx, la.supervisor, ids["LA-3"]!, at);
  });
  // Law enforcement late with a reason; NCMEC never told (overdue).
  ids["LA-4"] = await file(cw, LA, { caseNumber: "LA-4", discovered: "2026-03-20T10:00", lawEnforcement: { at: "2026-03-21T12:00", lateReason: "The caseworker was in court all day." } });
  // Entered in error: voided, left out of everything.
  ids["LA-5"] = await file(cw, LA, { caseNumber: "LA-5", discovered: "2026-03-15T10:00", lawEnforcement: { at: "2026-03-15T11:00" }, ncmec: { at: "2026-03-15T12:00" } });
  await change(voidEpisode, la.supervisor, ids["LA-5"]!, { reason: "Entered twice." }, instant("2026-03-16T09:00", LA));
  // Returned in February, screened, identified as a victim and reported to law enforcement within 24 hours.
  ids["LA-6"] = await file(cw, LA, { caseNumber: "LA-6", discovered: "2026-02-01T08:00", lawEnforcement: { at: "2026-02-01T09:00" }, ncmec: { at: "2026-02-01T10:00" } });
  await change(recordRecovery, cw, ids["LA-6"]!, { recoveredAt: "2026-02-03T10:00" }, instant("2026-02-03T10:30", LA));
  await change(recordTraffickingScreen, cw, ids["LA-6"]!, { instrument: "CSE_IT", instrumentVersion: "2.0", result: "CLEAR", screenedBy: "Dana Reyes", screenedAt: "2026-02-04T09:00" }, instant("2026-02-04T09:30", LA));
  await change(recordTraffickingDetermination, cw, ids["LA-6"]!, { sex: "CONFIRMED", labor: "NOT_A_VICTIM", informationReceivedAt: "2026-02-04T09:00" }, instant("2026-02-04T09:40", LA));
  await change(recordTraffickingReport, cw, ids["LA-6"]!, { agencyName: "Pacific PD", officerName: "Det. Lane", caseNumber: "PPD-7", reportedAt: "2026-02-04T20:00", lateReason: "" }, instant("2026-02-04T20:10", LA));
  // Returned in March, never screened, identified as a victim and not reported yet.
  ids["LA-7"] = await file(cw, LA, { caseNumber: "LA-7", discovered: "2026-03-01T08:00", lawEnforcement: { at: "2026-03-01T09:00" }, ncmec: { at: "2026-03-01T10:00" } });
  await change(recordRecovery, cw, ids["LA-7"]!, { recoveredAt: "2026-03-05T10:00" }, instant("2026-03-05T10:30", LA));
  await change(recordTraffickingDetermination, cw, ids["LA-7"]!, { sex: "CONFIRMED", labor: "NOT_A_VICTIM", informationReceivedAt: "2026-03-05T10:00" }, instant("2026-03-05T11:00", LA));
  // Discovered two hours before the report is run: both clocks still running.
  ids["LA-8"] = await file(cw, LA, { caseNumber: "LA-8", discovered: "2026-04-15T08:00" });

  // The other agency, in New York: 23:30 on March 31 there is 20:30 in Los Angeles; 00:30 on April 1 is 21:30 on March 31 in Los Angeles.
  ids["NY-1"] = await file(ny.caseworker, NY, { caseNumber: "NY-1", discovered: "2026-03-31T23:30", lawEnforcement: { at: "2026-04-02T08:00", lateReason: "Waited for the police to call back." }, ncmec: { at: "2026-04-02T09:00", lateReason: "Told law enforcement first." } });
  ids["NY-2"] = await file(ny.caseworker, NY, { caseNumber: "NY-2", discovered: "2026-04-01T00:30", lawEnforcement: { at: "2026-04-01T01:00" }, ncmec: { at: "2026-04-01T02:00" } });
}, 120_000);

/** Every clock of the period: the list behind "all clocks due" (one page: these periods have fewer than 50). */
const ALL: DrillDown = { type: "clocks", kind: "all", filter: "due", caseworkerId: null };
const report = (actor: Actor, input: Values, drillDown: DrillDown = ALL, now = REPORT_NOW) => getOnTimeReport(actor, input, ctx(now), { drillDown, after: null });
const clocksOf = (r: OnTimeReport) => (r.list && "clocks" in r.list ? r.list.clocks : []);
const returnsOf = (r: OnTimeReport) => (r.list && "returns" in r.list ? r.list.returns : []);
const kindFigures = (r: OnTimeReport, kind: ClockKind) => r.figures.byKind.find((entry) => entry.kind === kind)?.figures;
const caseworkerFigures = (r: OnTimeReport, caseworkerId: string, kind: ClockKind) => r.figures.byCaseworker.find((entry) => entry.caseworkerId === caseworkerId)?.byKind.find((entry) => entry.kind === kind)?.figures;
const outcomesOf = (r: OnTimeReport) =>
  Object.fromEntries(clocksOf(r).map((clock) => [`${clock.caseNumber} ${clock.kind}${clock.subject ? `/${clock.subject}` : ""}`, clock.outcome]));
const figures = (due: number, onTime: number, late: number, overdue: number, running: number, rate: number | null, metByRefusal = 0): Figures => ({ due, onTime, late, overdue, running, metByRefusal, rate });

describe("the on-time report of October–March in Los Angeles (2026A)", () => {
  let r: OnTimeReport;
  beforeAll(async () => {
    r = await report(la.supervisor, { period: "2026A" });
  });

  it("covers the agency's own calendar and counts every clock that started in it, the voided episode and the other agency's left out", () => {
    expect(r.range).toEqual({ from: "2025-10-01", to: "2026-03-31" });
    expect(r.label).toBe("October 2025 – March 2026 (fiscal year 2026, period A)");
    expect(r.agencyName).toBe("Pacific County Children's Services");
    expect(outcomesOf(r)).toEqual({
      "LA-6 LAW_ENFORCEMENT_REPORT": "on-time",
      "LA-6 NCMEC_REPORT": "on-time",
      "LA-6 RETURN_NOTICE/LAW_ENFORCEMENT": "overdue",
      "LA-6 RETURN_NOTICE/NCMEC": "overdue",
      "LA-6 DEBRIEF": "overdue",
      "LA-6 TRAFFICKING_REPORT": "on-time",
      "LA-7 LAW_ENFORCEMENT_REPORT": "on-time",
      "LA-7 NCMEC_REPORT": "on-time",
      "LA-7 RETURN_NOTICE/LAW_ENFORCEMENT": "overdue",
      "LA-7 RETURN_NOTICE/NCMEC": "overdue",
      "LA-7 DEBRIEF": "overdue",
      "LA-7 TRAFFICKING_REPORT": "overdue",
      "LA-3 LAW_ENFORCEMENT_REPORT": "on-time",
      "LA-3 NCMEC_REPORT": "on-time",
      "LA-4 LAW_ENFORCEMENT_REPORT": "late",
      "LA-4 NCMEC_REPORT": "overdue",
      "LA-1 LAW_ENFORCEMENT_REPORT": "on-time",
      "LA-1 NCMEC_REPORT": "on-time",
    });
  });

  it("gives the figures per clock kind, a refusal in time counted as met", () => {
    expect(kindFigures(r, "LAW_ENFORCEMENT_REPORT")).toEqual(figures(5, 4, 1, 0, 0, 4 / 5, 1));
    expect(kindFigures(r, "NCMEC_REPORT")).toEqual(figures(5, 4, 0, 1, 0, 4 / 5));
    expect(kindFigures(r, "RETURN_NOTICE")).toEqual(figures(4, 0, 0, 4, 0, 0));
    expect(kindFigures(r, "DEBRIEF")).toEqual(figures(2, 0, 0, 2, 0, 0));
    expect(kindFigures(r, "TRAFFICKING_REPORT")).toEqual(figures(2, 1, 0, 1, 0, 1 / 2));
    expect(r.figures.byKind.map((entry) => entry.kind)).toEqual(["LAW_ENFORCEMENT_REPORT", "NCMEC_REPORT", "RETURN_NOTICE", "DEBRIEF", "TRAFFICKING_REPORT"]);
    expect(r.figures.total).toEqual(figures(18, 9, 1, 8, 0, 9 / 18, 1));
  });

  it("keeps each late report's reason", () => {
    const late = r.late;
    expect(late.map((clock) => [clock.caseNumber, clock.kind, clock.lateReason, clock.msLate])).toEqual([["LA-4", "LAW_ENFORCEMENT_REPORT", "The caseworker was in court all day.", 2 * HOUR]]);
  });

  it("counts a clock against the caseworker assigned when it was met: the reassignment between law enforcement and NCMEC splits LA-3", () => {
    const la3 = clocksOf(r).filter((clock) => clock.caseNumber === "LA-3");
    // Both started when the child was found missing: the list's order between them is its own.
    expect(la3.map((clock) => [clock.kind, clock.creditedCaseworkerId]).sort(([a], [b]) => String(a).localeCompare(String(b)))).toEqual([
      ["LAW_ENFORCEMENT_REPORT", la.caseworker.userId],
      ["NCMEC_REPORT", la.other.userId],
    ]);
    expect(caseworkerFigures(r, la.other.userId, "NCMEC_REPORT")).toEqual(figures(1, 1, 0, 0, 0, 1));
    expect(caseworkerFigures(r, la.other.userId, "LAW_ENFORCEMENT_REPORT")).toBeUndefined();
    expect(caseworkerFigures(r, la.caseworker.userId, "LAW_ENFORCEMENT_REPORT")).toEqual(figures(5, 4, 1, 0, 0, 4 / 5, 1));
    expect(caseworkerFigures(r, la.caseworker.userId, "NCMEC_REPORT")).toEqual(figures(4, 3, 0, 1, 0, 3 / 4));
    expect(r.caseworkerNames).toEqual({ [la.caseworker.userId]: "Casey Morgan", [la.other.userId]: "Riley Chen" });
  });

  it("counts the children returned in the period, those screened, and the victims reported to law enforcement within 24 hours", async () => {
    expect(r.trafficking).toEqual({ returned: 2, screened: 1, "not-screened": 1, victims: 2, "reported-in-24h": 1, "not-reported-in-24h": 1 });
    const listed = async (figure: TraffickingFigure) => returnsOf(await report(la.supervisor, { period: "2026A" }, { type: "trafficking", figure })).map((entry) => entry.caseNumber);
    expect(await listed("returned")).toEqual(["LA-6", "LA-7"]);
    expect(await listed("screened")).toEqual(["LA-6"]);
    expect(await listed("not-screened")).toEqual(["LA-7"]);
    expect(await listed("victims")).toEqual(["LA-6", "LA-7"]);
    expect(await listed("reported-in-24h")).toEqual(["LA-6"]);
    expect(await listed("not-reported-in-24h")).toEqual(["LA-7"]);
  });

  it("agrees with the case page of every episode: the same clocks, in the same state", async () => {
    const episodes = [...new Set(clocksOf(r).map((clock) => clock.episodeId))];
    expect(episodes).toHaveLength(5);
    for (const episodeId of episodes) {
      const { progress } = await getEpisode(la.supervisor, episodeId, { permission: "cases:view", requestId: requestId(), now: REPORT_NOW });
      const onPage = progress.clocks
        .filter((clock) => clock.startedAt >= r.start && clock.startedAt < r.end)
        .map((clock) => [clock.kind, clock.subject, clock.state === "pending" ? "running" : clock.state, clock.deadline.toISOString(), clock.doneAt?.toISOString() ?? null]);
      const onReport = clocksOf(r).filter((clock) => clock.episodeId === episodeId).map((clock) => [clock.kind, clock.subject, clock.outcome, clock.deadline.toISOString(), clock.doneAt?.toISOString() ?? null]);
      const order = (rows: unknown[][]) => [...rows].sort((a, b) => `${a[0]}/${a[1]}`.localeCompare(`${b[0]}/${b[1]}`));
      expect(order(onReport), `episode ${episodeId}`).toEqual(order(onPage));
    }
  });

  it("is audited with its period and counts, nothing else", async () => {
    const event = await db().auditEvent.findFirst({ where: { action: "report.on_time_viewed", actorUserId: la.supervisor.userId }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ outcome: "SUCCESS", agencyId: la.agencyId });
    expect(event?.details).toEqual({ period: "2026A", from: "2025-10-01", to: "2026-03-31", due: 18, onTime: 9, late: 1, overdue: 8, running: 0, returned: 2 });
  });
});

describe("the next period and a range of days", () => {
  it("puts the clocks of April 1 in Los Angeles in April–September, with those still running apart and out of the rate", async () => {
    const r = await report(la.supervisor, { period: "2026B" });
    expect(outcomesOf(r)).toEqual({
      "LA-2 LAW_ENFORCEMENT_REPORT": "on-time",
      "LA-2 NCMEC_REPORT": "late",
      "LA-8 LAW_ENFORCEMENT_REPORT": "running",
      "LA-8 NCMEC_REPORT": "running",
    });
    expect(kindFigures(r, "LAW_ENFORCEMENT_REPORT")).toEqual(figures(2, 1, 0, 0, 1, 1));
    expect(kindFigures(r, "NCMEC_REPORT")).toEqual(figures(2, 0, 1, 0, 1, 0));
    expect(r.late.map((clock) => clock.lateReason)).toEqual([HYPERLINK]);
    expect(r.trafficking.returned).toBe(0);
  });

  it("takes calendar days in the agency's zone, both included", async () => {
    const lastDay = await report(la.supervisor, { from: "2026-03-31", to: "2026-03-31" });
    expect(lastDay.period).toBeNull();
    expect(lastDay.label).toBe("March 31, 2026 – March 31, 2026");
    expect([...new Set(clocksOf(lastDay).map((clock) => clock.caseNumber))]).toEqual(["LA-1"]);
    const march = await report(la.supervisor, { from: "2026-03-01", to: "2026-03-31" });
    expect([...new Set(clocksOf(march).map((clock) => clock.caseNumber))].sort()).toEqual(["LA-1", "LA-3", "LA-4", "LA-7"]);
  });

  it("without a period or a range, is the period we are in", async () => {
    const r = await report(la.supervisor, {});
    expect(r.period).toEqual({ fiscalYear: 2026, half: "B" });
  });
});

describe("the other agency, in New York", () => {
  it("counts only its own episodes, on its own calendar", async () => {
    const first = await report(ny.supervisor, { period: "2026A" });
    expect(outcomesOf(first)).toEqual({ "NY-1 LAW_ENFORCEMENT_REPORT": "late", "NY-1 NCMEC_REPORT": "late" });
    expect(first.late.map((clock) => clock.lateReason).sort()).toEqual(["Told law enforcement first.", "Waited for the police to call back."]);
    const second = await report(ny.supervisor, { period: "2026B" });
    expect(outcomesOf(second)).toEqual({ "NY-2 LAW_ENFORCEMENT_REPORT": "on-time", "NY-2 NCMEC_REPORT": "on-time" });
    expect(second.figures.total).toEqual(figures(2, 2, 0, 0, 0, 1));
  });
});

describe("the lists behind the figures", () => {
  const countOf = (r: OnTimeReport, filter: (typeof CLOCK_FILTERS)[number]) => {
    const { due, onTime, late, overdue, running } = r.figures.total;
    return { due, "on-time": onTime, late, overdue, running }[filter];
  };

  it("list exactly the clocks each figure counts, at any moment: a clock not met is overdue from the instant of its deadline", async () => {
    const la8 = clocksOf(await report(la.supervisor, { period: "2026B" })).find((clock) => clock.caseNumber === "LA-8" && clock.kind === "LAW_ENFORCEMENT_REPORT")!;
    const outcomeOfLa8 = async (now: Date) => clocksOf(await report(la.supervisor, { period: "2026B" }, ALL, now)).find((clock) => clock.caseNumber === "LA-8" && clock.kind === "LAW_ENFORCEMENT_REPORT")?.outcome;
    expect(await outcomeOfLa8(new Date(la8.deadline.getTime() - 1))).toBe("running");
    expect(await outcomeOfLa8(la8.deadline)).toBe("overdue");
    for (const now of [REPORT_NOW, new Date(la8.deadline.getTime() - 1), la8.deadline]) {
      for (const period of ["2026A", "2026B"]) {
        for (const filter of CLOCK_FILTERS) {
          const r = await report(la.supervisor, { period }, { type: "clocks", kind: "all", filter, caseworkerId: null }, now);
          const listed = clocksOf(r);
          expect(listed, `${period} ${filter} at ${now.toISOString()}`).toHaveLength(countOf(r, filter));
          if (filter !== "due") expect(listed.every((clock) => clock.outcome === filter)).toBe(true);
        }
      }
    }
  });

  it("list a caseworker's and a kind's clocks, as their rows of figures count them", async () => {
    const r = await report(la.supervisor, { period: "2026A" }, { type: "clocks", kind: "NCMEC_REPORT", filter: "on-time", caseworkerId: la.other.userId });
    expect(clocksOf(r).map((clock) => [clock.caseNumber, clock.kind])).toEqual([["LA-3", "NCMEC_REPORT"]]);
    const mine = await report(la.supervisor, { period: "2026A" }, { type: "clocks", kind: "all", filter: "due", caseworkerId: la.caseworker.userId });
    expect(clocksOf(mine)).toHaveLength(mine.figures.byCaseworker.find((entry) => entry.caseworkerId === la.caseworker.userId)!.total.due);
  });

  it("come a page at a time, in the order the clocks started, each clock once", async () => {
    const { start, end } = rangeInstants({ from: "2025-10-01", to: "2026-03-31" }, LA);
    const period = { agencyId: la.agencyId, start, end };
    const list = { kind: "all", outcomes: "all", caseworkerId: null } as const;
    const whole = await db().$transaction((tx) => readClockList(tx, period, list, { after: null, limit: null }, REPORT_NOW));
    const paged: string[] = [];
    let after: ListCursor | null = null;
    do {
      const page = await db().$transaction((tx) => readClockList(tx, period, list, { after, limit: 5 }, REPORT_NOW));
      expect(page.clocks.length).toBeLessThanOrEqual(5);
      paged.push(...page.clocks.map((clock) => `${clock.episodeId}/${clock.kind}/${clock.subject}`));
      after = page.next;
    } while (after);
    expect(whole.next).toBeNull();
    expect(paged).toEqual(whole.clocks.map((clock) => `${clock.episodeId}/${clock.kind}/${clock.subject}`));
    expect(new Set(paged).size).toBe(18);
    const starts = whole.clocks.map((clock) => clock.startedAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

describe("refusals", () => {
  it("refuses a caseworker: the report and its exports are for supervisors", async () => {
    await expect(report(la.caseworker, { period: "2026A" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportOnTimeReport(la.caseworker, { period: "2026A" }, "csv", ctx(REPORT_NOW))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each([
    [{ period: "2026C" }, "Choose a federal period such as 2026A (October 2025 – March 2026) or 2026B (April – September 2026)."],
    [{ period: "2026A", from: "2026-01-01" }, "Choose either a federal period or a range of days, not both."],
    [{ from: "2026-01-01" }, "Enter both the first and the last day of the range."],
    [{ from: "2026-03-31", to: "2026-03-01" }, "The last day must be on or after the first day."],
    [{ from: "2024-01-01", to: "2026-01-01" }, "Choose at most 366 days; for longer, run one report per period."],
    [{ from: "2026-02-30", to: "2026-03-01" }, "Enter the first day as a real date (YYYY-MM-DD)."],
  ])("answers %j with words", async (input, message) => {
    const before = await db().auditEvent.count({ where: { action: "report.on_time_viewed" } });
    await expect(report(la.supervisor, input)).rejects.toEqual(new BadRequestError(message));
    expect(await db().auditEvent.count({ where: { action: "report.on_time_viewed" } })).toBe(before);
  });
});

describe("the exports an auditor is handed", () => {
  it("CSV: the agency, the period, who and when, the figures and the late and missing reports by case number, a formula neutralised", async () => {
    const file = await exportOnTimeReport(la.supervisor, { period: "2026B" }, "csv", ctx(REPORT_NOW));
    expect(file.filename).toBe("on-time-report-2026B.csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    // Intl puts a narrow no-break space before AM and PM.
    const csv = new TextDecoder().decode(file.bytes).replace(/\u202f/g, " ");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("On-time report: Pacific County Children's Services");
    expect(lines).toContain("Agency,Pacific County Children's Services");
    expect(lines).toContain('Period,"April 2026 – September 2026 (fiscal year 2026, period B)"');
    expect(lines).toContain('Generated at,"Apr 15, 2026, 10:00 AM PDT"');
    expect(lines).toContain(`Generated by,${la.supervisor.name}`);
    expect(lines).toContain("Clock,Due,On time,Late,\"Not met, overdue\",\"Not met, still running\",On-time rate");
    expect(lines).toContain("Law enforcement,2,1,0,0,1,100.0%");
    expect(lines).toContain("NCMEC,2,0,1,0,1,0.0%");
    expect(lines).toContain("Casey Morgan: NCMEC,2,0,1,0,1,0.0%");
    // The late reason a person typed as a formula starts with an apostrophe: a spreadsheet shows it as text.
    const late = lines.find((line) => line.startsWith("LA-2,"));
    expect(late).toBe(`LA-2,NCMEC,"Apr 1, 2026, 12:10 AM PDT","Apr 2, 2026, 12:10 AM PDT","Met Apr 2, 2026, 3:00 AM PDT, 2 h 50 min late","'=HYPERLINK(""http://example.org/steal"",""Open"")",Casey Morgan`);
    expect(csv).not.toContain(",=HYPERLINK");
    expect(csv).not.toContain("Jordan");
    expect(csv).not.toContain("Rivera");
    const event = await db().auditEvent.findFirst({ where: { action: "report.on_time_exported" }, orderBy: { id: "desc" } });
    expect(event?.details).toEqual({ format: "csv", period: "2026B", from: "2026-04-01", to: "2026-09-30", due: 4, onTime: 1, late: 1, overdue: 0, running: 2, returned: 0 });
  });

  it("PDF: tagged, titled, in English, readable, the same content without the child's name", async () => {
    const file = await exportOnTimeReport(la.supervisor, { period: "2026A" }, "pdf", ctx(REPORT_NOW));
    expect(file.filename).toBe("on-time-report-2026A.pdf");
    const dir = mkdtempSync(path.join(tmpdir(), "on-time-pdf-"));
    try {
      const pdf = path.join(dir, "report.pdf");
      writeFileSync(pdf, file.bytes);
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(/^Title:\s+On-time report: Pacific County Children's Services$/m);
      const struct = execFileSync("pdfinfo", ["-struct-text", pdf], { encoding: "utf8" });
      expect(struct).toMatch(/^\s*H1/m);
      expect(struct).toMatch(/^\s*H2/m);
      expect(struct).toMatch(/^\s*TH/m);
      expect(struct).toMatch(/\/Scope \/Column/);
      expect(struct).toMatch(/\/Scope \/Row/);
      const raw = Buffer.from(file.bytes).toString("latin1");
      expect(raw).toMatch(/\/Lang \(en-US\)/);
      expect(raw).toMatch(/\/DisplayDocTitle true/);
      expect(raw).toContain("pdfuaid:part");
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(/[\s\u202f]+/g, " ");
      for (const words of ["On-time report: Pacific County Children's Services", "October 2025 – March 2026 (fiscal year 2026, period A)", "Generated by", la.supervisor.name, "Apr 15, 2026, 10:00 AM PDT", "Late and missing reports", "LA-4", "in court all day.", "Riley Chen", "Page 1 of 3"]) {
        expect(text).toContain(words);
      }
      expect(text).not.toContain("Jordan");
      expect(text).not.toContain("Rivera");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const { text } = await pdfText(file.bytes);
    expect(text).toContain("Children returned in the period and trafficking");
    const event = await db().auditEvent.findFirst({ where: { action: "report.on_time_exported" }, orderBy: { id: "desc" } });
    expect(event?.details).toMatchObject({ format: "pdf", period: "2026A", due: 18 });
  });
});

describe("the migration that added the report's copies", () => {
  it("gives the rows that were there the copies syncEpisode gives them", async () => {
    const copies = () =>
      db().episodeClock.findMany({
        select: { id: true, creditedCaseworkerId: true, metOnTime: true, metByRefusal: true, returnScreened: true, victimReportedIn24h: true },
        orderBy: { id: "asc" },
      });
    const synced = await copies();
    expect(synced.some((row) => row.metByRefusal && row.metOnTime) && synced.some((row) => row.victimReportedIn24h === false)).toBe(true);
    const migration = readFileSync(path.join(import.meta.dirname, "../../prisma/migrations/20261207010000_on_time_clock_copies/migration.sql"), "utf8");
    const fills = migration
      .replace(/^--.*$/gm, "")
      .split(";")
      .map((statement) => statement.trim())
      .filter((statement) => statement.startsWith("UPDATE"));
    expect(fills).toHaveLength(4);
    await db().$transaction(async (tx) => {
      // As the rows were before the migration: no copies (the caseworker column any value, then filled).
      await tx.$executeRaw`UPDATE "EpisodeClock" SET "creditedCaseworkerId" = gen_random_uuid(), "metOnTime" = NULL, "metByRefusal" = false, "returnScreened" = NULL, "victimReportedIn24h" = NULL`;
      for (const fill of fills) await tx.$executeRawUnsafe(fill);
    });
    expect(await copies()).toEqual(synced);
  });
});
