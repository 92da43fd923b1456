import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type ClockKind, type EpisodeStage } from "@/generated/prisma/client";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError } from "@/server/authz/errors";
import { listDashboard, DASHBOARD_PAGE_SIZE, type Dashboard } from "@/server/dashboard/list-dashboard";
import { dashboardChoices } from "@/server/dashboard/dashboard-choices";
import { dashboardView } from "@/server/dashboard/dashboard-view";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { isDashboardView } from "@/lib/schemas/dashboard-view";
import { earliestUnmetDeadline } from "@/domain/episode-clocks";
import type { DashboardRequest } from "@/domain/dashboard";
import { GET as refresh } from "@/app/api/dashboard/route";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";
import { episodeVersion, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import { call, sessionCookie, standInForRequireDuringFile } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
// Outside a request connection() throws; in one it only marks the render as dynamic.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

// Issue 14: the supervisors' dashboard. Every open episode of their teams (or the agency), the most
// urgent first, with its running clocks and flags; filters and counts; a refresh that is neither
// activity nor audited.

standInForRequireDuringFile();
beforeEach(resetDatabase);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ANY: DashboardRequest = { team: null, teamId: null, caseworkerId: null, stage: null, clock: null, page: 1 };
const ctx = (audit = false, now?: Date) => ({ requestId: requestId(), audit, now });

type SeedClock = { kind: ClockKind; subject?: string; deadline: Date; doneAt?: Date | null };
type SeedEpisode = {
  caseworkerId: string;
  name: string;
  childId?: string;
  discoveredAt: Date | null;
  stage?: EpisodeStage;
  ageAtMissing?: number | null;
  endangered?: boolean;
  traffickingConcern?: boolean;
  closedAt?: Date;
  voidedAt?: Date;
  clocks?: SeedClock[];
};

/** An episode as the sync function would have left it, written directly: its instants are the test's to choose. */
async function seedEpisode(agencyId: string, episode: SeedEpisode): Promise<{ episodeId: string; childId: string }> {
  const childId =
    episode.childId ??
    (
      await db().child.create({
        data: {
          agencyId,
          firstName: episode.name,
          lastName: "Rivera",
          dateOfBirth: new Date("2012-01-01"),
          agencyCaseNumber: `DC-${randomUUID().slice(0, 6)}`,
          underAgencyGuardianship: true,
          profile: {},
        },
      })
    ).id;
  const caseworker = await db().user.findUniqueOrThrow({ where: { id: episode.caseworkerId }, select: { name: true } });
  const { id } = await db().episode.create({
    data: {
      agencyId,
      childId,
      caseworkerId: episode.caseworkerId,
      caseworkerName: caseworker.name,
      nextDeadline: earliestUnmetDeadline((episode.clocks ?? []).map((clock) => ({ deadline: clock.deadline, doneAt: clock.doneAt ?? null }))),
      completedSteps: [],
      stage: episode.stage ?? "AWAITING_LAW_ENFORCEMENT",
      ageAtMissing: episode.ageAtMissing === undefined ? 15 : episode.ageAtMissing,
      endangered: episode.endangered ?? false,
      traffickingConcern: episode.traffickingConcern ?? false,
      discoveredAt: episode.discoveredAt,
      closedAt: episode.closedAt ?? null,
      voidedAt: episode.voidedAt ?? null,
    },
  });
  for (const clock of episode.clocks ?? []) {
    await db().episodeClock.create({
      data: {
        agencyId,
        episodeId: id,
        kind: clock.kind,
        subject: clock.subject ?? "",
        startedAt: new Date(clock.deadline.getTime() - 24 * HOUR),
        ruleHours: 24,
        deadline: clock.deadline,
        doneAt: clock.doneAt ?? null,
        creditedCaseworkerId: episode.caseworkerId,
      },
    });
  }
  return { episodeId: id, childId };
}

/**
 * Agency A with two teams (North, led by `northSupervisor`; South) and a caseworker outside any
 * team, a supervisor on the on-call list who leads no team, and agency B with an episode more
 * overdue than any of A's. `now` is the instant every deadline is set from.
 */
async function world() {
  const now = new Date();
  const at = (ms: number) => new Date(now.getTime() + ms);
  const agency = await makeAgency("Agency A");
  const other = await makeAgency("Agency B");
  const north = await db().team.create({ data: { agencyId: agency.id, name: "North" } });
  const south = await db().team.create({ data: { agencyId: agency.id, name: "South" } });
  const otherTeam = await db().team.create({ data: { agencyId: other.id, name: "North" } });
  const caseworker = async (agencyId: string, name: string, teamId: string | null) => {
    const user = await makeUser(agencyId, "CASEWORKER");
    return db().user.update({ where: { id: user.id }, data: { name, teamId } });
  };
  const cwNorth = await caseworker(agency.id, "Casey North", north.id);
  const cwSouth = await caseworker(agency.id, "Sam South", south.id);
  const cwLoose = await caseworker(agency.id, "Lee Loose", null);
  const cwOther = await caseworker(other.id, "Olive Other", otherTeam.id);
  const northSupervisorUser = await makeUser(agency.id, "SUPERVISOR");
  await db().teamSupervisor.create({ data: { teamId: north.id, userId: northSupervisorUser.id } });
  const onCallUser = await makeUser(agency.id, "SUPERVISOR");
  await db().user.update({ where: { id: onCallUser.id }, data: { onCall: true } });
  const otherSupervisorUser = await makeUser(other.id, "SUPERVISOR");

  const reports = (deadline: Date, doneAt: Date | null = null): SeedClock[] => [
    { kind: "LAW_ENFORCEMENT_REPORT", deadline, doneAt },
    { kind: "NCMEC_REPORT", deadline, doneAt },
  ];
  const e = {
    northOverdue: await seedEpisode(agency.id, { caseworkerId: cwNorth.id, name: "Avery", discoveredAt: at(-30 * HOUR), endangered: true, clocks: reports(at(-6 * HOUR)) }),
    northDueSoon: await seedEpisode(agency.id, {
      caseworkerId: cwNorth.id,
      name: "Blake",
      discoveredAt: at(-23 * HOUR),
      ageAtMissing: 11,
      stage: "AWAITING_NCMEC",
      clocks: [
        { kind: "LAW_ENFORCEMENT_REPORT", deadline: at(HOUR), doneAt: at(-22 * HOUR) },
        { kind: "NCMEC_REPORT", deadline: at(HOUR) },
      ],
    }),
    northRunning: await seedEpisode(agency.id, {
      caseworkerId: cwNorth.id,
      name: "Cameron",
      discoveredAt: at(-4 * DAY),
      stage: "DEBRIEF_DUE",
      traffickingConcern: true,
      clocks: [...reports(at(-3 * DAY), at(-4 * DAY + HOUR)), { kind: "DEBRIEF", deadline: at(50 * HOUR) }],
    }),
    northReported: await seedEpisode(agency.id, { caseworkerId: cwNorth.id, name: "Devon", discoveredAt: at(-3 * HOUR), stage: "REPORTED", clocks: reports(at(21 * HOUR), at(-2 * HOUR)) }),
    southOverdue: await seedEpisode(agency.id, { caseworkerId: cwSouth.id, name: "Emery", discoveredAt: at(-26 * HOUR), clocks: reports(at(-2 * HOUR)) }),
    looseDraft: await seedEpisode(agency.id, { caseworkerId: cwLoose.id, name: "Finley", discoveredAt: null, ageAtMissing: null }),
    otherAgency: await seedEpisode(other.id, { caseworkerId: cwOther.id, name: "Gray", discoveredAt: at(-34 * HOUR), clocks: reports(at(-10 * HOUR)) }),
  };
  // Devon ran 30 days ago (signed off since; its forgotten clock is not his), and an entry voided as an error does not count.
  const devonEarlier = await seedEpisode(agency.id, {
    caseworkerId: cwNorth.id,
    name: "Devon",
    childId: e.northReported.childId,
    discoveredAt: at(-30 * DAY),
    stage: "CLOSED",
    closedAt: at(-20 * DAY),
    clocks: reports(at(-29 * DAY)),
  });
  await seedEpisode(agency.id, { caseworkerId: cwSouth.id, name: "Emery", childId: e.southOverdue.childId, discoveredAt: at(-10 * DAY), stage: "VOIDED", voidedAt: at(-9 * DAY), clocks: reports(at(-9 * DAY)) });
  // Emery's last real run was 120 days ago: not recent.
  await seedEpisode(agency.id, { caseworkerId: cwSouth.id, name: "Emery", childId: e.southOverdue.childId, discoveredAt: at(-120 * DAY), stage: "CLOSED", closedAt: at(-100 * DAY) });

  return {
    now,
    at,
    agency,
    other,
    teams: { north, south, otherTeam },
    people: { cwNorth, cwSouth, cwLoose, cwOther },
    northSupervisor: await signInAs(northSupervisorUser),
    onCall: await signInAs(onCallUser),
    otherSupervisor: await signInAs(otherSupervisorUser),
    caseworker: await signInAs(cwNorth),
    episodes: { ...e, devonEarlier },
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** The rows as episode names (the seeds' first names), in order. */
const names = (dashboard: Dashboard) => dashboard.rows.map((row) => row.childName.split(" ")[0]);

describe("the dashboard's episodes and their order", () => {
  it("shows a team's supervisor the open episodes of their team, the most urgent first, with each running clock and the flags", async () => {
    const w = await world();
    const dashboard = await listDashboard(w.northSupervisor, ANY, ctx(false, w.now));
    expect(dashboard.filters.team).toBe("mine");
    expect(dashboard.supervisedTeams.map((team) => team.name)).toEqual(["North"]);
    expect(names(dashboard)).toEqual(["Avery", "Blake", "Cameron", "Devon"]);
    expect(dashboard.rows.map((row) => row.urgency)).toEqual(["overdue", "due-soon", "running", "none"]);
    expect(dashboard.counts).toEqual({ open: 4, overdue: 1, dueSoon: 1 });

    const [avery, blake, cameron, devon] = dashboard.rows;
    expect(avery!.clocks).toEqual([
      { kind: "LAW_ENFORCEMENT_REPORT", subject: "", deadline: w.at(-6 * HOUR) },
      { kind: "NCMEC_REPORT", subject: "", deadline: w.at(-6 * HOUR) },
    ]);
    // A met clock is not running: only NCMEC is left for Blake, none for Devon.
    expect(blake!.clocks.map((clock) => clock.kind)).toEqual(["NCMEC_REPORT"]);
    expect(cameron!.clocks.map((clock) => clock.kind)).toEqual(["DEBRIEF"]);
    expect(devon!.clocks).toEqual([]);
    expect(avery!).toMatchObject({ caseworkerName: "Casey North", stage: "awaiting-law-enforcement", ageAtMissing: 15, flags: ["endangered"] });
    expect(blake!).toMatchObject({ stage: "awaiting-ncmec", ageAtMissing: 11, flags: ["under-13"] });
    expect(cameron!).toMatchObject({ stage: "debrief-due", flags: ["trafficking-concern"] });
    expect(devon!).toMatchObject({ stage: "reported", flags: ["ran-recently"] });
  });

  it("shows the on-call list the whole agency: overdue by how late, then due soon, running, and last those with no clock (the longest missing first)", async () => {
    const w = await world();
    const dashboard = await listDashboard(w.onCall, ANY, ctx(false, w.now));
    expect(dashboard.filters.team).toBe("all");
    expect(dashboard.onCall).toBe(true);
    expect(names(dashboard)).toEqual(["Avery", "Emery", "Blake", "Cameron", "Devon", "Finley"]);
    expect(dashboard.counts).toEqual({ open: 6, overdue: 2, dueSoon: 1 });
    // Emery's earlier runs: one voided (not a run), one 120 days before (not recent).
    expect(dashboard.rows.find((row) => row.childName.startsWith("Emery"))!.flags).toEqual([]);
    expect(dashboard.rows.at(-1)).toMatchObject({ caseworkerName: "Lee Loose", ageAtMissing: null, urgency: "none", clocks: [] });
  });

  it("lets a team's supervisor choose the whole agency, and never shows another agency's episodes whatever is asked", async () => {
    const w = await world();
    expect(names(await listDashboard(w.northSupervisor, { ...ANY, team: "all" }, ctx(false, w.now)))).toEqual(["Avery", "Emery", "Blake", "Cameron", "Devon", "Finley"]);
    const otherIds = { team: w.teams.otherTeam.id, caseworker: w.people.cwOther.id };
    expect((await listDashboard(w.onCall, { ...ANY, team: "one", teamId: otherIds.team }, ctx(false, w.now))).rows).toEqual([]);
    expect((await listDashboard(w.onCall, { ...ANY, team: "all", caseworkerId: otherIds.caseworker }, ctx(false, w.now))).counts).toEqual({ open: 0, overdue: 0, dueSoon: 0 });
    // And agency B's supervisor sees only B's.
    expect(names(await listDashboard(w.otherSupervisor, ANY, ctx(false, w.now)))).toEqual(["Gray"]);
    const choices = await dashboardChoices(w.onCall);
    expect(choices.teams.map((team) => team.name)).toEqual(["North", "South"]);
    expect(choices.caseworkers.map((person) => person.name)).toEqual(["Casey North", "Lee Loose", "Sam South"]);
  });

  it("refuses a caseworker", async () => {
    const w = await world();
    await expect(listDashboard(w.caseworker, ANY, ctx(true, w.now))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dashboardChoices(w.caseworker)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().auditEvent.count({ where: { action: "dashboard.viewed" } })).toBe(0);
  });
});

describe("filters and counts", () => {
  const cases: { case: string; filters: (w: World) => Partial<DashboardRequest>; names: string[]; counts: Dashboard["counts"] }[] = [
    { case: "one team", filters: (w) => ({ team: "one", teamId: w.teams.south.id }), names: ["Emery"], counts: { open: 1, overdue: 1, dueSoon: 0 } },
    { case: "one caseworker", filters: (w) => ({ team: "all", caseworkerId: w.people.cwNorth.id }), names: ["Avery", "Blake", "Cameron", "Devon"], counts: { open: 4, overdue: 1, dueSoon: 1 } },
    { case: "a stage", filters: () => ({ team: "all", stage: "debrief-due" }), names: ["Cameron"], counts: { open: 1, overdue: 0, dueSoon: 0 } },
    { case: "overdue", filters: () => ({ team: "all", clock: "overdue" }), names: ["Avery", "Emery"], counts: { open: 2, overdue: 2, dueSoon: 0 } },
    { case: "due within 2 hours", filters: () => ({ team: "all", clock: "due-soon" }), names: ["Blake"], counts: { open: 1, overdue: 0, dueSoon: 1 } },
    { case: "running", filters: () => ({ team: "all", clock: "running" }), names: ["Cameron"], counts: { open: 1, overdue: 0, dueSoon: 0 } },
    { case: "no clock running", filters: () => ({ team: "all", clock: "none" }), names: ["Devon", "Finley"], counts: { open: 2, overdue: 0, dueSoon: 0 } },
    { case: "my teams and overdue", filters: () => ({ team: "mine", clock: "overdue" }), names: ["Avery"], counts: { open: 1, overdue: 1, dueSoon: 0 } },
    { case: "a team and a caseworker of another team", filters: (w) => ({ team: "one", teamId: w.teams.north.id, caseworkerId: w.people.cwSouth.id }), names: [], counts: { open: 0, overdue: 0, dueSoon: 0 } },
  ];

  it.each(cases)("filters by $case, and counts what the filter selects", async ({ filters, names: expected, counts }) => {
    const w = await world();
    const dashboard = await listDashboard(w.northSupervisor, { ...ANY, ...filters(w) }, ctx(false, w.now));
    expect(names(dashboard)).toEqual(expected);
    expect(dashboard.counts).toEqual(counts);
  });

  it("shows an empty list for a supervisor's own teams when they lead none", async () => {
    const w = await world();
    const dashboard = await listDashboard(w.onCall, { ...ANY, team: "mine" }, ctx(false, w.now));
    expect(dashboard).toMatchObject({ rows: [], counts: { open: 0, overdue: 0, dueSoon: 0 }, pageCount: 1, supervisedTeams: [] });
  });
});

describe("pages and queries", () => {
  const holder = globalThis as unknown as { homewardPrisma?: PrismaClient };

  /** The statements one call sends, through a client that reports them. */
  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    const logging = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: "event", level: "query" }] });
    logging.$on("query", (event) => statements.push(event.query));
    const original = holder.homewardPrisma;
    holder.homewardPrisma = logging;
    try {
      await work();
    } finally {
      holder.homewardPrisma = original;
      await logging.$disconnect();
    }
    return statements;
  }

  it("pages by 50 with the counts of the whole filter, and sends as many statements for 60 episodes as for 6", async () => {
    const w = await world();
    const few = await statementsOf(() => listDashboard(w.onCall, ANY, ctx(true, w.now)));
    for (let i = 0; i < 54; i++) {
      // Many0 due in 3 hours, each next one 2 minutes sooner: Many30 to Many53 are due within 2 hours.
      await seedEpisode(w.agency.id, { caseworkerId: w.people.cwSouth.id, name: `Many${i}`, discoveredAt: w.at(-(21 * HOUR + 2 * i * MINUTE)), clocks: [{ kind: "LAW_ENFORCEMENT_REPORT", deadline: w.at(3 * HOUR - 2 * i * MINUTE) }] });
    }
    const many = await statementsOf(() => listDashboard(w.onCall, ANY, ctx(true, w.now)));
    expect(many.length).toBe(few.length);
    // The person and their teams (three statements, as Prisma sends them), the counts, the page, its clocks, the audit event.
    expect(many.length).toBeLessThanOrEqual(8);

    const first = await listDashboard(w.onCall, ANY, ctx(false, w.now));
    expect(first.rows).toHaveLength(DASHBOARD_PAGE_SIZE);
    expect(first.pageCount).toBe(2);
    expect(first.counts).toEqual({ open: 60, overdue: 2, dueSoon: 1 + 24 });
    expect(names(first).slice(0, 5)).toEqual(["Avery", "Emery", "Blake", "Many53", "Many52"]);
    const second = await listDashboard(w.onCall, { ...ANY, page: 2 }, ctx(false, w.now));
    expect(second.filters.page).toBe(2);
    expect(names(second)).toEqual(["Many6", "Many5", "Many4", "Many3", "Many2", "Many1", "Many0", "Cameron", "Devon", "Finley"]);
    expect(new Set([...first.rows, ...second.rows].map((row) => row.episodeId)).size).toBe(60);
    // A page past the last shows the last.
    expect((await listDashboard(w.onCall, { ...ANY, page: 99 }, ctx(false, w.now))).filters.page).toBe(2);
  });
});

