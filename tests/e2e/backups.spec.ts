import { expect, test } from "@playwright/test";
import { accessibleAtBothWidths, focusStaysVisible, signIn, withDatabase } from "./support";

const OLD = "homeward-e2e-old-manual.backup";
const NEW = "homeward-e2e-new-manual.backup";

test.afterEach(async () => {
  await withDatabase(async (client) => {
    await client.query(`DELETE FROM "LostAuditEvent" WHERE "restoreId" IN (SELECT "id" FROM "DatabaseRestore" WHERE "fileName" = $1)`, [OLD]);
    await client.query(`DELETE FROM "DatabaseRestore" WHERE "fileName" = $1`, [OLD]);
    await client.query(`DELETE FROM "DatabaseBackup" WHERE "fileName" IN ($1, $2)`, [OLD, NEW]);
  });
});

test("an admin is warned about a backup not copied off the machine, marks it copied, and sees what a restore lost", async ({ page }) => {
  // What the operator's commands record: two backups, and a restore from the older one that could
  // not bring back a report started after it in the demo agency.
  await withDatabase(async (client) => {
    await client.query(
      `INSERT INTO "DatabaseBackup" ("id", "takenAt", "fileName", "bytes", "kind") VALUES
         (gen_random_uuid(), now() - interval '3 days', $1, 5242880, 'MANUAL'), (gen_random_uuid(), now() - interval '1 hour', $2, 6291456, 'MANUAL')`,
      [OLD, NEW],
    );
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "DatabaseRestore" ("id", "restoredAt", "backupTakenAt", "fileName") VALUES (gen_random_uuid(), now() - interval '30 minutes', now() - interval '3 days', $1) RETURNING "id"`,
      [OLD],
    );
    await client.query(
      `INSERT INTO "LostAuditEvent" ("restoreId", "agencyId", "occurredAt", "action", "actorName", "targetType", "targetId")
       SELECT $1, "agencyId", now() - interval '2 days', 'episode.created', 'Alex Kim', 'Episode', '00000000-0000-4000-8000-000000000001' FROM "User" WHERE "email" = 'admin@demo.example.org'`,
      [rows[0]!.id],
    );
  });

  await signIn(page, "admin@demo.example.org");
  await page.goto("/admin/users");
  const warning = page.getByRole("complementary", { name: "Warning: the backups need attention" });
  await expect(warning).toContainText("No backup of the last seven days has been copied off this machine");
  await warning.getByRole("link", { name: "See the backups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Backups" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Warning: the backups need attention" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Restored .* from the backup of / })).toBeVisible();
  await expect(page.getByText(/Report started, by Alex Kim \(episode 00000000-0000-4000-8000-000000000001\)/)).toBeVisible();
  await accessibleAtBothWidths(page);
  await focusStaysVisible(page);

  // With the keyboard alone: to the newest backup's button, and press it.
  const mark = page.getByRole("button", { name: /^Mark as copied off this machine: the backup of / }).first();
  await mark.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Yes, .* \(marked by an admin\)/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "The backups are in order" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Warning: the backups need attention" })).toHaveCount(0);
  await accessibleAtBothWidths(page);

  // The mark is in the agency's audit trail.
  const marked = await withDatabase(async (client) => (await client.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "action" = 'backup.marked_copied'`)).rows[0].n);
  expect(marked).toBe(1);
});
