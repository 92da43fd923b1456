// Backups restore (docs/decisions/020-backups.md). This test runs the operator's real commands
// (`npm run db:backup`, `npm run db:restore`, `npm run audit:verify`, through scripts/run.ts) on an
// embedded PostgreSQL of its own in a temporary folder, as `npm start` would keep it: it files a
// report with a photo, takes a backup, changes and deletes data, and restores. Afterwards every
// episode, every photo's bytes and the audit trail are as they were when the backup was taken, the
// chains verify, and what was recorded after the backup is listed for the admin. A restore over a
// database with data is refused without --force, and a backup cannot be read without its key.
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { databaseUrlFor, embeddedPostgres, withClient, type Postgres } from "../../scripts/lib/postgres";
import { ROOT, run } from "../../scripts/lib/processes";
import { png } from "../fixtures/images";
import { backupsToRemove } from "@/domain/backup-retention";

let folder: string;
let dataDir: string;
let keyFile: string;
let postgres: Postgres | undefined;
let ownerUrl: string;

/** One of the operator's commands, as `npm run` runs it, on the test's data folder. */
async function command(name: string, args: string[] = [], env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOMEWARD_DATA_DIR: dataDir, HOMEWARD_BACKUP_KEY_FILE: keyFile, ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.DATABASE_MIGRATION_URL;
  if (!env.HOMEWARD_BACKUP_KEY) delete childEnv.HOMEWARD_BACKUP_KEY;
  return run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "run.ts"), name, ...args], childEnv, { quiet: true });
}

async function startCluster(): Promise<void> {
  postgres = await embeddedPostgres(path.join(dataDir, "postgres"), { writes: "fast" });
  ownerUrl = databaseUrlFor(postgres.serverUrl, "homeward");
}

async function stopCluster(): Promise<void> {
  await postgres?.stop();
  postgres = undefined;
}

/** What a restore must bring back: episodes, photos' bytes (as digests) and the audit trail. */
async function snapshot() {
  return withClient(ownerUrl, async (client) => ({
    episodes: (await client.query(`SELECT "id", "childId", "stage"::text, "updatedAt" FROM "Episode" ORDER BY "id"`)).rows,
    photos: (await client.query(`SELECT "id", "episodeId", md5("displayJpeg") AS "display", md5("thumbnailJpeg") AS "thumbnail" FROM "Photo" ORDER BY "id"`)).rows,
    events: (await client.query(`SELECT "id"::text, "chainKey", "chainSeq"::text, "hash", "action" FROM "AuditEvent" ORDER BY "id"`)).rows,
  }));
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "homeward-backup-"));
  // As root, PostgreSQL runs as `postgres`, which must reach the data folder inside.
  chmodSync(folder, 0o755);
  dataDir = path.join(folder, "data");
  keyFile = path.join(folder, "keys", "backup.key");
  // The first command makes the cluster, migrates it and makes the key (outside the data folder).
  const first = await command("db-backup");
  expect(first.output).toContain("made a new backup key");
  expect(first.code, first.output).toBe(0);
  expect(existsSync(keyFile)).toBe(true);
});

afterAll(async () => {
  await stopCluster().catch(() => undefined);
  rmSync(folder, { recursive: true, force: true });
});