describe("recorded facts reach the dashboard", () => {
  it("shows a new report's clocks and flags as the sync function writes them, and a recorded law-enforcement report takes its clock away", async () => {
    const w = await world();
    const caseworker = w.caseworker;
    const { episodeId } = await startEpisode(
      caseworker,
      { newChild: { firstName: "Harper", lastName: "Quinn", dateOfBirth: "2011-05-14", agencyCaseNumber: "DC-HQ-1", underAgencyGuardianship: "yes" } },
      { requestId: requestId() },
    );
    // Discovered 31 hours ago, by the fixture's times: both reports are 7 hours overdue, the most of the agency.
    const fixture = completeSteps(new Date(Date.now() - 28 * HOUR));
    const steps = {
      ...fixture,
      child: { ...fixture.child, firstName: "Harper" },
      risks: { ...fixture.risks, sexualExploitation: { present: "yes" as const, details: "An older man buys her things" } },
    };
    const save = async (step: (typeof ORDERED_STEPS)[number], values: unknown) =>
      saveEpisodeStep(caseworker, { episodeId, step, version: await episodeVersion(episodeId), values }, { requestId: requestId() });
    for (const step of ORDERED_STEPS.slice(0, ORDERED_STEPS.indexOf("law-enforcement"))) await save(step, steps[step]);

    const before = await listDashboard(w.northSupervisor, ANY, ctx());
    expect(names(before)[0]).toBe("Harper");
    expect(before.rows[0]).toMatchObject({ urgency: "overdue", flags: ["endangered", "trafficking-concern"] });
    expect(before.rows[0]!.clocks.map((clock) => clock.kind)).toEqual(["LAW_ENFORCEMENT_REPORT", "NCMEC_REPORT"]);

    await save("law-enforcement", steps["law-enforcement"]);
    const after = await listDashboard(w.northSupervisor, ANY, ctx());
    const harper = after.rows.find((row) => row.episodeId === episodeId)!;
    expect(harper.clocks.map((clock) => clock.kind)).toEqual(["NCMEC_REPORT"]);
    expect(harper.stage).toBe("awaiting-ncmec");

    // Both reports made: no clock runs, and the episode is listed with those that have none.
    await save("guardian", steps.guardian);
    await save("ncmec", steps.ncmec);
    const reported = await listDashboard(w.northSupervisor, ANY, ctx());
    const row = reported.rows.find((entry) => entry.episodeId === episodeId)!;
    expect(row.clocks).toEqual([]);
    expect(row.urgency).toBe("none");
    const none = await listDashboard(w.northSupervisor, { ...ANY, clock: "none" }, ctx());
    expect(none.rows.map((entry) => entry.episodeId)).toContain(episodeId);
  });
});

