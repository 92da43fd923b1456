/**
 * Migrating, and the two database roles (docs/decisions/009-durability-and-database-roles.md): the
 * owner, who migrates, seeds and owns every table, and the application's role, which the running
 * app connects as. The application's role reads and writes the ordinary tables, may only add to and
 * read the audit trail, and has no right at all on the audit chain's heads or Prisma's migration
 * history: it owns nothing, so it can neither disable nor drop a trigger.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { ROOT, run } from "./processes";
import { LaunchError } from "./launch-error";
import { withClient } from "./postgres";
import { installJobQueue } from "./job-queue";
import { JOB_QUEUE_SCHEMA } from "../../src/server/jobs/queues";

/** The application's role in an embedded cluster (its password is kept under the data folder). */
export const EMBEDDED_APP_ROLE = "homeward_app";

/** Tables the application may only add to and read. */
const APPEND_ONLY_TABLES = ["AuditEvent"];
/** Tables the application has no right on at all. */
const OUT_OF_REACH_TABLES = ["AuditChainHead", "_prisma_migrations"];
/** Tables the application only reads: the backups' record, kept by the operator's commands (decision 020)... */
const READ_ONLY_TABLES = ["DatabaseBackup", "DatabaseRestore", "LostAuditEvent"];
/** ...but for the columns an admin sets in the app: that a backup was copied off the machine. */
const APP_UPDATABLE_COLUMNS: Record<string, string[]> = { DatabaseBackup: ["copiedOffAt", "copiedOffBy"] };
/** The job queue's tables the application only reads: its version, its queues and their schedules are the owner's. */
const JOB_QUEUE_READ_ONLY_TABLES = ["version", "queue", "schedule", "subscription"];

