/**
 * npm run bench:scale — how the lists behave as an agency's history grows. Fills a fresh database
 * with episodes spread over 50 agencies, first 1,000 in all, then 1,000,000 (20,000 per agency, of
 * which 300 open; half of them in the small one), and at each size times the lists as the app runs
 * them (the use cases, in process, as a supervisor and a caseworker of the first agency): p50 and
 * p95 over repeated runs,
 * and for every SELECT they send, the plan's buffers (EXPLAIN (ANALYZE, BUFFERS)) and its top node.
 * A plan whose buffers grow with the size reads rows it does not show. Each case-list statement has
 * a bound (a small multiple of its page): the bench fails, listing them, when a plan reads more.
 *
 * BENCH_SCALE_SIZES (e.g. "1000,100000") changes the sizes; BENCH_SCALE_RUNS the runs per measure;
 * BENCH_SCALE_PLANS=1 prints every plan's nodes.
 * Run by scripts/run.ts on a fresh database (DATABASE_URL, the owner's).
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Role } from "../src/generated/prisma/client";

const AGENCIES = 50;
const TEAMS_PER_AGENCY = 4;
const CASEWORKERS_PER_TEAM = 10;
/** Open episodes per agency: the agency's live work, which does not grow with its history. */
const OPEN_PER_AGENCY = 300;
const SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,1000000").split(",").map((size) => Number(size.trim()));
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 20);
const WARMUP = 3;
const ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"];

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is not set: run this through `npm run bench:scale`.");

// The use cases read the database through db() (src/server/db.ts), which takes this client when
// one is already there: its query events say which statements each list sends.
type Sent = { query: string; params: string };
const sent: Sent[] = [];
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: "event", level: "query" }] });
prisma.$on("query", (event) => sent.push({ query: event.query, params: event.params }));
(globalThis as unknown as { homewardPrisma?: PrismaClient }).homewardPrisma = prisma;

const sql = new pg.Client({ connectionString: url });

/** A stable id from a name, so that rows refer to each other without lookups. */
const idSql = (expression: string) => `md5(${expression})::uuid`;

async function createPeople() {
  await sql.query(
    `INSERT INTO "Agency" ("id", "name", "timeZone", "state", "updatedAt")
     SELECT ${idSql(`'agency-' || a`)}, 'Scale County ' || a, (ARRAY[${ZONES.map((zone) => `'${zone}'`).join(",")}])[1 + a % ${ZONES.length}], 'NY', now()
       FROM generate_series(1, ${AGENCIES}) AS a`,
  );
  await sql.query(
    `INSERT INTO "Team" ("id", "agencyId", "name", "updatedAt")
     SELECT ${idSql(`'team-' || a || '-' || t`)}, ${idSql(`'agency-' || a`)}, 'Unit ' || t, now()
       FROM generate_series(1, ${AGENCIES}) AS a, generate_series(1, ${TEAMS_PER_AGENCY}) AS t`,
  );
  // Per agency: caseworkers in teams, one supervisor per two teams, one supervisor on call.
  await sql.query(
    `INSERT INTO "User" ("id", "agencyId", "email", "name", "roles", "teamId", "passwordHash", "updatedAt")
     SELECT ${idSql(`'cw-' || a || '-' || c`)}, ${idSql(`'agency-' || a`)}, 'cw-' || a || '-' || c || '@scale.example.org', 'Caseworker ' || c,
            ARRAY['CASEWORKER']::"Role"[], ${idSql(`'team-' || a || '-' || (1 + c % ${TEAMS_PER_AGENCY})`)}, 'x', now()
       FROM generate_series(1, ${AGENCIES}) AS a, generate_series(0, ${TEAMS_PER_AGENCY * CASEWORKERS_PER_TEAM - 1}) AS c`,
  );
  await sql.query(
    `INSERT INTO "User" ("id", "agencyId", "email", "name", "roles", "onCall", "passwordHash", "updatedAt")
     SELECT ${idSql(`'sup-' || a || '-' || s`)}, ${idSql(`'agency-' || a`)}, 'sup-' || a || '-' || s || '@scale.example.org', 'Supervisor ' || s,
            ARRAY['SUPERVISOR']::"Role"[], s = 0, 'x', now()
       FROM generate_series(1, ${AGENCIES}) AS a, generate_series(0, ${TEAMS_PER_AGENCY / 2}) AS s`,
  );
  await sql.query(
    `INSERT INTO "TeamSupervisor" ("teamId", "userId")
     SELECT ${idSql(`'team-' || a || '-' || t`)}, ${idSql(`'sup-' || a || '-' || (1 + (t - 1) / 2)`)}
       FROM generate_series(1, ${AGENCIES}) AS a, generate_series(1, ${TEAMS_PER_AGENCY}) AS t`,
  );
}

