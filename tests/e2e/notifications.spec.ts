import { expect, test } from "@playwright/test";
import PgBoss from "pg-boss";
import { launcherEnv } from "../../src/config/env";
import { completeSteps } from "../fixtures/episode-steps";
import { accessibleAtBothWidths, createCaseworker, signIn, startReportForNewChild, saveSteps, withDatabase } from "./support";

const HOUR = 60 * 60 * 1000;

/**
 * Asks the running app's job queue for a reminder sweep now, as the minute's schedule would: the
 * app's own worker runs it (the queue and its handler are the app's, not this test's).
 */
async function sweepNow() {
  const boss = new PgBoss({ connectionString: launcherEnv().DATABASE_URL, schema: "pgboss", migrate: false, supervise: false, schedule: false, max: 1 });
  await boss.start();
  try {
    await boss.send("remind-due-clocks", {});
  } finally {
    await boss.stop({ graceful: false });
  }
}

test("a caseworker is told of a clock past three quarters: the count in the header, the notifications page, the case, mark as read", async ({ page }) => {
  test.setTimeout(90_000);
  const email = await createCaseworker();
  await signIn(page, email);
  const episodeId = await startReportForNewChild(page);
  // Discovered 20 hours ago: the two 24-hour reporting clocks are past three quarters, not yet due.
  const steps = completeSteps(new Date(Date.now() - 17 * HOUR));
  await saveSteps(page, episodeId, { ...steps, child: { ...steps.child, lastName: "Tester", agencyCaseNumber: `REM-${episodeId.slice(0, 8)}` } }, "missing-event");

  await sweepNow();
  await expect
    .poll(
      () =>
        withDatabase(async (client) => (await client.query(`SELECT count(*)::int AS "count" FROM "Notification" n JOIN "User" u ON u."id" = n."userId" WHERE u."email" = $1`, [email])).rows[0].count),
      { timeout: 30_000 },
    )
    .toBe(2);

  await page.goto("/");
  const count = page.getByRole("banner").getByRole("link", { name: "2 unread notifications" });
  await expect(count).toBeVisible();
  await accessibleAtBothWidths(page);

  await count.click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText("E-mail is off.")).toBeVisible();
  await expect(page.getByText("2 unread of 2 notifications.")).toBeVisible();
  const lawEnforcement = page.getByRole("heading", { level: 2, name: /^Unread: Due soon: the report to law enforcement, by .* E[SD]T$/ });
  await expect(lawEnforcement).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Unread: Due soon: the report to NCMEC, by / })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("Jordan");
  await accessibleAtBothWidths(page);

  // Mark one as read by keyboard: it says so in words, focus stays on it, the header counts one.
  await page.getByRole("button", { name: /^Mark as read: Due soon: the report to law enforcement/ }).focus();
  await page.keyboard.press("Enter");
  const read = page.getByRole("heading", { level: 2, name: /^Read: Due soon: the report to law enforcement/ });
  await expect(read).toBeVisible();
  await expect(read).toBeFocused();
  await expect(page.getByRole("banner").getByRole("link", { name: "1 unread notification" })).toBeVisible();
  await accessibleAtBothWidths(page);

  // The link leads to the case.
  await page.getByRole("link", { name: /^Open the case: Due soon: the report to NCMEC/ }).click();
  await page.waitForURL(`**/cases/${episodeId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await accessibleAtBothWidths(page);

  await page.goBack();
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByText("0 unread of 2 notifications.")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "No unread notifications" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Mark/ })).toHaveCount(0);
  await accessibleAtBothWidths(page);
});
