import { expect, test, type Page } from "@playwright/test";
import {
  DEMO_PASSWORD,
  accessibleAtBothWidths,
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
// Issue 13: two minutes before the session ends, a dialog says so (and offers to stay signed in,
// but not at the 12-hour limit); with nobody at the page, what was typed is kept as a draft
// without that keeping the session alive, and sign-in says so. The browser's clock is Playwright's;
// the server's side of the same minutes is moved in the database.

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

/** The warning before the session ends. */
const warningDialog = (page: Page) => page.getByRole("alertdialog", { name: "Your session is about to end" });

/** When the person's open session was last used, as the server sees it. */
async function lastSeenAt(email: string): Promise<number> {
  const row = await withDatabase(
    async (c) => (await c.query(`SELECT "lastSeenAt" FROM "UserSession" WHERE "endedAt" IS NULL AND "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`, [email])).rows[0],
  );
  return (row.lastSeenAt as Date).getTime();
}

/** Why the person's latest session ended, as recorded. */
async function endReason(email: string): Promise<string | null> {
  return withDatabase(
    async (c) =>
      (await c.query(`SELECT "endReason" FROM "UserSession" WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1) ORDER BY "createdAt" DESC LIMIT 1`, [email])).rows[0]?.endReason ?? null,
  );
}

const draftOnServer = (episodeId: string) => () =>
  withDatabase(async (c) => (await c.query(`SELECT "values"->>'middleName' AS typed FROM "EpisodeDraft" WHERE "episodeId" = $1 AND "step" = 'child'`, [episodeId])).rows[0]?.typed ?? null);

/** The focused element shows its focus ring and is at least 24 by 24 px (WCAG 2.4.7, 2.5.8). */
async function expectVisibleFocusTarget(page: Page) {
  const focused = await page.evaluate(() => {
    const e = document.activeElement as HTMLElement;
    const box = e.getBoundingClientRect();
    return { outline: getComputedStyle(e).outlineStyle, width: box.width, height: box.height };
  });
  expect(focused.outline).not.toBe("none");
  expect(focused.width).toBeGreaterThanOrEqual(24);
  expect(focused.height).toBeGreaterThanOrEqual(24);
}

test("idle warning: asked of the server first, in a dialog with focus in it, and Stay signed in (by keyboard) renews the session", async ({ page }) => {
  await page.clock.install();
  const { email, episodeId, stepUrl } = await typingIntoAReport(page);
  const field = page.getByLabel("Middle name (optional)");
  await field.focus();

  // 28 minutes on here, but the session was used meanwhile (in another tab, say): no warning.
  const asked = page.waitForResponse("**/api/session/unattended");
  await page.clock.fastForward("28:00");
  expect((await asked).status()).toBe(200);
  await expect(warningDialog(page)).toBeHidden();

  // Now nobody has used it for 28 minutes.
  await updateOpenSessions(email, `"lastSeenAt" = now() - interval '28 minutes'`);
  await page.clock.fastForward("28:00");
  const dialog = warningDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/signed out in 2 minutes, at \d{1,2}:\d{2}\s?[AP]M/);
  await expect(dialog).toContainText("saved as a draft");
  const stay = dialog.getByRole("button", { name: "Stay signed in" });
  await expect(stay).toBeFocused();
  await expectVisibleFocusTarget(page);
  // The page under it is inert: Tab stays in the dialog.
  await page.keyboard.press("Tab");
  await expect(page.locator("header").getByRole("button", { name: "Sign out" })).not.toBeFocused();
  await expect(field).not.toBeFocused();
  await stay.focus();
  await accessibleAtBothWidths(page);
  await expect(stay).toBeFocused();

  const before = await lastSeenAt(email);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(field).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "You are still signed in." })).toBeAttached();
  expect(await lastSeenAt(email)).toBeGreaterThan(before + 27 * 60_000);

  // Past the end the warning named: still signed in, and the page works.
  await page.clock.fastForward("03:00");
  await expect(page).toHaveURL(new RegExp(`${stepUrl}$`));
  await expect(dialog).toBeHidden();
  await field.fill(TYPED);
  await expect.poll(draftOnServer(episodeId), { timeout: 10_000 }).toBe(TYPED);
  await expectAccessible(page);
});