/**
 * Every agency's `perAgency` episodes, numbered from the newest: the first 300 (half, in a small
 * agency) are open (within
 * the last three days), the rest closed, spread over eight years before. A fifth of them are a
 * child's repeat run (the child of the next older episode's number minus one). Each has its
 * law-enforcement and NCMEC clocks (met, every tenth age late with a reason, the open ones
 * awaiting a report still running), a running debrief clock when recovered, a met one when closed
 * (a return, screened or not), and its assignment.
 * Starts from empty episode tables, so that each size is a history of its own.
 */
/** The child numbered `n`'s names; an episode's row keeps them as the case list sorts them ("Last, First"). */
const CHILD_FIRST_NAME = (n: string) => `(ARRAY['Jordan','Avery','Riley','Casey','Quinn','Morgan','Rowan','Skyler'])[1 + ${n} % 8]`;
const CHILD_LAST_NAME = (n: string) => `(ARRAY['Rivera','Nguyen','Okafor','Smith','Garcia','Kowalski','Haddad','Lee','Brown','Jensen'])[1 + (${n} / 8) % 10] || ' ' || ${n}`;

async function fillEpisodes(perAgency: number) {
  await sql.query(`TRUNCATE "Episode", "Child" CASCADE`);
  const open = Math.min(OPEN_PER_AGENCY, Math.floor(perAgency / 2));
  const discovered = `CASE WHEN n < ${open}
      THEN now() - ((n + 1) * interval '1 second' * ${Math.floor((3 * 24 * 3600) / open)})
      ELSE now() - interval '4 days' - ((n - ${open}) * interval '1 second' * ${Math.floor((8 * 365 * 24 * 3600) / Math.max(1, perAgency - open))}) END`;
  const range = `generate_series(1, ${AGENCIES}) AS a, generate_series(0, ${perAgency - 1}) AS n`;
  await sql.query(
    `INSERT INTO "Child" ("id", "agencyId", "firstName", "lastName", "dateOfBirth", "agencyCaseNumber", "underAgencyGuardianship", "profile", "updatedAt")
     SELECT ${idSql(`'child-' || a || '-' || n`)}, ${idSql(`'agency-' || a`)},
            ${CHILD_FIRST_NAME("n")}, ${CHILD_LAST_NAME("n")},
            date '2008-01-01' + (n % 3000), 'SC-' || a || '-' || n, true, '{}'::jsonb, now()
       FROM ${range} WHERE n % 5 <> 4`,
  );
  const stage = `CASE WHEN n >= ${open} THEN 'CLOSED'
      ELSE (ARRAY['AWAITING_LAW_ENFORCEMENT','AWAITING_NCMEC','REPORTED','REPORTED','REPORTED','LOCATED','RECOVERED','DEBRIEF_DUE','AWAITING_SIGN_OFF'])[1 + n % 9] END::"EpisodeStage"`;
  await sql.query(
    `INSERT INTO "Episode" ("id", "agencyId", "childId", "caseworkerId", "stage", "ageAtMissing", "endangered", "traffickingConcern", "completedSteps",
                            "discoveredAt", "lastSeenAt", "submittedAt", "closedAt", "createdAt", "updatedAt", "childSortName", "caseworkerName", "reportDeadline")
     SELECT ${idSql(`'episode-' || a || '-' || n`)}, ${idSql(`'agency-' || a`)},
            ${idSql(`'child-' || a || '-' || m`)},
            ${idSql(`'cw-' || a || '-' || (n % ${TEAMS_PER_AGENCY * CASEWORKERS_PER_TEAM})`)},
            ${stage}, 8 + n % 10, n % 7 = 0, n % 11 = 0, '{}',
            d, d - interval '2 hours', CASE WHEN n >= ${open} OR n % 9 > 1 THEN d + interval '3 hours' END,
            CASE WHEN n >= ${open} THEN d + interval '10 days' END, d, now(),
            ${CHILD_LAST_NAME("m")} || ', ' || ${CHILD_FIRST_NAME("m")}, 'Caseworker ' || (n % ${TEAMS_PER_AGENCY * CASEWORKERS_PER_TEAM}), d + interval '24 hours'
       FROM ${range}, LATERAL (SELECT ${discovered} AS d, CASE WHEN n % 5 = 4 THEN n - 1 ELSE n END AS m) AS t`,
  );
  for (const [kind, awaiting] of [
    ["LAW_ENFORCEMENT_REPORT", `'AWAITING_LAW_ENFORCEMENT'`],
    ["NCMEC_REPORT", `'AWAITING_LAW_ENFORCEMENT','AWAITING_NCMEC'`],
  ] as const) {
    await sql.query(
      `INSERT INTO "EpisodeClock" ("id", "agencyId", "episodeId", "kind", "subject", "startedAt", "ruleHours", "deadline", "doneAt", "lateReason",
                                  "creditedCaseworkerId", "metOnTime", "metByRefusal")
       SELECT gen_random_uuid(), "agencyId", "id", '${kind}', '', "discoveredAt", 24, "discoveredAt" + interval '24 hours',
              CASE WHEN "stage" IN (${awaiting}) THEN NULL WHEN "ageAtMissing" = 13 THEN "discoveredAt" + interval '30 hours' ELSE "discoveredAt" + interval '2 hours' END,
              CASE WHEN "stage" NOT IN (${awaiting}) AND "ageAtMissing" = 13 THEN 'The caseworker was in court all day' END,
              "caseworkerId", CASE WHEN "stage" IN (${awaiting}) THEN NULL ELSE "ageAtMissing" <> 13 END,
              '${kind}' = 'LAW_ENFORCEMENT_REPORT' AND "stage" NOT IN (${awaiting}) AND "ageAtMissing" = 17
         FROM "Episode"`,
    );
  }
  await sql.query(
    `INSERT INTO "EpisodeClock" ("id", "agencyId", "episodeId", "kind", "subject", "startedAt", "ruleHours", "deadline", "doneAt", "creditedCaseworkerId", "returnScreened")
     SELECT gen_random_uuid(), "agencyId", "id", 'DEBRIEF', '', now() - interval '20 hours', 72, now() + interval '52 hours', NULL, "caseworkerId", false
       FROM "Episode" WHERE "stage" IN ('RECOVERED', 'DEBRIEF_DUE')`,
  );
  // Every closed episode was a return: its debrief met, most screened, a few children identified as
  // victims (reported within 24 hours or not), as the on-time report's returns would be.
  await sql.query(
    `INSERT INTO "EpisodeClock" ("id", "agencyId", "episodeId", "kind", "subject", "startedAt", "ruleHours", "deadline", "doneAt",
                                "creditedCaseworkerId", "metOnTime", "returnScreened", "victimReportedIn24h")
     SELECT gen_random_uuid(), "agencyId", "id", 'DEBRIEF', '', "discoveredAt" + interval '3 days', 72, "discoveredAt" + interval '6 days', "discoveredAt" + interval '4 days',
            "caseworkerId", true, "ageAtMissing" <> 10, CASE WHEN "traffickingConcern" THEN "ageAtMissing" <> 12 END
       FROM "Episode" WHERE "stage" = 'CLOSED'`,
  );
  // Clocks that lapse rather than block closure (a search reminder, the NCIC update's records) stay
  // unmet on a closed episode: every tenth closed episode keeps one, as years of history would.
  await sql.query(
    `INSERT INTO "EpisodeClock" ("id", "agencyId", "episodeId", "kind", "subject", "startedAt", "ruleHours", "deadline", "doneAt", "creditedCaseworkerId")
     SELECT gen_random_uuid(), "agencyId", "id", 'SEARCH_REMINDER', '1', "discoveredAt" + interval '1 day', 168, "discoveredAt" + interval '8 days', NULL, "caseworkerId"
       FROM "Episode" WHERE "stage" = 'CLOSED' AND "ageAtMissing" = 9`,
  );
  // The dashboard's copy of the earliest deadline not met, as syncEpisode() keeps it.
  await sql.query(
    `UPDATE "Episode" e SET "nextDeadline" = k."deadline"
       FROM (SELECT "episodeId", min("deadline") AS "deadline" FROM "EpisodeClock" WHERE "doneAt" IS NULL GROUP BY "episodeId") k
      WHERE k."episodeId" = e."id"`,
  );
  await sql.query(
    `INSERT INTO "EpisodeAssignment" ("id", "agencyId", "episodeId", "caseworkerId", "fromAt", "assignedById")
     SELECT gen_random_uuid(), "agencyId", "id", "caseworkerId", "createdAt", "caseworkerId" FROM "Episode"`,
  );
  await sql.query("VACUUM ANALYZE");
}

