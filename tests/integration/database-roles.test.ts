// The running application connects as a role of its own (decision 009). This test signs in AS THAT
// ROLE (TEST_APP_DATABASE_URL, made and granted by the test runner exactly as `npm start` does) and
// checks what it may and may not do; the other tests use the owner, because they reset the tables.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launcherEnv } from "@/config/env";
import { db } from "@/server/db";
import { makeAgency, resetDatabase } from "./support";

const appUrl = launcherEnv().TEST_APP_DATABASE_URL;
const INSUFFICIENT_PRIVILEGE = "42501";

let app: pg.Client;

/** The PostgreSQL error code a statement fails with as the application's role, or "ok". */
async function outcomeOf(sql: string, values: unknown[] = []): Promise<string> {
  try {
    await app.query(sql, values);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function outcomesOf(attempts: Record<string, string>): Promise<Record<string, string>> {
  const outcomes: Record<string, string> = {};
  for (const [name, sql] of Object.entries(attempts)) outcomes[name] = await outcomeOf(sql);
  return outcomes;
}

async function insertEvent(agencyId: string, action = "users.listed") {
  const { rows } = await app.query<{ id: string; chainKey: string; chainSeq: string; hash: string }>(
    `INSERT INTO "AuditEvent" ("agencyId", "action", "outcome", "requestId", "details")
     VALUES ($1, $2, 'SUCCESS', gen_random_uuid()::text, '{"count": 0}') RETURNING "id", "chainKey", "chainSeq", "hash"`,
    [agencyId, action],
  );
  return rows[0]!;
}

const title = appUrl
  ? "the application's database role"
  : "the application's database role (skipped: no TEST_APP_DATABASE_URL; the test runner makes one when the test user has CREATEROLE)";

describe.skipIf(!appUrl)(title, () => {
  beforeAll(async () => {
    app = new pg.Client({ connectionString: appUrl });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
  });
  beforeEach(resetDatabase);

  it("adds audit events, chained by the owner's trigger, and reads them", async () => {
    const agency = await makeAgency();
    const first = await insertEvent(agency.id);
    const second = await insertEvent(agency.id);
    expect([first.chainSeq, second.chainSeq]).toEqual(["1", "2"]);
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    const { rows } = await app.query(`SELECT "action" FROM "AuditEvent" WHERE "agencyId" = $1`, [agency.id]);
    expect(rows).toHaveLength(2);
    // One connection writing alone keeps to one strand of the agency's trail (decision 019).
    expect(second.chainKey).toBe(first.chainKey);
    // The verifier reads the chain's head through the owner's read-only function, and only that way.
    const head = await app.query(`SELECT "seq"::text AS "seq", "hash" FROM "audit_chain_heads"() WHERE "chainKey" = $1`, [second.chainKey]);
    expect(head.rows).toEqual([{ seq: "2", hash: second.hash }]);
  });

  it("is refused any change to the audit trail or its triggers: UPDATE, DELETE, TRUNCATE, ALTER, DROP", async () => {
    const agency = await makeAgency();
    await insertEvent(agency.id);
    const attempts = {
      update: `UPDATE "AuditEvent" SET "outcome" = 'FAILURE'`,
      delete: `DELETE FROM "AuditEvent"`,
      truncate: `TRUNCATE "AuditEvent"`,
      "disable one trigger": `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`,
      "disable the chain trigger": `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_chain"`,
      "disable every trigger": `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
      "drop a trigger": `DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`,
      "add a trigger": `CREATE TRIGGER "sneaky" BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`,
      "replace the chaining function": `CREATE OR REPLACE FUNCTION "audit_event_chain"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      "drop the chaining function": `DROP FUNCTION "audit_event_chain"() CASCADE`,
      "alter a column": `ALTER TABLE "AuditEvent" ALTER COLUMN "hash" DROP NOT NULL`,
      "drop the table": `DROP TABLE "AuditEvent"`,
    };
    const outcomes = await outcomesOf(attempts);
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, INSUFFICIENT_PRIVILEGE])));
    const { rows } = await app.query(`SELECT "outcome" FROM "AuditEvent"`);
    expect(rows).toEqual([{ outcome: "SUCCESS" }]);
  });

  it("has no right at all on the audit chain's heads or Prisma's migration history", async () => {
    const agency = await makeAgency();
    await insertEvent(agency.id);
    const attempts = {
      "read the heads": `SELECT * FROM "AuditChainHead"`,
      "move a head": `UPDATE "AuditChainHead" SET "seq" = 0`,
      "add a head": `INSERT INTO "AuditChainHead" ("chainKey", "seq", "hash") VALUES ('forged', 1, repeat('0', 64))`,
      "remove the heads": `DELETE FROM "AuditChainHead"`,
      "truncate the heads": `TRUNCATE "AuditChainHead"`,
      "shadow the heads with a temporary table": `CREATE TEMP TABLE "AuditChainHead" ("chainKey" TEXT, "seq" BIGINT, "hash" TEXT)`,
      "read the migration history": `SELECT * FROM "_prisma_migrations"`,
      "rewrite the migration history": `DELETE FROM "_prisma_migrations"`,
    };
    const outcomes = await outcomesOf(attempts);
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, INSUFFICIENT_PRIVILEGE])));
  });

  it("reads and writes the ordinary tables, and nothing more: no TRUNCATE, no new tables, owns nothing", async () => {
    const { rows } = await app.query<{ id: string }>(
      `INSERT INTO "Agency" ("id", "name", "state", "timeZone", "updatedAt") VALUES (gen_random_uuid(), 'Role Test', 'NY', 'America/New_York', now()) RETURNING "id"`,
    );
    const id = rows[0]!.id;
    expect(await outcomeOf(`UPDATE "Agency" SET "name" = 'Renamed' WHERE "id" = $1`, [id])).toBe("ok");
    expect((await app.query(`SELECT "name" FROM "Agency" WHERE "id" = $1`, [id])).rows).toEqual([{ name: "Renamed" }]);
    expect(await outcomeOf(`DELETE FROM "Agency" WHERE "id" = $1`, [id])).toBe("ok");
    expect(await outcomeOf(`INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES ('role-test', now(), 1)`)).toBe("ok");

    expect(await outcomeOf(`TRUNCATE "Agency" CASCADE`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcomeOf(`ALTER TABLE "User" DISABLE TRIGGER ALL`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcomeOf(`CREATE TABLE "Mine" ("id" int)`)).toBe(INSUFFICIENT_PRIVILEGE);

    const { rows: role } = await app.query(
      `SELECT r.rolsuper AS superuser, r.rolcreaterole AS "createRole", r.rolbypassrls AS "bypassRls",
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner = r.oid) AS "ownedRelations",
              (SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proowner = r.oid) AS "ownedFunctions"
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toEqual([{ superuser: false, createRole: false, bypassRls: false, ownedRelations: 0, ownedFunctions: 0 }]);
  });

  it("uses the job queue's schema made by the owner, and can neither create, drop nor reshape it", async () => {
    // The owner made it when migrating: the schema, its version and the app's queues.
    const { rows: queues } = await app.query<{ name: string }>(`SELECT "name" FROM "pgboss"."queue" ORDER BY "name"`);
    expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(["deactivate-unused-accounts", "deliver-email"]));
    const attempts = {
      "drop the schema": `DROP SCHEMA "pgboss" CASCADE`,
      "create the schema again": `CREATE SCHEMA "pgboss_again"`,
      "create a table in it": `CREATE TABLE "pgboss"."mine" ("id" int)`,
      "create a queue": `SELECT "pgboss"."create_queue"('sneaky', '{"policy":"standard"}'::json)`,
      "delete a queue": `SELECT "pgboss"."delete_queue"('deliver-email')`,
      "change a queue's policy": `UPDATE "pgboss"."queue" SET "retry_limit" = 0`,
      "change the schedule": `DELETE FROM "pgboss"."schedule"`,
      "change the schema's version": `UPDATE "pgboss"."version" SET "version" = 0`,
      "truncate the jobs": `TRUNCATE "pgboss"."job"`,
      "alter the jobs": `ALTER TABLE "pgboss"."job" ADD COLUMN "x" int`,
    };
    const outcomes = await outcomesOf(attempts);
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, INSUFFICIENT_PRIVILEGE])));
    const { rows: schemas } = await app.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'pgboss%' ORDER BY 1`);
    expect(schemas).toEqual([{ nspname: "pgboss" }]);
  });

  it("adds, takes and finishes jobs, and notes its maintenance time", async () => {
    const { rows } = await app.query<{ id: string }>(
      `INSERT INTO "pgboss"."job" ("name", "data") VALUES ('deliver-email', '{}') RETURNING "id"`,
    );
    const id = rows[0]!.id;
    expect(await outcomeOf(`UPDATE "pgboss"."job" SET "state" = 'active', "started_on" = now() WHERE "name" = 'deliver-email' AND "id" = $1`, [id])).toBe("ok");
    expect(await outcomeOf(`UPDATE "pgboss"."job" SET "state" = 'completed', "completed_on" = now() WHERE "name" = 'deliver-email' AND "id" = $1`, [id])).toBe("ok");
    expect(await outcomeOf(`UPDATE "pgboss"."version" SET "maintained_on" = now()`)).toBe("ok");
    expect(await outcomeOf(`DELETE FROM "pgboss"."job" WHERE "name" = 'deliver-email' AND "id" = $1`, [id])).toBe("ok");
  });

  it("gets the ordinary rights on every table but the audit trail's, its heads and the migration history", async () => {
    const { rows } = await app.query<{ table: string; rights: string }>(
      `SELECT t.tablename AS "table",
              concat_ws(',', CASE WHEN has_table_privilege(format('public.%I', t.tablename), 'SELECT') THEN 'select' END,
                             CASE WHEN has_table_privilege(format('public.%I', t.tablename), 'INSERT') THEN 'insert' END,
                             CASE WHEN has_table_privilege(format('public.%I', t.tablename), 'UPDATE') THEN 'update' END,
                             CASE WHEN has_table_privilege(format('public.%I', t.tablename), 'DELETE') THEN 'delete' END,
                             CASE WHEN has_table_privilege(format('public.%I', t.tablename), 'TRUNCATE') THEN 'truncate' END,
                             CASE WHEN has_table_privilege(format('public.%I', t.tablename), 'TRIGGER') THEN 'trigger' END) AS rights
         FROM pg_tables t WHERE t.schemaname = 'public' ORDER BY 1`,
    );
    const special: Record<string, string> = {
      AuditEvent: "select,insert",
      AuditChainHead: "",
      _prisma_migrations: "",
      DatabaseBackup: "select",
      DatabaseRestore: "select",
      LostAuditEvent: "select",
    };
    expect(rows.length).toBeGreaterThan(10);
    for (const { table, rights } of rows) expect(`${table}: ${rights}`).toBe(`${table}: ${special[table] ?? "select,insert,update,delete"}`);
  });

  it("only reads the backups' record, but for marking a backup copied off the machine", async () => {
    await db().databaseBackup.create({ data: { takenAt: new Date(), fileName: "homeward-test.backup", bytes: 1n, kind: "MANUAL" } });
    expect(await outcomeOf(`UPDATE "DatabaseBackup" SET "copiedOffAt" = now(), "copiedOffBy" = NULL`)).toBe("ok");
    expect(await outcomeOf(`UPDATE "DatabaseBackup" SET "takenAt" = now()`)).toBe("42501");
    expect(await outcomeOf(`INSERT INTO "DatabaseBackup" ("id", "takenAt", "fileName", "bytes", "kind") VALUES (gen_random_uuid(), now(), 'forged', 1, 'MANUAL')`)).toBe("42501");
    expect(await outcomeOf(`DELETE FROM "DatabaseBackup"`)).toBe("42501");
    expect(await outcomeOf(`DELETE FROM "LostAuditEvent"`)).toBe("42501");
  });
});