test("idle warning: Escape stays signed in as well, and loses nothing", async ({ page }) => {
  await page.clock.install();
  const { email, stepUrl } = await typingIntoAReport(page);
  await updateOpenSessions(email, `"lastSeenAt" = now() - interval '29 minutes'`);
  await page.clock.fastForward("28:30");
  await expect(warningDialog(page)).toBeVisible();
  await expect(warningDialog(page)).toContainText("signed out in 1 minute");
  const before = await lastSeenAt(email);
  await page.keyboard.press("Escape");
  await expect(warningDialog(page)).toBeHidden();
  await expect.poll(() => lastSeenAt(email)).toBeGreaterThan(before + 28 * 60_000);
  await page.clock.fastForward("02:00");
  await expect(page).toHaveURL(new RegExp(`${stepUrl}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Child" })).toBeVisible();
});

test("idle, nobody at the page: what was typed is saved as a draft without keeping the session alive, then sign-in says it was kept", async ({ page }) => {
  await page.clock.install();
  const { email, episodeId, stepUrl } = await typingIntoAReport(page);
  // The connection drops while typing: the answer is only on this device.
  await page.route("**/drafts/**", (route) => route.abort());
  await page.getByLabel("Middle name (optional)").fill(TYPED);
  await expect(page.getByRole("status").filter({ hasText: "Not connected" })).toBeVisible({ timeout: 10_000 });
  await page.unroute("**/drafts/**");

  await updateOpenSessions(email, `"lastSeenAt" = now() - interval '28 minutes'`);
  await page.clock.fastForward("28:00");
  await expect(warningDialog(page)).toBeVisible();
  const seen = await lastSeenAt(email);

  // A minute before the end, nobody having answered: the answer reaches the server as a draft, no
  // copy stays here, and sending it did not count as activity.
  await page.clock.fastForward("01:10");
  await expect.poll(draftOnServer(episodeId), { timeout: 10_000 }).toBe(TYPED);
  await expect.poll(() => localDraftKeys(page)).toEqual([]);
  expect(await lastSeenAt(email)).toBe(seen);

  // The server's side of the same three minutes: the session has idled out there too.
  await updateOpenSessions(email, `"lastSeenAt" = "lastSeenAt" - interval '3 minutes'`);
  await page.clock.fastForward("01:00");
  await expectSignInWithNothingLeft(page, /after 30 minutes without activity\. What you had typed was kept as a draft\./);
  expect(await endReason(email)).toBe("IDLE");
  await findTheDraftAfterSigningInAgain(page, email, stepUrl, true);
});

test("idle, nobody at the page, and the draft cannot be sent: sign-in says so, and nothing stays on the device", async ({ page }) => {
  await page.clock.install();
  const { email, episodeId } = await typingIntoAReport(page);
  await typeOnlyOnThisDevice(page);
  // The last drafts do not get through; asking how long is left does.
  await page.route("**/api/session/unattended", (route) => ((route.request().postDataJSON() as { drafts: unknown[] }).drafts.length > 0 ? route.abort() : route.continue()));

  await updateOpenSessions(email, `"lastSeenAt" = now() - interval '28 minutes'`);
  await page.clock.fastForward("28:00");
  await expect(warningDialog(page)).toBeVisible();
  await page.clock.fastForward("01:10");
  await expect.poll(() => localDraftKeys(page)).toEqual([]);

  await updateOpenSessions(email, `"lastSeenAt" = "lastSeenAt" - interval '3 minutes'`);
  await page.clock.fastForward("01:00");
  await expectSignInWithNothingLeft(page, /after 30 minutes without activity\. Your last changes could not be saved as a draft/);
  await expect(page.getByRole("status").filter({ hasText: "kept as a draft." })).toHaveCount(0);
  expect(await draftOnServer(episodeId)()).toBeNull();
});

test("absolute limit: announced two minutes before without the offer, then sign-in says the work was kept", async ({ page }) => {
  await page.clock.install();
  const email = await createCaseworker();
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  const episodeId = await startReportForNewChild(page);
  const stepUrl = `/cases/${episodeId}/report/child`;
  // Signed in 11 hours 58 and a half minutes ago, busy ever since.
  await updateOpenSessions(email, `"createdAt" = now() - interval '11 hours 58 minutes 30 seconds'`);
  await page.goto(stepUrl);

  const dialog = warningDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/signed out in (2 minutes|1 minute), at \d{1,2}:\d{2}\s?[AP]M/);
  await expect(dialog).toContainText("cannot be extended");
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toHaveCount(0);
  const understood = dialog.getByRole("button", { name: "I understand" });
  await expect(understood).toBeFocused();
  await expectVisibleFocusTarget(page);
  await accessibleAtBothWidths(page);
  await understood.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  // Read once, it stays closed; the person may go on typing until the end.
  await page.clock.fastForward("00:20");
  await expect(dialog).toBeHidden();
  await typeAndWaitForTheDraft(page, episodeId);

  await updateOpenSessions(email, `"createdAt" = now() - interval '12 hours 1 minute'`);
  await page.clock.fastForward("03:00");
  await expectSignInWithNothingLeft(page, /more than 12 hours ago\. What you had typed was kept as a draft\./);
  expect(await endReason(email)).toBe("ABSOLUTE");
  await findTheDraftAfterSigningInAgain(page, email, stepUrl, true);
});
