import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError } from "@/server/authz/errors";
import { BadRequestError } from "@/server/use-case-errors";
import { listAuditEvents, auditPageSql } from "@/server/audit/list-audit-events";
import { exportAuditEvents } from "@/server/audit/export-audit-events";
import { parseAuditFilters, type AuditFilters } from "@/server/audit/audit-filters";
import { checkAuditChain } from "@/server/audit/check-audit-chain";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

const EVENTS = 24_000;
const ACTIONS = ["episode.viewed", "user.viewed", "auth.sign_in", "child.updated"];
let admin: Actor;
let supervisor: Actor;
let otherAdmin: Actor;
let people: string[];
let agencyId: string;
const episodeId = "5f0c8a7e-3b1d-4c2e-9f4a-6b7c8d9e0f1a";

/** Tens of thousands of events over six weeks, four actions, three people, a hundred records; and another agency's. */
beforeAll(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  agencyId = agency.id;
  const adminUser = await makeUser(agency.id, "ADMIN");
  const worker = await makeUser(agency.id, "CASEWORKER");
  const boss = await makeUser(agency.id, "SUPERVISOR");
  await db().user.update({ where: { id: worker.id }, data: { name: "=HYPERLINK(\"http://x.example\",\"click\")" } });
  people = [adminUser.id, worker.id, boss.id];
  const other = await makeAgency("Other County");
  const otherUser = await makeUser(other.id, "ADMIN");
  await db().$executeRaw`
    INSERT INTO "AuditEvent" ("occurredAt", "action", "outcome", "actorUserId", "agencyId", "targetType", "targetId", "requestId", "details")
    SELECT timestamptz '2026-01-01 00:00:00+00' + g * interval '2 minutes',
           (${ACTIONS}::text[])[1 + g % 4], 'SUCCESS', (${people}::uuid[])[1 + g % 3], ${agency.id}::uuid,
           'Episode', CASE WHEN g % 100 = 7 THEN ${episodeId} ELSE md5((g % 100)::text)::uuid::text END, md5(g::text), '{}'::jsonb
    FROM generate_series(1, ${EVENTS}) g`;
  await db().$executeRaw`
    INSERT INTO "AuditEvent" ("occurredAt", "action", "outcome", "actorUserId", "agencyId", "targetType", "targetId", "requestId", "details")
    SELECT timestamptz '2026-01-01 00:00:00+00' + g * interval '2 minutes', 'episode.viewed', 'SUCCESS', ${otherUser.id}::uuid, ${other.id}::uuid, 'Episode', ${episodeId}, md5(g::text), '{}'::jsonb
    FROM generate_series(1, 5000) g`;
  await db().$executeRawUnsafe(`ANALYZE "AuditEvent"`);
  admin = await signInAs(adminUser);
  supervisor = await signInAs(boss);
  otherAdmin = await signInAs(otherUser);
}, 240_000);

/** What the filters must give, newest first, straight from the table (with the events the test itself added after seeding left out). */
async function expected(where: Prisma.Sql): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: bigint }[]>`SELECT "id" FROM "AuditEvent" WHERE "agencyId" = ${agencyId}::uuid AND "requestId" ~ '^[0-9a-f]{32}$' AND ${where} ORDER BY "id" DESC`;
  return rows.map((r) => r.id.toString());
}

/** Every page, older and older, then back one page newer. */
async function allPages(filters: AuditFilters): Promise<{ ids: string[]; pages: string[][] }> {
  const pages: string[][] = [];
  let before: string | undefined;
  for (;;) {
    const page = await listAuditEvents(admin, { ...filters, before }, { requestId: requestId() });
    pages.push(page.events.filter((e) => /^[0-9a-f]{32}$/.test(e.requestId)).map((e) => e.id));
    if (!page.older) break;
    before = page.older;
  }
  return { ids: pages.flat(), pages };
}

