import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { completeSteps } from "../fixtures/episode-steps";
import { accessibleAtBothWidths, focusStaysVisible, saveSteps, signIn, startReportForNewChild, updateOpenSessions, withDatabase } from "./support";
import { choose, tabTo } from "./keyboard";
import { createSupervisedTeam, lastSeenOf } from "./dashboard-support";

const HOUR = 60 * 60 * 1000;

test.describe.configure({ timeout: 180_000 });

/**
 * As the caseworker (signed in on `page`): a report for a new child whose name ends with `tag`,
 * discovered `hoursAgo` hours ago, its steps saved through the risks (a medical risk: endangered),
 * no report recorded yet, so both reporting clocks run. Answers the child's name as the case list shows it.
 */
async function reportDiscovered(page: Page, hoursAgo: number, tag: string): Promise<string> {
  const episodeId = await startReportForNewChild(page);
  // The fixture's child went missing 3 hours before the instant it is given.
  const steps = completeSteps(new Date(Date.now() - (hoursAgo - 3) * HOUR));
  const lastName = `${tag} ${randomUUID().slice(0, 6)}`;
  await saveSteps(page, episodeId, { ...steps, child: { ...steps.child, lastName, agencyCaseNumber: `DASH-${episodeId.slice(0, 8)}` } }, "risks");
  return `${steps.child.firstName} ${steps.child.middleName} ${lastName}`;
}

const group = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

test("a supervisor sees the overdue episode of their team first, filters by keyboard, and a new episode appears without a reload", async ({ page, browser }) => {
  const { supervisor, caseworker } = await createSupervisedTeam();
  const caseworkerContext = await browser.newContext();
  const caseworkerPage = await caseworkerContext.newPage();
  await signIn(caseworkerPage, caseworker);
  const overdue = await reportDiscovered(caseworkerPage, 31, "Overdue");
  const running = await reportDiscovered(caseworkerPage, 3, "Running");

  await signIn(page, supervisor);
  // The page's own clock, so that its 30-second refresh can be brought forward (the server's is real).
  await page.clock.install();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Open episodes" })).toBeVisible();
  await expect(page.getByText("Showing the teams you supervise.", { exact: false })).toBeVisible();

  // Counts for the team, then the overdue group first, set apart in words.
  const counts = page.getByRole("list", { name: "Counts for these filters" });
  await expect(counts.getByRole("listitem")).toHaveText(["2Open episodes", "1Overdue", "0Due within 2 hours"]);
  const headings = page.getByRole("heading", { level: 2 });
  await expect(headings).toHaveText(["Overdue", "Running"]);
  const overdueGroup = group(page, "Overdue");
  await expect(overdueGroup).toContainText("A deadline has passed: act on these first.");
  const firstRow = page.getByRole("row").nth(1);
  await expect(firstRow.getByRole("link")).toHaveText(overdue);
  await expect(firstRow.getByRole("cell").first()).toHaveText(/^Overdue by 7 h/);
  await expect(firstRow).toContainText("Law enforcement: Overdue by 7 h");
  await expect(firstRow).toContainText(/Due [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T/);
  await expect(firstRow).toContainText("Endangered");
  await expect(firstRow).toContainText("Waiting for the law-enforcement report");
  await expect(group(page, "Running").getByRole("link", { name: running })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Brought up to date at" })).toHaveText(/^Brought up to date at \d{1,2}:\d{2} [AP]M E[SD]T\./);
  await accessibleAtBothWidths(page);

  // At a phone's width each episode is labelled lines.
  await page.setViewportSize({ width: 320, height: 800 });
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: overdue }) });
  await expect(card.getByRole("term")).toHaveText(["Status", "Age", "Caseworker", "Stage", "Running clocks", "Flags"]);
  await expect(card.getByRole("definition").first()).toHaveText(/^Overdue by 7 h/);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Filters by keyboard alone; the address holds codes, never a name.
  await choose(page, page.getByLabel("Clocks"), "Overdue");
  await tabTo(page, page.getByRole("button", { name: "Apply filters" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/clock=overdue/);
  const address = new URL(page.url());
  expect([...address.searchParams].filter(([, value]) => value !== "")).toEqual([
    ["team", "mine"],
    ["clock", "overdue"],
  ]);
  await expect(counts.getByRole("listitem")).toHaveText(["1Open episodes", "1Overdue", "0Due within 2 hours"]);
  await expect(page.getByRole("link", { name: running })).toHaveCount(0);
  await focusStaysVisible(page, 30);
  await page.goto("/dashboard?team=mine&stage=reported");
  await expect(page.getByText("No open episodes match these filters.")).toBeVisible();

  // A new episode due within two hours, reported while the page is open: the refresh brings it in.
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: overdue })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const seenBefore = await lastSeenOf(supervisor);
  const dueSoon = await reportDiscovered(caseworkerPage, 23, "Soon");
  // Meanwhile the running episode's deadlines come within two hours while its link has the
  // keyboard's focus: its row moves to another group, and the focus goes with it.
  await page.getByRole("link", { name: running }).focus();
  await withDatabase((client) =>
    client.query(
      // The clocks' deadlines and the episode's copy of the earliest, as syncEpisode() would leave them.
      `WITH moved AS (
         UPDATE "EpisodeClock" c SET "deadline" = now() + interval '1 hour' FROM "Episode" e JOIN "Child" ch ON ch."id" = e."childId"
          WHERE c."episodeId" = e."id" AND c."doneAt" IS NULL AND ch."lastName" = $1 RETURNING c."episodeId")
       UPDATE "Episode" SET "nextDeadline" = now() + interval '1 hour' WHERE "id" IN (SELECT "episodeId" FROM moved)`,
      [running.split(" ").slice(-2).join(" ")],
    ),
  );
  const refreshed = page.waitForResponse((response) => response.url().includes("/api/dashboard?team=mine") && response.status() === 200);
  await page.clock.fastForward("00:30");
  await refreshed;
  await expect(group(page, "Due within 2 hours").getByRole("link", { name: dueSoon })).toBeVisible();
  await expect(group(page, "Due within 2 hours").getByRole("link", { name: running })).toBeFocused();
  await expect(counts.getByRole("listitem")).toHaveText(["3Open episodes", "1Overdue", "2Due within 2 hours"]);
  await expect(headings).toHaveText(["Overdue", "Due within 2 hours"]);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  // The refresh was not activity: the session was not renewed by it.
  expect(await lastSeenOf(supervisor)).toEqual(seenBefore);
  await accessibleAtBothWidths(page);

  // Nobody has used the page for 28 minutes while it kept refreshing: the warning still comes.
  await updateOpenSessions(supervisor, `"lastSeenAt" = now() - interval '28 minutes'`);
  const polled = page.waitForResponse((response) => response.url().includes("/api/dashboard?") && response.status() === 200);
  await page.clock.fastForward("00:30");
  await polled;
  await page.clock.fastForward("27:00");
  await expect(page.getByRole("alertdialog", { name: "Your session is about to end" })).toBeVisible();
  await caseworkerContext.close();
});

test("a caseworker is refused the dashboard and its refresh", async ({ page }) => {
  const { caseworker } = await createSupervisedTeam();
  await signIn(page, caseworker);
  const response = await page.goto("/dashboard");
  expect(response?.status()).toBe(403);
  expect((await page.request.get("/api/dashboard")).status()).toBe(403);
});