type Plan = { "Node Type": string; "Shared Hit Blocks": number; "Shared Read Blocks": number; "Actual Rows": number; "Relation Name"?: string; "Index Name"?: string };

/** The plan of a statement the app sent, run again with its parameters. Only SELECTs: EXPLAIN ANALYZE runs what it explains. */
async function planOf(statement: Sent): Promise<string> {
  const params = JSON.parse(statement.params) as unknown[];
  const { rows } = await sql.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.query}`, params);
  const root = (rows[0] as { "QUERY PLAN": { Plan: Plan; "Execution Time": number }[] })["QUERY PLAN"][0]!;
  const buffers = root.Plan["Shared Hit Blocks"] + root.Plan["Shared Read Blocks"];
  const where = root.Plan["Index Name"] ?? root.Plan["Relation Name"] ?? "";
  return `${String(buffers).padStart(7)} buffers  ${root["Execution Time"].toFixed(1).padStart(7)} ms  ${root.Plan["Node Type"]}${where ? ` on ${where}` : ""}  ${statement.query.replace(/\s+/g, " ").slice(0, 110)}${SHOW_PLANS ? `\n${planTree(root.Plan)}` : ""}`;
}

/** BENCH_SCALE_PLANS=1 prints each plan's nodes under its line: node, relation or index, rows and buffers. */
const SHOW_PLANS = process.env.BENCH_SCALE_PLANS === "1";

function planTree(plan: Plan & { Plans?: Plan[] }, depth = 0): string {
  const where = plan["Index Name"] ?? plan["Relation Name"] ?? "";
  const line = `${" ".repeat(12 + depth * 2)}${plan["Node Type"]}${where ? ` on ${where}` : ""}: ${plan["Actual Rows"]} rows, ${plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]} buffers`;
  return [line, ...(plan.Plans ?? []).map((child) => planTree(child, depth + 1))].join("\n");
}

function percentile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** The statements whose plan read more buffers than their list's bound: the bench fails with them listed. */
const overBound: string[] = [];

/**
 * Times `work` and explains every SELECT it sends. With `bound`, a plan that reads more buffers
 * than that is a failure: the list reads rows it does not show.
 */
async function measure(label: string, work: () => Promise<unknown>, bound?: number) {
  for (let i = 0; i < WARMUP; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  sent.length = 0;
  await work();
  const selects = sent.filter((statement) => /^\s*(SELECT|WITH)\b/i.test(statement.query));
  const sorted = samples.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(58)} p50 ${percentile(sorted, 0.5).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 0.95).toFixed(1).padStart(7)} ms  ${sent.length} statements`);
  // A statement sent many times in one run (once per agency, for one) is explained once, for its heaviest parameters.
  const byText = new Map<string, Sent[]>();
  for (const statement of selects) byText.set(statement.query, [...(byText.get(statement.query) ?? []), statement]);
  for (const [, statements] of byText) {
    const plans: string[] = [];
    for (const statement of statements) plans.push(await planOf(statement));
    const heaviest = plans.reduce((a, b) => (Number(a.trim().split(" ")[0]) >= Number(b.trim().split(" ")[0]) ? a : b));
    const over = bound !== undefined && Number(heaviest.trim().split(" ")[0]) > bound;
    if (over) overBound.push(`${label}: ${heaviest.trim().slice(0, 60)} (bound ${bound})`);
    console.log(`      ${heaviest}${statements.length > 1 ? `  (sent ${statements.length} times; the heaviest shown)` : ""}${over ? `  OVER THE BOUND OF ${bound}` : ""}`);
  }
}