describe("the audit trail's filters and keyset paging", () => {
  it("pages through one person's one action exactly, newest first, and back again", async () => {
    const filters: AuditFilters = { person: people[1], action: "user.viewed" };
    const { ids, pages } = await allPages(filters);
    expect(ids).toEqual(await expected(Prisma.sql`"actorUserId" = ${people[1]}::uuid AND "action" = 'user.viewed'`));
    expect(ids.length).toBe(EVENTS / 12);
    expect(pages.slice(0, -1).every((p) => p.length === 50)).toBe(true);
    // From the third page, "newer" gives the second again.
    const third = await listAuditEvents(admin, { ...filters, before: pages[1]!.at(-1) }, { requestId: requestId() });
    expect(third.events.map((e) => e.id)).toEqual(pages[2]);
    const second = await listAuditEvents(admin, { ...filters, after: third.newer! }, { requestId: requestId() });
    expect(second.events.map((e) => e.id)).toEqual(pages[1]);
    expect(second.newer).not.toBeNull();
  });

  it("filters by record and by calendar dates in the agency's zone", async () => {
    const record = await allPages({ recordType: "Episode", recordId: episodeId });
    expect(record.ids).toEqual(await expected(Prisma.sql`"targetType" = 'Episode' AND "targetId" = ${episodeId}`));
    expect(record.ids.length).toBe(EVENTS / 100);
    // 3 and 4 January in New York: from 05:00 UTC on the 3rd to 05:00 UTC on the 5th.
    const days = await allPages({ from: "2026-01-03", to: "2026-01-04", action: "auth.sign_in" });
    expect(days.ids).toEqual(await expected(Prisma.sql`"occurredAt" >= '2026-01-03T05:00:00Z' AND "occurredAt" < '2026-01-05T05:00:00Z' AND "action" = 'auth.sign_in'`));
    expect(days.ids.length).toBe(48 * 30 / 4);
  });

  it("shows another agency's events to nobody, and refuses a supervisor", async () => {
    const mine = await listAuditEvents(otherAdmin, { recordType: "Episode", recordId: episodeId }, { requestId: requestId() });
    const theirs = await listAuditEvents(admin, { recordType: "Episode", recordId: episodeId }, { requestId: requestId() });
    const theirIds = new Set(theirs.events.map((e) => e.id));
    expect(mine.events.length).toBe(50);
    expect(mine.events.filter((e) => theirIds.has(e.id))).toEqual([]);
    await expect(listAuditEvents(otherAdmin, { person: people[0] }, { requestId: requestId() })).resolves.toMatchObject({ events: [] });
    await expect(listAuditEvents(supervisor, {}, { requestId: requestId() })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("reads each filter's page from an index, with no sort over the trail", async () => {
    const cases: AuditFilters[] = [
      {},
      { before: "20000" },
      { person: people[0] },
      { action: "child.updated", before: "10000" },
      { recordType: "Episode", recordId: episodeId },
      { person: people[2], action: "episode.viewed" },
      { from: "2026-01-10", to: "2026-01-12" },
      { after: "15000" },
    ];
    for (const filters of cases) {
      const [row] = await db().$queryRaw<{ "QUERY PLAN": unknown }[]>`EXPLAIN (FORMAT JSON) ${auditPageSql(agencyId, filters, "America/New_York", 51)}`;
      const plan = JSON.stringify(row!["QUERY PLAN"]);
      expect(plan, JSON.stringify(filters)).toMatch(/"Node Type":"Index (Only )?Scan"|"Node Type":"Bitmap Index Scan"/);
      expect(plan, JSON.stringify(filters)).not.toContain('"Node Type":"Seq Scan"');
      expect(plan, `${JSON.stringify(filters)}: ${plan}`).not.toContain('"Node Type":"Sort"');
    }
  });

  it("refuses filters that are not ids, codes or dates", () => {
    expect(() => parseAuditFilters(new URLSearchParams("person=Jordan"))).toThrow(BadRequestError);
    expect(() => parseAuditFilters(new URLSearchParams("action=episode.deleted"))).toThrow("Choose an action from the list.");
    expect(() => parseAuditFilters(new URLSearchParams("recordType=Episode"))).toThrow("Give both");
    expect(() => parseAuditFilters(new URLSearchParams("from=2026-02-30"))).toThrow(BadRequestError);
    expect(() => parseAuditFilters(new URLSearchParams("from=2026-02-03&to=2026-02-01"))).toThrow("before the start");
    expect(() => parseAuditFilters(new URLSearchParams("before=1 OR 1=1"))).toThrow(BadRequestError);
    expect(() => parseAuditFilters(new URLSearchParams("name=x"))).toThrow("no such filter");
    expect(() => parseAuditFilters(new URLSearchParams("action=auth.sign_in&action=user.viewed"))).toThrow("once");
    expect(parseAuditFilters(new URLSearchParams("person=&action=auth.sign_in"))).toEqual({ action: "auth.sign_in" });
  });
});

describe("the CSV export", () => {
  it("exports the filtered view in words and the agency's time, neutralises formulas, and is audited", async () => {
    const filters = { person: people[1], from: "2026-01-02", to: "2026-01-02" };
    const { csv, rows, truncated } = await exportAuditEvents(admin, filters, { requestId: requestId() });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("When,Who,What,Outcome,Record,Record id,Request");
    expect(rows).toBe(lines.length - 1);
    expect(rows).toBe((await expected(Prisma.sql`"actorUserId" = ${people[1]}::uuid AND "occurredAt" >= '2026-01-02T05:00:00Z' AND "occurredAt" < '2026-01-03T05:00:00Z'`)).length);
    expect(truncated).toBe(false);
    expect(lines[1]).toMatch(/^"Jan 2, 2026, 11:\d\d PM EST",/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK|^=|,"=/m);
    expect(csv).toMatch(/Case viewed|Viewed a user|Signed in|Child's details changed/);
    expect(csv).not.toMatch(/episode\.viewed|auth\.sign_in/);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "audit.exported" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorUserId: admin.userId, agencyId });
    expect(event.details).toEqual({ filters: { actorUserId: people[1], from: "2026-01-02", to: "2026-01-02" }, rows, truncated: false });
    await expect(exportAuditEvents(supervisor, {}, { requestId: requestId() })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("keeps the chain verifying after the views and exports", async () => {
    expect((await checkAuditChain(admin)).problem).toBeNull();
  });
});