export function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** The same database, signed in as someone else. */
function urlAs(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

export function newRolePassword(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Migrates as the owner (the tables, then the job queue's schema), then gives the application's
 * role (when there is one) its rights again.
 */
export async function migrateAndGrant(ownerUrl: string, appRole: string | undefined): Promise<void> {
  await migrate(ownerUrl);
  await installJobQueue(ownerUrl);
  if (appRole) await grantApplicationRole(ownerUrl, appRole);
}

/** Applies the migrations as the owner (`prisma migrate deploy` through the offline wrapper). */
async function migrate(ownerUrl: string): Promise<void> {
  const { code, output } = await run(process.execPath, [path.join(ROOT, "scripts", "prisma.mjs"), "migrate", "deploy"], { ...process.env, DATABASE_URL: ownerUrl }, { quiet: true });
  if (code !== 0) {
    const reason = output.split("\n").find((line) => /^Error|P\d{4}/.test(line.trim())) ?? output.trim().split("\n").pop();
    throw new LaunchError(`Migrating the database failed: ${reason}`);
  }
}

/**
 * Makes `role` a login role with `password` (creating it, or setting the password it has now) and
 * returns `databaseUrl` signed in as it. Needs a superuser or CREATEROLE; without either, resolves
 * to undefined when `optional`.
 */
export async function ensureLoginRole(databaseUrl: string, role: string, password: string, options: { optional?: boolean } = {}): Promise<string | undefined> {
  try {
    await withClient(databaseUrl, async (client) => {
      const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      const verb = rowCount ? "ALTER" : "CREATE";
      await client.query(`${verb} ROLE ${client.escapeIdentifier(role)} WITH LOGIN PASSWORD ${client.escapeLiteral(password)}`);
    });
  } catch (error) {
    if (options.optional && (error as { code?: string }).code === "42501") return undefined;
    throw new LaunchError(`Could not create the database role ${role}: ${(error as Error).message}`);
  }
  return urlAs(databaseUrl, role, password);
}

export async function dropRole(serverUrl: string, role: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(role)}`));
}

/**
 * (Re)applies the application role's rights, as the owner, after every migration. Idempotent and
 * exact: everything is revoked and granted again in one transaction, so a right given by hand or
 * by an older version does not linger. Tables created later by the owner get the ordinary rights
 * by default; the next run of this function takes away what they should not have.
 */
export async function grantApplicationRole(ownerUrl: string, role: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const app = client.escapeIdentifier(role);
    const database = (await client.query<{ name: string }>("SELECT current_database() AS name")).rows[0]!.name;
    const existing = new Set(
      (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")).rows.map((row) => row.name),
    );
    const table = (name: string) => `public.${client.escapeIdentifier(name)}`;
    const jobSchema = client.escapeIdentifier(JOB_QUEUE_SCHEMA);
    const { rowCount: hasJobQueue } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [JOB_QUEUE_SCHEMA]);
    // The job queue (pg-boss): its jobs and their archive read and written; the rest read, but for
    // the times its maintenance and schedule note in the version row to take turns across instances.
    const jobQueueStatements = [
      `REVOKE ALL ON SCHEMA ${jobSchema} FROM ${app}`,
      `GRANT USAGE ON SCHEMA ${jobSchema} TO ${app}`,
      `REVOKE ALL ON ALL TABLES IN SCHEMA ${jobSchema} FROM ${app}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${jobSchema} TO ${app}`,
      ...JOB_QUEUE_READ_ONLY_TABLES.map((name) => `REVOKE INSERT, UPDATE, DELETE ON ${jobSchema}.${client.escapeIdentifier(name)} FROM ${app}`),
      `GRANT UPDATE (maintained_on, cron_on, monitored_on) ON ${jobSchema}.version TO ${app}`,
      // Creating or deleting a queue is the owner's (a queue is a table).
      `REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA ${jobSchema} FROM PUBLIC`,
    ];
    const statements = [
      `GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${app}`,
      // No temporary tables: one could shadow a table an owner's function reads.
      `REVOKE TEMPORARY ON DATABASE ${client.escapeIdentifier(database)} FROM PUBLIC`,
      `REVOKE TEMPORARY ON DATABASE ${client.escapeIdentifier(database)} FROM ${app}`,
      `REVOKE ALL ON SCHEMA public FROM ${app}`,
      `GRANT USAGE ON SCHEMA public TO ${app}`,
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`,
      `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
      `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${app}`,
      ...APPEND_ONLY_TABLES.filter((name) => existing.has(name)).map((name) => `REVOKE UPDATE, DELETE ON ${table(name)} FROM ${app}`),
      ...OUT_OF_REACH_TABLES.filter((name) => existing.has(name)).map((name) => `REVOKE ALL ON ${table(name)} FROM ${app}`),
      ...READ_ONLY_TABLES.filter((name) => existing.has(name)).map((name) => `REVOKE INSERT, UPDATE, DELETE ON ${table(name)} FROM ${app}`),
      ...Object.entries(APP_UPDATABLE_COLUMNS)
        .filter(([name]) => existing.has(name))
        .map(([name, columns]) => `GRANT UPDATE (${columns.map((c) => client.escapeIdentifier(c)).join(", ")}) ON ${table(name)} TO ${app}`),
      ...(hasJobQueue ? jobQueueStatements : []),
    ];
    try {
      await client.query("BEGIN");
      // Instances starting together would otherwise update the same privileges at once and fail.
      await client.query("SELECT pg_advisory_xact_lock(727275)");
      for (const statement of statements) await client.query(statement);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw new LaunchError(`Could not grant the application's database role ${role} its rights: ${(error as Error).message}`);
    }
  });
}

/**
 * What makes the application's connection more powerful than it should be, in one line, or
 * undefined: a superuser, an owner of tables, or a role that may create tables.
 */
export async function applicationRoleWarning(appUrl: string): Promise<string | undefined> {
  const { superuser, owns, creates } = await withClient(appUrl, async (client) => {
    const { rows } = await client.query<{ superuser: boolean; owns: boolean; creates: boolean }>(
      `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owns,
              has_schema_privilege('public', 'CREATE') AS creates`,
    );
    return rows[0]!;
  });
  if (!superuser && !owns && !creates) return undefined;
  const what = superuser ? "a superuser" : owns ? "the owner of the tables" : "allowed to create tables";
  return (
    `warning: the application connects to PostgreSQL as ${userOf(appUrl)}, ${what}, so the audit trail is only as safe as that account. ` +
    `Give the application its own role and run migrations through DATABASE_MIGRATION_URL (README, "An existing PostgreSQL").`
  );
}