/** One of the bench's people as the use cases see them; `roles` gives them other roles (an admin for the audit trail). */
async function actorOf(userKey: string, roles?: Role[]) {
  const { actorFrom } = await import("../src/server/authz/guard");
  const user = await prisma.user.findUniqueOrThrow({ where: { email: `${userKey}@scale.example.org` }, include: { agency: true } });
  return actorFrom({ sessionId: crypto.randomUUID(), userId: user.id, name: user.name, email: user.email, roles: roles ?? user.roles, agency: user.agency });
}

/** What one statement of the case list may read: a small multiple of its page, at every size. */
const CASE_LIST_BOUND = 25 * 20;

async function measureLists(perAgency: number) {
  const { listEpisodes, EPISODE_PAGE_SIZE } = await import("../src/server/episodes/list-episodes");
  if (EPISODE_PAGE_SIZE !== 20) throw new Error("CASE_LIST_BOUND assumes pages of 20");
  const supervisor = await actorOf("sup-1-1");
  const caseworker = await actorOf("cw-1-1");
  const ctx = () => ({ requestId: crypto.randomUUID() });
  // A deep page starts after the episode at this position of its order (found here, not timed).
  const deep = Math.max(0, Math.min(10_000, perAgency - 40));
  const column = { deadline: `"reportDeadline"`, child: `"childSortName"`, caseworker: `"caseworkerName"`, started: `"createdAt"` } as const;
  const cursorAt = async (sort: keyof typeof column, where: string) => {
    const { rows } = await sql.query(`SELECT "id" FROM "Episode" WHERE "agencyId" = $1 AND ${where} ORDER BY ${column[sort]}, "id" OFFSET ${deep} LIMIT 1`, [caseworker.agency.id]);
    return rows[0] ? { after: rows[0].id as string } : null;
  };
  console.log(`\nThe case list (${perAgency.toLocaleString("en-US")} episodes per agency; a deep page starts after the ${deep.toLocaleString("en-US")}th; bound ${CASE_LIST_BOUND} buffers a statement)`);
  for (const stage of ["open", "all", "closed"] as const) {
    for (const sort of ["deadline", "child", "caseworker", "started"] as const) {
      for (const direction of ["asc", "desc"] as const) {
        await measure(`case list, ${stage}, by ${sort} ${direction}, first page`, () => listEpisodes(caseworker, { stage, sort, direction, cursor: null }, ctx()), CASE_LIST_BOUND);
      }
    }
  }
  for (const sort of ["deadline", "child", "caseworker", "started"] as const) {
    const cursor = await cursorAt(sort, "TRUE");
    await measure(`case list, all, by ${sort}, a deep page`, () => listEpisodes(supervisor, { stage: "all", sort, direction: "asc", cursor }, ctx()), CASE_LIST_BOUND);
    await measure(`case list, all, by ${sort}, the page before a deep one`, () => listEpisodes(supervisor, { stage: "all", sort, direction: "asc", cursor: cursor && { before: cursor.after } }, ctx()), CASE_LIST_BOUND);
  }
  await measure(`case list, awaiting sign-off`, () => listEpisodes(supervisor, { stage: "awaiting-sign-off", sort: "deadline", direction: "asc", cursor: null }, ctx()), CASE_LIST_BOUND);
  await measure(`case list, awaiting review (walks the open episodes)`, () => listEpisodes(supervisor, { stage: "awaiting-review", sort: "deadline", direction: "asc", cursor: null }, ctx()));
}

