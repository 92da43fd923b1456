import { expect, test, type Page } from "@playwright/test";
import {
  DEMO_PASSWORD,
  createCaseworker,
  expectAccessible,
  giveSecondFactor,
  localDraftKeys,
  signIn,
  startReportForNewChild,
  totpCode,
  updateOpenSessions,
  withDatabase,
} from "./support";

// Issue 9: whichever way a session ends, nothing a caseworker typed stays in this browser's
// storage for the next person at the computer; signing in again finds it on the server (a draft).

const TYPED = "Quinn";

// Each test signs in twice and checks every page it shows.
test.describe.configure({ timeout: 60_000 });

/** A caseworker of their own (sessions and deactivation touch nobody else), on step 1 of a new report. */
async function typingIntoAReport(page: Page) {
  const email = await createCaseworker();
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  const episodeId = await startReportForNewChild(page);
  const stepUrl = `/cases/${episodeId}/report/child`;
  await page.goto(stepUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Child" })).toBeVisible();
  await expectAccessible(page);
  return { email, episodeId, stepUrl };
}

/** Types the answer and waits until the autosave has it on the server as well as on this device. */
async function typeAndWaitForTheDraft(page: Page, episodeId: string) {
  await page.getByLabel("Middle name (optional)").fill(TYPED);
  const drafted = () =>
    withDatabase(async (c) => (await c.query(`SELECT "values"->>'middleName' AS typed FROM "EpisodeDraft" WHERE "episodeId" = $1 AND "step" = 'child'`, [episodeId])).rows[0]?.typed);
  await expect.poll(drafted, { timeout: 10_000 }).toBe(TYPED);
  // Once the server holds it as a draft, the device keeps no copy of it.
  await expect.poll(() => localDraftKeys(page)).toEqual([]);
}

/** One more answer that reaches only this device (its autosave fails): the copy that must not outlive the session. */
async function typeOnlyOnThisDevice(page: Page) {
  await page.route("**/drafts/**", (route) => route.abort());
  await page.getByLabel("Aliases and nicknames (optional)").fill("Q-only-here");
  await expect(page.getByRole("status").filter({ hasText: "Not connected" })).toBeVisible({ timeout: 10_000 });
  expect(await localDraftKeys(page)).toHaveLength(1);
  await page.unroute("**/drafts/**");
}

async function expectSignInWithNothingLeft(page: Page, reason?: RegExp) {
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  if (reason) await expect(page.getByRole("status").filter({ hasText: reason })).toBeVisible();
  await expect.poll(() => localDraftKeys(page)).toEqual([]);
  await expectAccessible(page);
}

/**
 * Signs in again as the same person, on the sign-in page shown, and finds the typed answer in the
 * step, from the server's draft. `backToStep`: sign-in itself leads back to the step.
 */
async function findTheDraftAfterSigningInAgain(page: Page, email: string, stepUrl: string, backToStep = false) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await page.getByLabel("Code").fill(await totpCode((await giveSecondFactor(email))!));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("banner")).toContainText("Test Caseworker");
  if (backToStep) await expect(page).toHaveURL(new RegExp(`${stepUrl}$`));
  else await page.goto(stepUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Child" })).toBeVisible();
  await expect(page.getByLabel("Middle name (optional)")).toHaveValue(TYPED);
  await expectAccessible(page);
}

test("sign-out first sends what only this device has, then leaves nothing behind", async ({ page }) => {
  const { email, stepUrl } = await typingIntoAReport(page);
  // The connection drops while typing: the answer is only on this device.
  await page.route("**/drafts/**", (route) => route.abort());
  await page.getByLabel("Middle name (optional)").fill(TYPED);
  await expect(page.getByRole("status").filter({ hasText: "Not connected" })).toBeVisible({ timeout: 10_000 });
  expect(await localDraftKeys(page)).toHaveLength(1);
  await page.unroute("**/drafts/**");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expectSignInWithNothingLeft(page);
  await findTheDraftAfterSigningInAgain(page, email, stepUrl);
});

test("idle: the open tab clears its copies at the idle deadline and then shows sign-in", async ({ page }) => {
  await page.clock.install();
  const { email, episodeId, stepUrl } = await typingIntoAReport(page);
  await typeAndWaitForTheDraft(page, episodeId);

  // Just before the 30 minutes are up, with nobody touching the tab, no copy is left.
  await page.clock.fastForward("29:30");
  await expect.poll(() => localDraftKeys(page)).toEqual([]);
  await expect(page.getByRole("heading", { level: 1, name: "Child" })).toBeVisible();

  // The server's side of the same 30 minutes, without waiting for them.
  await updateOpenSessions(email, `"lastSeenAt" = now() - interval '31 minutes'`);
  await page.clock.fastForward("01:00");
  await expectSignInWithNothingLeft(page, /30 minutes without activity/);
  await findTheDraftAfterSigningInAgain(page, email, stepUrl);
});

