// The migrations in prisma/migrations are the source of truth for the database. This test
// applies them to a fresh database through the same CLI wrapper developers use
// (scripts/prisma.mjs, offline schema engine), checks that they produce exactly what
// prisma/schema.prisma describes, and that the audit trail is append-only.
//
// Needs TEST_PG_SERVER_URL: a postgres:// URL of the maintenance database (`postgres`) on a
// server whose role may CREATE DATABASE (a temporary database and, for `migrate diff
// --from-migrations`, a shadow database are created and dropped).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const serverUrl = process.env.TEST_PG_SERVER_URL;
const TIMEOUT = 120_000;

const dbName = `homeward_migrations_test_${Date.now()}_${randomBytes(4).toString("hex")}`;

function databaseUrl(name: string): string {
  const url = new URL(serverUrl as string);
  url.pathname = `/${name}`;
  return url.toString();
}

type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs `node scripts/prisma.mjs ...args` against the test database. */
function prisma(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "prisma.mjs"), ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl(dbName) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function describeResult(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!serverUrl)("database migrations (needs TEST_PG_SERVER_URL)", () => {
  beforeAll(async () => {
    await withClient(serverUrl as string, (c) => c.query(`CREATE DATABASE "${dbName}"`));
  }, TIMEOUT);

  afterAll(async () => {
    if (!serverUrl) return;
    await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  }, TIMEOUT);

  it("applies every migration with `migrate deploy`", { timeout: TIMEOUT }, async () => {
    const deploy = await prisma(["migrate", "deploy"]);
    expect(deploy.code, describeResult(deploy)).toBe(0);

    const tables = await withClient(databaseUrl(dbName), async (c) => {
      const { rows } = await c.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      return rows.map((r) => r.table_name);
    });
    expect(tables).toEqual(expect.arrayContaining(["Agency", "User", "UserSession", "AuditEvent"]));

    const status = await prisma(["migrate", "status"]);
    expect(status.code, describeResult(status)).toBe(0);
  });

  it("finds no drift between the migrations and prisma/schema.prisma", { timeout: TIMEOUT }, async () => {
    const diff = await prisma([
      "migrate",
      "diff",
      "--from-migrations",
      "prisma/migrations",
      "--to-schema",
      "prisma/schema.prisma",
      "--exit-code",
    ]);
    expect(diff.code, describeResult(diff)).toBe(0);
  });

  it("does report a difference when the schema changes", { timeout: TIMEOUT }, async () => {
    // Guards the check above: the same command must fail when the schema has an extra column.
    const original = fs.readFileSync(path.join(repoRoot, "prisma", "schema.prisma"), "utf8");
    const altered = original.replace(/model AuditEvent \{\n/, "model AuditEvent {\n  driftProbe String?\n");
    expect(altered).not.toBe(original);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "homeward-schema-"));
    const alteredPath = path.join(dir, "schema.prisma");
    fs.writeFileSync(alteredPath, altered);
    try {
      const diff = await prisma([
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        alteredPath,
        "--script",
        "--exit-code",
      ]);
      // --exit-code: 0 = no difference, 1 = error, 2 = difference found.
      expect(diff.code, describeResult(diff)).toBe(2);
      expect(diff.stdout).toMatch(/ALTER TABLE "AuditEvent" ADD COLUMN\s+"driftProbe" TEXT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses UPDATE and DELETE on AuditEvent", { timeout: TIMEOUT }, async () => {
    await withClient(databaseUrl(dbName), async (c) => {
      const inserted = await c.query<{ id: string }>(
        `INSERT INTO "AuditEvent" ("action", "outcome", "requestId") VALUES ('test.insert', 'SUCCESS', 'req-1') RETURNING "id"`,
      );
      const id = inserted.rows[0]?.id;
      expect(id).toBeDefined();

      await expect(c.query(`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(c.query(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [id])).rejects.toThrow(/append-only/);

      const { rows } = await c.query(`SELECT "action" FROM "AuditEvent" WHERE "id" = $1`, [id]);
      expect(rows).toEqual([{ action: "test.insert" }]);
    });
  });
});