/** What one statement of the dashboard may read: a small multiple of its page of 50, at every size. */
const DASHBOARD_BOUND = 25 * 50;

/** The supervisors' dashboard: a team's supervisor by default, the on-call supervisor's whole agency, overdue only, a deep page. */
async function measureDashboard() {
  const { listDashboard, DASHBOARD_PAGE_SIZE } = await import("../src/server/dashboard/list-dashboard");
  if (DASHBOARD_PAGE_SIZE !== 50) throw new Error("DASHBOARD_BOUND assumes pages of 50");
  const teamSupervisor = await actorOf("sup-1-1");
  const onCall = await actorOf("sup-1-0");
  const ctx = () => ({ requestId: crypto.randomUUID(), audit: true });
  const all = { team: null, teamId: null, caseworkerId: null, stage: null, clock: null, page: 1 } as const;
  console.log(`\nThe dashboard (${OPEN_PER_AGENCY} open episodes per agency at most; bound ${DASHBOARD_BOUND} buffers a statement)`);
  await measure("dashboard, a team supervisor's teams, page 1", () => listDashboard(teamSupervisor, all, ctx()), DASHBOARD_BOUND);
  await measure("dashboard, on call: the whole agency, page 1", () => listDashboard(onCall, all, ctx()), DASHBOARD_BOUND);
  await measure("dashboard, on call: overdue only", () => listDashboard(onCall, { ...all, clock: "overdue" }, ctx()), DASHBOARD_BOUND);
  await measure("dashboard, on call: page 3", () => listDashboard(onCall, { ...all, page: 3 }, ctx()), DASHBOARD_BOUND);
}