test("idle: what only this device has is sent to the server before the copies go", async ({ page }) => {
  await page.clock.install();
  const { email, episodeId, stepUrl } = await typingIntoAReport(page);
  await page.route("**/drafts/**", (route) => route.abort());
  await page.getByLabel("Middle name (optional)").fill(TYPED);
  await expect(page.getByRole("status").filter({ hasText: "Not connected" })).toBeVisible({ timeout: 10_000 });
  await page.unroute("**/drafts/**");

  await page.clock.fastForward("29:30");
  await expect.poll(() => localDraftKeys(page)).toEqual([]);
  const drafted = await withDatabase(async (c) => (await c.query(`SELECT "values"->>'middleName' AS typed FROM "EpisodeDraft" WHERE "episodeId" = $1`, [episodeId])).rows[0]?.typed);
  expect(drafted).toBe(TYPED);

  // Sending it was the session's last request: 30 minutes on, it has idled out.
  await updateOpenSessions(email, `"lastSeenAt" = now() - interval '31 minutes'`);
  await page.clock.fastForward("31:00");
  await expectSignInWithNothingLeft(page, /30 minutes without activity/);
  await findTheDraftAfterSigningInAgain(page, email, stepUrl);
});

test("idle: a save after the limit clears the copies before anything is shown, and sign-in leads back", async ({ page }) => {
  const { email, episodeId, stepUrl } = await typingIntoAReport(page);
  await page.getByRole("radio", { name: "Female" }).check();
  await page.getByRole("checkbox", { name: "White" }).check();
  await page.getByRole("radio", { name: "Not Hispanic or Latino" }).check();
  await page.getByLabel("Legal status").selectOption({ label: "Temporary or emergency custody of the agency" });
  await typeAndWaitForTheDraft(page, episodeId);
  await typeOnlyOnThisDevice(page);
  await updateOpenSessions(email, `"lastSeenAt" = now() - interval '31 minutes'`);

  await page.getByRole("button", { name: "Save and continue" }).click();
  await expectSignInWithNothingLeft(page, /signed out/);
  await findTheDraftAfterSigningInAgain(page, email, stepUrl, true);
  const saved = await withDatabase(async (c) => (await c.query(`SELECT "completedSteps" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0].completedSteps);
  expect(saved).toEqual([]);
});

test("absolute limit: the open tab clears its copies 12 hours after sign-in, whatever the activity", async ({ page }) => {
  await page.clock.install();
  const email = await createCaseworker();
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  const episodeId = await startReportForNewChild(page);
  const stepUrl = `/cases/${episodeId}/report/child`;
  // Signed in 11 hours 58 minutes ago, busy ever since.
  await updateOpenSessions(email, `"createdAt" = now() - interval '11 hours 58 minutes'`);
  await page.goto(stepUrl);
  await typeAndWaitForTheDraft(page, episodeId);

  await updateOpenSessions(email, `"createdAt" = now() - interval '12 hours 1 minute'`);
  await page.clock.fastForward("03:00");
  await expectSignInWithNothingLeft(page, /more than 12 hours ago/);
  await findTheDraftAfterSigningInAgain(page, email, stepUrl);
});

test("deactivation: the first request refused clears the copies and shows sign-in", async ({ page }) => {
  const { email, episodeId, stepUrl } = await typingIntoAReport(page);
  await typeAndWaitForTheDraft(page, episodeId);
  await typeOnlyOnThisDevice(page);
  await withDatabase((c) => c.query(`UPDATE "User" SET "active" = false WHERE "email" = $1`, [email]));

  // The autosave of the next change is refused.
  await page.getByLabel("Aliases and nicknames (optional)").fill("Q");
  await expectSignInWithNothingLeft(page, /signed out/);

  await withDatabase((c) => c.query(`UPDATE "User" SET "active" = true WHERE "email" = $1`, [email]));
  await findTheDraftAfterSigningInAgain(page, email, stepUrl);
});

test("a copy past its session's end is dropped when read, not restored", async ({ page }) => {
  await typingIntoAReport(page);
  await page.route("**/drafts/**", (route) => route.abort());
  await page.getByLabel("Middle name (optional)").fill(TYPED);
  await expect(page.getByRole("status").filter({ hasText: "Not connected" })).toBeVisible({ timeout: 10_000 });
  const [key] = await localDraftKeys(page);
  expect(key).toBeDefined();
  await page.evaluate((k) => {
    const copy = JSON.parse(window.localStorage.getItem(k)!);
    window.localStorage.setItem(k, JSON.stringify({ ...copy, expiresAt: Date.now() - 1000 }));
  }, key!);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Child" })).toBeVisible();
  await expect(page.getByLabel("Middle name (optional)")).toHaveValue("");
  expect(await localDraftKeys(page)).toEqual([]);
});
