import { expect, test } from "@playwright/test";
import { completeSteps } from "../fixtures/episode-steps";
import { accessibleAtBothWidths, callApi, createCaseworker, errorSummary, signIn, startReportForNewChild, withDatabase } from "./support";

const DEMO_AGENCY = `(SELECT "agencyId" FROM "User" WHERE "email" = 'admin@demo.example.org')`;

/** Put the demo agency's rules back as the seed made them, for the tests that follow. */
test.afterAll(async () => {
  await withDatabase(async (client) => {
    await client.query(`UPDATE "Agency" SET "ncmecClockHours" = 24, "lawEnforcementClockHours" = 24 WHERE "id" = ${DEMO_AGENCY}`);
    await client.query(`DELETE FROM "AgencyNoticeRule" WHERE "agencyId" = ${DEMO_AGENCY}`);
  });
});

test("an admin sets a tighter NCMEC clock and a notice, and a caseworker's new episode shows both", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, "admin@demo.example.org");
  await page.getByRole("link", { name: "Agency settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agency settings" })).toBeVisible();
  await accessibleAtBothWidths(page);

  // Looser than federal law: refused, in the summary and next to the field.
  const ncmec = page.getByLabel("Report to NCMEC within (hours)");
  await ncmec.fill("25");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(errorSummary(page)).toContainText("Federal law allows at most 24 hours");
  await expect(errorSummary(page)).toBeFocused();
  await accessibleAtBothWidths(page);

  await ncmec.fill("2");
  await page.getByRole("checkbox", { name: "The court" }).first().check();
  await page.getByLabel("Deadline for the court (hours)").first().fill("4");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(ncmec).toHaveValue("2");

  // A caseworker's new episode runs on the new rule.
  const context = await browser.newContext();
  const caseworker = await context.newPage();
  await signIn(caseworker, await createCaseworker());
  const episodeId = await startReportForNewChild(caseworker);
  const steps = completeSteps(new Date());
  for (const step of ["child", "missing-event"] as const) {
    const version = await withDatabase(async (c) => (await c.query(`SELECT "version" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0].version);
    const values = step === "child" ? { ...steps.child, lastName: "Tester", agencyCaseNumber: `SET-${episodeId.slice(0, 8)}` } : steps[step];
    const response = await callApi(caseworker, "PUT", `/api/episodes/${episodeId}/steps/${step}`, { version, values });
    expect(response.status(), await response.text()).toBe(200);
  }
  await caseworker.goto(`/cases/${episodeId}`);
  await expect(caseworker.getByRole("region", { name: "NCMEC" })).toContainText("(2 hours)");
  await expect(caseworker.getByRole("region", { name: "Law enforcement" })).toContainText("(24 hours)");
  const court = caseworker.getByRole("region", { name: "Notice: The court" });
  await expect(court).toContainText("(4 hours)");
  // The child went missing three hours ago in the fixture: one hour is left.
  await expect(court).toContainText(/Not told yet: .* left/);
  await accessibleAtBothWidths(caseworker);

  await court.getByText("Record that the court was told").click();
  await court.getByRole("button", { name: "Record as told" }).click();
  await expect(court).toContainText("Told on time");
  await accessibleAtBothWidths(caseworker);
  await context.close();
});
