import { expect, test } from "@playwright/test";
import { accessibleAtBothWidths, localDraftKeys, signIn, startReportForNewChild, updateOpenSessions, withDatabase, switchDatabase } from "./support";

const EMAIL = "caseworker@demo.example.org";

const database = switchDatabase;

test.afterEach(async () => {
  await database("up");
});

test("answers typed through an outage in which the session ended stay on the page, not the device, and are saved once the person signs in again in another tab", async ({ page, context }) => {
  await signIn(page, EMAIL);
  const episodeId = await startReportForNewChild(page);
  await page.goto(`/cases/${episodeId}/report/child`);
  const status = page.getByRole("status").filter({ hasText: /draft|session|signed in|database/i });
  await page.getByLabel("Middle name (optional)").fill("Quinn");
  await expect(status).toContainText("Draft saved at");

  // The database goes away while the person types; meanwhile the session ends (signed out in another
  // tab, or an admin ended it). When the database is back, the page's retry is refused with 401.
  await database("down");
  await page.getByLabel("Aliases and nicknames (optional)").fill("Q, typed after the session ended");
  await expect(status).toContainText("Homeward cannot reach its database right now");
  await updateOpenSessions(EMAIL, `"endedAt" = now(), "endReason" = 'SIGN_OUT'`);
  await database("up");
  const alert = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "Sign in again to save what you typed" }) });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await expect(status).toContainText("kept on this page only");
  // Nothing of the child is left in the browser's storage, and the page still holds what was typed.
  expect(await localDraftKeys(page)).toEqual([]);
  await expect(page.getByLabel("Aliases and nicknames (optional)")).toHaveValue("Q, typed after the session ended");
  await accessibleAtBothWidths(page);

  // Signing in again in the tab the alert opens; this page then saves by itself and loads again.
  const [signInTab] = await Promise.all([context.waitForEvent("page"), alert.getByRole("link", { name: "Sign in again (opens a new tab)" }).click()]);
  await signIn(signInTab, EMAIL);
  await expect(alert).toBeHidden({ timeout: 20_000 });
  await expect(page.getByLabel("Aliases and nicknames (optional)")).toHaveValue("Q, typed after the session ended");
  const draft = await withDatabase(async (client) => (await client.query(`SELECT "values" FROM "EpisodeDraft" WHERE "episodeId" = $1 AND "step" = 'child'`, [episodeId])).rows[0]?.values);
  expect(draft).toMatchObject({ middleName: "Quinn", aliases: "Q, typed after the session ended" });
  await signInTab.close();
});
