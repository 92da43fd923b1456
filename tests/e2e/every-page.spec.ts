import { expect, test, type Page } from "@playwright/test";
import { completeSteps } from "../fixtures/episode-steps";
import { STEP_KEYS } from "../../src/domain/steps";
import { accessibleAtBothWidths, expectAccessible, focusStaysVisible, saveSteps, signIn, startReportForNewChild, textSpacingFits, withDatabase } from "./support";

/**
 * Every page Homeward has, as the people who use it see it: at 1280 px and at 320 px wide (which is
 * also what 1280 px at 400 % zoom lays out), no axe violation, no sideways scrolling, text spacing
 * raised as WCAG 1.4.12 allows breaks nothing, and the focus stays visible from the first Tab on.
 * The pages' own specs walk their actions; this one makes sure none is left out.
 */

test.describe.configure({ timeout: 300_000 });

async function everyCheck(page: Page, path: string) {
  await test.step(path, async () => {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await accessibleAtBothWidths(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await focusStaysVisible(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await focusStaysVisible(page);
  });
}

test("the signed-out pages", async ({ page }) => {
  for (const path of ["/sign-in", "/sign-in?reason=ended", "/welcome", "/reset-password"]) await everyCheck(page, path);
});

test("the caseworker's pages, with a report in progress", async ({ page }) => {
  await signIn(page, "caseworker@demo.example.org");
  const draft = await startReportForNewChild(page);
  await saveSteps(page, draft, completeSteps(new Date()), "risks");
  for (const path of ["/", "/cases", "/reports/new", "/profile", "/notifications", `/cases/${draft}`, `/cases/${draft}/photos`, `/cases/${draft}/packet`]) await everyCheck(page, path);
  for (const step of STEP_KEYS) await everyCheck(page, `/cases/${draft}/report/${step}`);
});

test("a submitted report's pages, for its caseworker and for a supervisor", async ({ page, browser }) => {
  await signIn(page, "caseworker@demo.example.org");
  const submitted = await startReportForNewChild(page);
  await saveSteps(page, submitted, completeSteps(new Date()));
  await page.goto(`/cases/${submitted}/report/review`);
  await page.getByRole("button", { name: "Submit the report", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Report submitted" })).toBeVisible({ timeout: 30_000 });
  for (const path of [`/cases/${submitted}`, `/cases/${submitted}/packet`, `/cases/${submitted}/photos`]) await everyCheck(page, path);

  const supervisor = await (await browser.newContext()).newPage();
  await signIn(supervisor, "supervisor@demo.example.org");
  for (const path of ["/", "/dashboard", "/reports/on-time", "/notifications", "/cases", `/cases/${submitted}`, `/cases/${submitted}/packet`, "/profile"]) await everyCheck(supervisor, path);
});

test("the admin's pages", async ({ page }) => {
  await signIn(page, "admin@demo.example.org");
  const caseworkerId = await withDatabase(async (client) => (await client.query(`SELECT "id" FROM "User" WHERE "email" = 'caseworker@demo.example.org'`)).rows[0].id as string);
  for (const path of ["/", "/admin/users", "/admin/users/new", `/admin/users/${caseworkerId}`, "/admin/teams", "/admin/settings", "/admin/audit", "/profile", "/notifications"]) await everyCheck(page, path);
});

test("the checks themselves: each finds the fault it looks for", async ({ page }) => {
  await page.setContent(`<!doctype html><html lang="en"><head><title>Faults</title></head><body><main><h1>Faults</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>`);
  await expect(expectAccessible(page), "an image without a text alternative").rejects.toThrow(/image-alt/);
  await page.setContent(`<!doctype html><html lang="en"><head><title>Faults</title></head><body><main><h1>Faults</h1><div style="width: 600px">wide</div></main></body></html>`);
  await expect(accessibleAtBothWidths(page), "a box wider than 320 px").rejects.toThrow(/DIV/);
  await page.setContent(`<!doctype html><html lang="en"><head><title>Faults</title></head><body><main><h1>Faults</h1><p style="width: 200px; height: 1.2em; overflow: hidden">A sentence long enough to wrap once its spacing is raised</p></main></body></html>`);
  await expect(textSpacingFits(page), "text cut off by a box that hides what overflows it").rejects.toThrow(/cut off/);
  await page.setContent(`<!doctype html><html lang="en"><head><title>Faults</title><style>a { outline: none !important; box-shadow: none }</style></head><body><main><h1>Faults</h1><a href="#x">Nowhere</a></main></body></html>`);
  await expect(focusStaysVisible(page), "a link without a focus indicator").rejects.toThrow(/shows no focus indicator/);
});