it("restores every episode, every photo's bytes and the audit trail as they were, and lists what came after", async () => {
  await startCluster();
  // The app's own use cases, on this cluster (as its owner: the test also changes what the app may not).
  process.env.DATABASE_URL = ownerUrl;
  process.env.NEXTAUTH_SECRET = "backup-test-secret-backup-test-secret-backup";
  const { db } = await import("@/server/db");
  const { makeAgency, makeUser, signInAs, requestId } = await import("../integration/support");
  const { startEpisode } = await import("@/server/episodes/start-episode");
  const { addPhoto } = await import("@/server/photos/add-photo");
  const agency = await makeAgency("Backup County");
  const actor = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  const child = (n: string) => ({ firstName: "Bea", lastName: `Backup${n}`, dateOfBirth: "2012-01-01", agencyCaseNumber: `BK-${n}`, underAgencyGuardianship: "yes" });
  const { episodeId } = await startEpisode(actor, { newChild: child("1") }, { requestId: requestId() });
  await addPhoto(actor, { episodeId, file: await png(), fields: { takenOn: "2026-10-01", attest: "yes" } }, { requestId: requestId() });
  const before = await snapshot();
  expect(before.episodes).toHaveLength(1);
  expect(before.photos).toHaveLength(1);

  // The backup, taken from the running cluster, as `npm run db:backup` does while Homeward serves.
  const backup = await command("db-backup");
  expect(backup.code, backup.output).toBe(0);
  const file = backup.output.trim().split("\n").find((line) => line.endsWith(".backup"))!;
  expect(existsSync(file)).toBe(true);
  // The file holds no readable trace of what it backs up (the child's name is in the database).
  expect(readFileSync(file).includes(Buffer.from("Backup1"))).toBe(false);

  // After the backup: a new report is filed, the photo is deleted and the first episode changed.
  const after = await startEpisode(actor, { newChild: child("2") }, { requestId: requestId() });
  await withClient(ownerUrl, async (client) => {
    await client.query(`DELETE FROM "Photo"`);
    await client.query(`UPDATE "Episode" SET "updatedAt" = now() + interval '1 day' WHERE "id" = $1`, [episodeId]);
  });
  await db().$disconnect();
  await stopCluster();

  // A database with data is not replaced without --force; nothing changes.
  const refused = await command("db-restore", [file]);
  expect(refused.code).toBe(1);
  expect(refused.output).toMatch(/holds data \(1 agencies, 2 episodes, \d+ audit events\).*--force/);
  expect(readdirSync(dataDir).filter((name) => name.startsWith("postgres."))).toEqual([]);

  // Without its key, the backup cannot be read: another key, or a changed byte, is refused.
  const otherKey = await command("db-restore", [file, "--force"], { HOMEWARD_BACKUP_KEY: randomBytes(32).toString("base64") });
  expect(otherKey.code).toBe(1);
  expect(otherKey.output).toContain("made with another key");
  const tampered = path.join(folder, "tampered.backup");
  cpSync(file, tampered);
  const bytes = readFileSync(tampered);
  const middle = Math.floor(bytes.length / 2);
  bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
  writeFileSync(tampered, bytes);
  const changed = await command("db-restore", [tampered, "--force"]);
  expect(changed.code).toBe(1);
  expect(changed.output).toContain("changed or damaged");
  expect(readdirSync(dataDir).filter((name) => name.startsWith("postgres."))).toEqual([]);

  // With --force: restored, the replaced data folder kept beside it.
  const restored = await command("db-restore", [file, "--force"]);
  expect(restored.code, restored.output).toBe(0);
  expect(readdirSync(dataDir).filter((name) => name.startsWith("postgres.replaced-"))).toHaveLength(1);

  await startCluster();
  const now = await snapshot();
  expect(now.episodes).toEqual(before.episodes);
  expect(now.photos).toEqual(before.photos);
  // Every event of the backup, unchanged; then the restore itself, in the agency's trail.
  expect(now.events.slice(0, before.events.length)).toEqual(before.events);
  expect(now.events.slice(before.events.length).map((e) => e.action)).toEqual(["database.restored"]);
  // What was recorded after the backup is listed for the agency's admin: the second report.
  const lost = await withClient(ownerUrl, async (client) => (await client.query(`SELECT "agencyId"::text, "action", "targetId" FROM "LostAuditEvent"`)).rows);
  expect(lost).toContainEqual({ agencyId: agency.id, action: "episode.created", targetId: after.episodeId });
  // The record of backups knows the backup it was restored from, taken after its own record ended.
  const backups = await withClient(ownerUrl, async (client) => (await client.query(`SELECT "fileName" FROM "DatabaseBackup"`)).rows.map((row) => row.fileName));
  expect(backups).toContain(path.basename(file));
  await stopCluster();

  const verified = await command("audit-verify");
  expect(verified.code, verified.output).toBe(0);
  expect(verified.output).toMatch(/All \d+ audit chains verify/);
});

it("takes the nightly backup through the job queue and keeps seven nights and four weeks", async () => {
  await startCluster();
  const { startNightlyBackups, BACKUP_QUEUE } = await import("../../scripts/lib/nightly-backup");
  const { loadBackupKey } = await import("../../scripts/lib/backup-file");
  const dir = path.join(dataDir, "backups");
  // Six weeks of earlier nightly backups on record (files included), one a night.
  const earlier = Array.from({ length: 42 }, (_, night) => new Date(Date.now() - (night + 1) * 86_400_000));
  await withClient(ownerUrl, async (client) => {
    for (const takenAt of earlier) {
      const fileName = `homeward-old-${takenAt.getTime()}-nightly.backup`;
      writeFileSync(path.join(dir, fileName), "old");
      await client.query(`INSERT INTO "DatabaseBackup" ("id", "takenAt", "fileName", "bytes", "kind") VALUES (gen_random_uuid(), $1, $2, 3, 'NIGHTLY')`, [takenAt, fileName]);
    }
  });
  const source = { ownerUrl, serverUrl: postgres!.serverUrl, embedded: true };
  const key = loadBackupKey({ keyFile, keptApartFrom: [dataDir], create: false });
  const nightly = await startNightlyBackups(source, { dir, key, cron: "30 2 * * *", timeZone: "UTC", pollingIntervalSeconds: 0.5 });
  try {
    // What the schedule sends at 02:30, sent now rather than waited for.
    const PgBoss = (await import("pg-boss")).default;
    const sender = new PgBoss({ connectionString: ownerUrl, schema: "pgboss", migrate: false, supervise: false, schedule: false, max: 1 });
    await sender.start();
    await sender.send(BACKUP_QUEUE, {});
    await sender.stop({ graceful: false, close: true });
    const deadline = Date.now() + 60_000;
    let rows: { fileName: string; removedAt: Date | null; takenAt: Date }[] = [];
    while (Date.now() < deadline) {
      rows = await withClient(ownerUrl, async (client) => (await client.query(`SELECT "fileName", "removedAt", "takenAt" FROM "DatabaseBackup" WHERE "kind" = 'NIGHTLY' ORDER BY "takenAt" DESC`)).rows);
      if (rows.some((row) => !row.fileName.startsWith("homeward-old-")) && rows.some((row) => row.removedAt)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const fresh = rows.find((row) => !row.fileName.startsWith("homeward-old-"));
    expect(fresh, "the nightly backup was taken").toBeDefined();
    expect(existsSync(path.join(dir, fresh!.fileName))).toBe(true);
    // Removed, files and all: exactly what the retention rule (seven days, four weeks) names.
    const expected = backupsToRemove(rows.map((row) => ({ id: row.fileName, takenAt: row.takenAt }))).map((b) => b.id).sort();
    expect(rows.filter((row) => row.removedAt).map((row) => row.fileName).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(30);
    for (const row of rows) expect(existsSync(path.join(dir, row.fileName))).toBe(!row.removedAt);
  } finally {
    await nightly.stop();
    await stopCluster();
  }
});
