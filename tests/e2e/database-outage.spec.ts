import { expect, test } from "@playwright/test";
import { accessibleAtBothWidths, signIn, startReportForNewChild, withDatabase, switchDatabase } from "./support";

const database = switchDatabase;

test.afterEach(async () => {
  await database("up");
});

test("the wizard keeps what is typed through a database outage, says so, and saves it when the database is back", async ({ page }) => {
  await signIn(page, "caseworker@demo.example.org");
  const episodeId = await startReportForNewChild(page);
  await page.goto(`/cases/${episodeId}/report/child`);
  const status = page.getByRole("status").filter({ hasText: /draft|database|connected/i });
  await page.getByLabel("Middle name (optional)").fill("Avery");
  await expect(status).toContainText("Draft saved at");

  await database("down");
  const refusedDraft = () => page.waitForResponse((response) => response.url().includes(`/api/episodes/${episodeId}/drafts/child`) && response.status() === 503);
  let refused = refusedDraft();
  await page.getByLabel("Aliases and nicknames (optional)").fill("Ave, typed while the database was away");
  await refused;
  await expect(status).toContainText("Homeward cannot reach its database right now");
  await expect(status).toContainText("1-800-THE-LOST");
  // A page opened meanwhile says the same, with 503.
  const other = await page.request.get("/cases");
  expect(other.status()).toBe(503);
  expect(other.headers()["retry-after"]).toBe("5");
  await accessibleAtBothWidths(page);
  // The last words typed in the outage are refused too; nothing else is typed after them, so only
  // the wizard's own retry can save them when the database is back.
  refused = refusedDraft();
  await page.getByLabel("Middle name (optional)").fill("Avery Lee");
  await refused;

  await database("up");
  await expect(status).toContainText("Draft saved at", { timeout: 20_000 });
  const draft = await withDatabase(async (client) => (await client.query(`SELECT "values" FROM "EpisodeDraft" WHERE "episodeId" = $1 AND "step" = 'child'`, [episodeId])).rows[0]?.values);
  expect(draft).toMatchObject({ middleName: "Avery Lee", aliases: "Ave, typed while the database was away" });
});

test("the page Homeward shows while it cannot reach its database is accessible, and tells what not to wait for", async ({ page }) => {
  await database("down");
  const response = await page.goto("/sign-in");
  expect(response?.status()).toBe(503);
  await expect(page.getByRole("heading", { level: 1, name: "Homeward cannot reach its database" })).toBeVisible();
  await expect(page.getByText("call law enforcement now, then NCMEC at 1-800-THE-LOST (1-800-843-5678)")).toBeVisible();
  await accessibleAtBothWidths(page);
  await database("up");
});