/** What one statement of the on-time report may read: its figures read the period's range of one index, its lists a page of 50 (decision 026). */
const ON_TIME_BOUND = 25 * 50;

/**
 * The on-time report for the current federal period and for a year of days, then the lists behind
 * its figures: every clock, a page in the middle of the year, the overdue ones, one caseworker's met
 * on time, and the children returned.
 */
async function measureOnTime() {
  const { getOnTimeReport } = await import("../src/server/reports/get-on-time-report");
  const { LIST_PAGE_SIZE } = await import("../src/domain/on-time-drill-down");
  if (LIST_PAGE_SIZE !== 50) throw new Error("ON_TIME_BOUND assumes pages of 50");
  const supervisor = await actorOf("sup-1-1");
  const caseworker = await actorOf("cw-1-1");
  const ctx = () => ({ requestId: crypto.randomUUID() });
  const year = new Date().getUTCFullYear();
  const lastYear = { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  const clocks = (filter: "due" | "overdue" | "on-time", caseworkerId: string | null = null) => ({ type: "clocks" as const, kind: "all" as const, filter, caseworkerId });
  console.log(`\nThe on-time report (bound ${ON_TIME_BOUND} buffers a statement)`);
  await measure("on-time rate, the current federal period", () => getOnTimeReport(supervisor, {}, ctx()), ON_TIME_BOUND);
  await measure(`on-time rate, ${lastYear.from} to ${lastYear.to}`, () => getOnTimeReport(supervisor, lastYear, ctx()), ON_TIME_BOUND);
  await measure("on-time list, a year's clocks, first page", () => getOnTimeReport(supervisor, lastYear, ctx(), { drillDown: clocks("due"), after: null }), ON_TIME_BOUND);
  const middle = { startedAt: new Date(Date.UTC(year - 1, 6, 1)), id: "00000000-0000-0000-0000-000000000000" };
  await measure("on-time list, a year's clocks, a page from July", () => getOnTimeReport(supervisor, lastYear, ctx(), { drillDown: clocks("due"), after: middle }), ON_TIME_BOUND);
  await measure("on-time list, a year's overdue clocks", () => getOnTimeReport(supervisor, lastYear, ctx(), { drillDown: clocks("overdue"), after: null }), ON_TIME_BOUND);
  await measure("on-time list, one caseworker's clocks met on time", () => getOnTimeReport(supervisor, lastYear, ctx(), { drillDown: clocks("on-time", caseworker.userId), after: null }), ON_TIME_BOUND);
  await measure("on-time list, the children returned", () => getOnTimeReport(supervisor, lastYear, ctx(), { drillDown: { type: "trafficking", figure: "returned" }, after: null }), ON_TIME_BOUND);
}

/** What one statement of the audit trail's page may read: a small multiple of its page of 50, at every size. */
const AUDIT_BOUND = 25 * 50;

/**
 * The audit trail at this size: as many events as episodes, over the agencies, chained by the
 * database's trigger like any other. Then the admin's page: its first page, a case's and an
 * action's events, a deep page, and its check of the chains from their checkpoints (decision 024)
 * after a first check from the start (the nightly job's, not timed) and a day's worth of new events.
 */
const AUDIT_FILL_BATCH = 1000;

async function measureAuditTrail(size: number) {
  const { listAuditEvents } = await import("../src/server/audit/list-audit-events");
  const { checkAuditChain } = await import("../src/server/audit/check-audit-chain");
  const { checkAllChainsFromStart } = await import("../src/server/audit/audit-checkpoints");
  const admin = await actorOf("sup-1-0", ["ADMIN"]);
  const started = performance.now();
  const perAgency = Math.ceil(size / AGENCIES);
  // A transaction of at most AUDIT_FILL_BATCH events: the chaining trigger moves a chain's head once
  // per event, and within one transaction each move leaves a dead version of the head behind. With
  // one statement per agency the fill at 1,000,000 had not finished after 16 minutes.
  for (let a = 1; a <= AGENCIES; a++) {
    for (let from = 1; from <= perAgency; from += AUDIT_FILL_BATCH) {
      await sql.query(
        `INSERT INTO "AuditEvent" ("occurredAt", "action", "outcome", "actorUserId", "agencyId", "targetType", "targetId", "requestId", "details")
         SELECT now() - (n * interval '1 minute'), (ARRAY['dashboard.viewed','debrief.saved','closure.requested','user.updated'])[1 + n % 4], 'SUCCESS',
                ${idSql(`'cw-${a}-' || (n % ${TEAMS_PER_AGENCY * CASEWORKERS_PER_TEAM})`)}, ${idSql(`'agency-${a}'`)}, 'Episode', ${idSql(`'episode-${a}-' || (n % 1000)`)}::text,
                gen_random_uuid()::text, jsonb_build_object('n', n)
           FROM generate_series(${from}, ${Math.min(perAgency, from + AUDIT_FILL_BATCH - 1)}) AS n`,
      );
    }
  }
  // The chaining trigger moved each chain's head once per event, all in one transaction per agency:
  // every old version of a head died at once, which steady traffic (and autovacuum) never lets pile
  // up. The heads' table is compacted so that the page's check is measured as it runs day to day.
  await sql.query(`VACUUM FULL "AuditChainHead"`);
  await sql.query(`VACUUM ANALYZE`);
  const { rows } = await sql.query(`SELECT count(*)::int AS "events" FROM "AuditEvent"`);
  console.log(`\nThe audit trail (${rows[0].events.toLocaleString("en-US")} events in all, filled in ${((performance.now() - started) / 1000).toFixed(0)} s; bound ${AUDIT_BOUND} buffers a statement)`);
  const ctx = () => ({ requestId: crypto.randomUUID() });
  await measure("audit trail, the newest page", () => listAuditEvents(admin, {}, ctx()), AUDIT_BOUND);
  // The bench's people have ids made from their names, which the page's filter (a real UUID) would refuse: one case's events instead.
  const { rows: record } = await sql.query(`SELECT md5('episode-1-7')::uuid::text AS "id"`);
  await measure("audit trail, one case's events", () => listAuditEvents(admin, { recordType: "Episode", recordId: record[0].id }, ctx()), AUDIT_BOUND);
  await measure("audit trail, one action's events", () => listAuditEvents(admin, { action: "user.updated" }, ctx()), AUDIT_BOUND);
  const { rows: deep } = await sql.query(`SELECT "id"::text AS "id" FROM "AuditEvent" WHERE "agencyId" = $1 ORDER BY "id" DESC OFFSET ${Math.floor(perAgency / 2)} LIMIT 1`, [admin.agency.id]);
  await measure("audit trail, a deep page", () => listAuditEvents(admin, { before: deep[0]?.id }, ctx()), AUDIT_BOUND);
  const fromStart = performance.now();
  await checkAllChainsFromStart(new Date());
  console.log(`  the nightly check of every chain from its start (not a page view): ${((performance.now() - fromStart) / 1000).toFixed(1)} s`);
  // Each view of the page writes its own events too; each run reads those since the last.
  await measure("audit trail, the page's check from its checkpoints", () => checkAuditChain(admin), AUDIT_BOUND);
}

/** The minute's reminder sweep over every agency: the first one sends what is due, later ones find nothing new. */
async function measureReminders() {
  const { remindDueClocks } = await import("../src/server/reminders/remind-due-clocks");
  const started = performance.now();
  const first = await remindDueClocks({ requestId: crypto.randomUUID() });
  console.log(`\nThe reminder sweep (${AGENCIES} agencies)`);
  console.log(`  first sweep: ${first.reminders.toLocaleString("en-US")} reminders to ${first.people.toLocaleString("en-US")} people in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await measure("a sweep with nothing new to send", () => remindDueClocks({ requestId: crypto.randomUUID() }));
}

async function main() {
  await sql.connect();
  await createPeople();
  for (const size of SIZES) {
    const perAgency = Math.ceil(size / AGENCIES);
    const start = performance.now();
    await fillEpisodes(perAgency);
    const { rows } = await sql.query(`SELECT (SELECT count(*) FROM "Episode")::int AS episodes, (SELECT count(*) FROM "EpisodeClock")::int AS clocks`);
    console.log(`\n== ${rows[0].episodes.toLocaleString("en-US")} episodes, ${rows[0].clocks.toLocaleString("en-US")} clock rows (filled in ${((performance.now() - start) / 1000).toFixed(0)} s)`);
    await measureLists(perAgency);
    await measureDashboard();
    await measureOnTime();
    await measureReminders();
    await measureAuditTrail(size);
  }
  if (overBound.length > 0) {
    console.error(`\n${overBound.length} plan(s) read more than their bound:\n  ${overBound.join("\n  ")}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await sql.end();
    await prisma.$disconnect();
  });