describe("audit and the background refresh", () => {
  /** The session as stored. */
  const stored = (sessionId: string) => db().userSession.findUniqueOrThrow({ where: { id: sessionId } });

  async function refreshAs(actor: Actor, search: string) {
    const response = await call(refresh, {}, `/api/dashboard?${search}`, { cookie: await sessionCookie(actor.sessionId) });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it("audits the page load once with its counts and filter codes (no names)", async () => {
    const w = await world();
    await listDashboard(w.northSupervisor, { ...ANY, team: "one", teamId: w.teams.north.id, clock: "overdue" }, ctx(true, w.now));
    const events = await db().auditEvent.findMany({ where: { action: "dashboard.viewed" } });
    expect(events.map((event) => ({ actor: event.actorUserId, agency: event.agencyId, details: event.details }))).toEqual([
      {
        actor: w.northSupervisor.userId,
        agency: w.agency.id,
        details: { team: "one", teamId: w.teams.north.id, clock: "overdue", page: 1, results: 1, open: 1, overdue: 1, dueSoon: 0 },
      },
    ]);
  });

  it("answers the page's refresh without renewing the session or auditing it", async () => {
    const w = await world();
    const lastSeenAt = new Date(Date.now() - 10 * MINUTE);
    await db().userSession.update({ where: { id: w.onCall.sessionId }, data: { lastSeenAt } });
    const eventsBefore = await db().auditEvent.count();

    const answer = await refreshAs(w.onCall, `team=all&clock=overdue`);
    expect(answer.status).toBe(200);
    const view = answer.body;
    if (!isDashboardView(view)) throw new Error(`The refresh's answer is not the dashboard's shape: ${JSON.stringify(view).slice(0, 200)}`);
    expect(view.search).toBe("team=all&clock=overdue");
    expect(view.counts).toEqual({ open: 2, overdue: 2, dueSoon: 0 });
    expect(view.groups.map((group) => [group.heading, group.rows.map((row) => row.childName.split(" ")[0])])).toEqual([["Overdue", ["Avery", "Emery"]]]);
    expect(view.groups[0]!.rows[0]).toMatchObject({ status: "Overdue by 6 h", flags: ["Endangered"], caseworkerName: "Casey North", age: 15 });
    expect(view.groups[0]!.rows[0]!.clocks[0]).toMatchObject({ title: "Law enforcement", timeLeft: "Overdue by 6 h", urgency: "overdue" });
    expect(view.groups[0]!.rows[0]!.clocks[0]!.deadline).toMatch(/ [AP]M E[SD]T$/);

    expect((await stored(w.onCall.sessionId)).lastSeenAt).toEqual(lastSeenAt);
    expect(await db().auditEvent.count()).toBe(eventsBefore);
  });

  it("refuses the refresh to a session gone idle (401, ended with its reason) and to a caseworker (403)", async () => {
    const w = await world();
    await db().userSession.update({ where: { id: w.onCall.sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * MINUTE) } });
    expect(await refreshAs(w.onCall, "team=all")).toEqual({ status: 401, body: expect.objectContaining({ reason: "idle" }) });
    expect((await stored(w.onCall.sessionId)).endReason).toBe("IDLE");

    expect((await refreshAs(w.caseworker, "team=all")).status).toBe(403);
    const refusals = await db().auditEvent.findMany({ where: { action: "access.refused" }, select: { actorUserId: true, details: true } });
    expect(refusals).toEqual([{ actorUserId: w.caseworker.userId, details: { reason: "forbidden", route: "GET /api/dashboard" } }]);
  });

  it("writes the view in words, in the agency's time zone", async () => {
    const w = await world();
    const view = dashboardView(await listDashboard(w.northSupervisor, ANY, ctx(false, w.now)), "America/New_York");
    expect(view.groups.map((group) => group.heading)).toEqual(["Overdue", "Due within 2 hours", "Running", "No clock running"]);
    expect(view.groups.map((group) => group.rows.map((row) => row.status))).toEqual([["Overdue by 6 h"], ["1 h left"], ["2 days 2 h left"], ["No clock running"]]);
    expect(view.groups[3]!.rows[0]).toMatchObject({ stage: "Missing (reported)", flags: ["Ran in the last 90 days"], clocks: [] });
    expect(view.readAt).toMatch(/^\d{1,2}:\d{2} [AP]M E[SD]T$/);
  });
});
