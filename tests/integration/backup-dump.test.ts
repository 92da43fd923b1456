// Backups with DATABASE_URL (docs/decisions/020-backups.md): `npm run db:backup` uses pg_dump of the
// server's own major version where one is installed, and `npm run db:restore` pg_restore. The
// commands run for real (scripts/run.ts) on a database of their own on the test server. Where this
// machine has no client tools of the server's version (the embedded PostgreSQL 18 here; CI's
// PostgreSQL 15 has them), the backup is refused with what to install, and that is what is checked.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDatabase, dropDatabase, withClient } from "../../scripts/lib/postgres";
import { migrateAndGrant } from "../../scripts/lib/database-roles";
import { postgresTool, serverMajor } from "../../scripts/lib/backups";
import { ROOT, run } from "../../scripts/lib/processes";

const serverUrl = process.env.TEST_PG_SERVER_URL!;
const name = `homeward_dump_${Date.now().toString(36)}`;
let url: string;
let folder: string;
const key = randomBytes(32).toString("base64");

function command(which: "db-backup" | "db-restore", args: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, HOMEWARD_BACKUP_KEY: key, HOMEWARD_BACKUP_DIR: path.join(folder, "backups"), HOMEWARD_DATA_DIR: path.join(folder, "data") };
  delete env.DATABASE_MIGRATION_URL;
  return run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "run.ts"), which, ...args], env, { quiet: true });
}

const count = (table: string) => withClient(url, async (client) => Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n));

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "homeward-dump-"));
  url = await createDatabase(serverUrl, name);
  await migrateAndGrant(url, undefined);
  await withClient(url, (client) => client.query(`INSERT INTO "Agency" ("id", "name", "state", "timeZone", "updatedAt") VALUES (gen_random_uuid(), 'Dump County', 'OH', 'America/New_York', now())`));
});

afterAll(async () => {
  await dropDatabase(serverUrl, name);
  rmSync(folder, { recursive: true, force: true });
});

it("backs up with pg_dump of the server's version and restores with pg_restore, or says what to install", async () => {
  const major = await serverMajor(url);
  let tool: string | undefined;
  try {
    tool = postgresTool("pg_dump", major);
  } catch {
    tool = undefined;
  }
  const backup = await command("db-backup");
  if (!tool) {
    expect(backup.code).toBe(1);
    expect(backup.output).toContain(`needs pg_dump of version ${major}`);
    return;
  }
  expect(backup.code, backup.output).toBe(0);
  const file = backup.output.trim().split("\n").find((line) => line.endsWith(".backup"))!;
  expect(file).toBeTruthy();

  // After the backup: another agency. A restore over data is refused without --force.
  await withClient(url, (client) => client.query(`INSERT INTO "Agency" ("id", "name", "state", "timeZone", "updatedAt") VALUES (gen_random_uuid(), 'Later County', 'OH', 'America/New_York', now())`));
  const refused = await command("db-restore", [file]);
  expect(refused.code).toBe(1);
  expect(refused.output).toContain("--force");
  expect(await count("Agency")).toBe(2);

  const restored = await command("db-restore", [file, "--force"]);
  expect(restored.code, restored.output).toBe(0);
  expect(await withClient(url, async (client) => (await client.query(`SELECT "name" FROM "Agency" ORDER BY "name"`)).rows.map((row) => row.name))).toEqual(["Dump County"]);
  expect(await count("DatabaseRestore")).toBe(1);
});
