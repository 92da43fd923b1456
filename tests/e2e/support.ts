import { expect, type Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { launcherEnv } from "../../src/config/env";
import { giveSecondFactorIn, totpCode } from "../fixtures/second-factor";
import { ORDERED_STEPS } from "../fixtures/episode-steps";
import type { FormStepKey } from "../../src/domain/steps";
import type { StepValues } from "../../src/lib/schemas/episode-steps";

export { totpCode };

export const DEMO_PASSWORD = launcherEnv().DEMO_PASSWORD;

/** No WCAG 2.2 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/**
 * Passes axe at 1280 px and at 320 px wide, and the page does not scroll sideways at 320 (WCAG 1.4.10
 * Reflow); a failure names the first elements that stick out. Leaves the window at 1280 px.
 */
export async function accessibleAtBothWidths(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectAccessible(page);
  // What sticks out, leaving out what a region that scrolls on its own clips (that is allowed); an
  // absolutely positioned element escapes a region that is not positioned itself.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => {
        if (e.getBoundingClientRect().right <= 320.5) return false;
        const region = e.parentElement?.closest(".overflow-x-auto");
        return !region || (getComputedStyle(e).position === "absolute" && getComputedStyle(region).position === "static");
      })
      .map((e) => `${e.tagName}.${e.className} "${(e.textContent ?? "").trim().slice(0, 40)}"`)
      .slice(0, 5),
  );
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, wide.join(" | ")).toBeLessThanOrEqual(clientWidth);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Gives the person a second factor in the database when they have none; see tests/fixtures/second-factor.ts. */
export async function giveSecondFactor(email: string): Promise<string | null> {
  const applicationSecret = launcherEnv().NEXTAUTH_SECRET;
  if (!applicationSecret) throw new Error("NEXTAUTH_SECRET is not set: run this through npm run test:e2e");
  return withDatabase((client) => giveSecondFactorIn(client, email, applicationSecret));
}

/**
 * Signs in through the form: the password, then the second factor's code (computed from the secret
 * this puts in the database when the person has none). With a wrong password it stops at the form's
 * error summary, as a person would.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const secret = await giveSecondFactor(email);
  // The suite signs in from one address far more often than an office would (each password and each
  // code counts); the per-address limit itself is proven by tests/integration/rate-limits.test.ts.
  await withDatabase((client) => client.query(`DELETE FROM "RateLimitWindow" WHERE "key" LIKE 'sign-in-address:%' OR "key" LIKE 'account-link-address:%'`));
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const codePage = page.getByRole("heading", { level: 1, name: "Enter your code" });
  await expect(codePage.or(errorSummary(page))).toBeVisible();
  if (!secret || !(await codePage.isVisible())) return;
  await page.getByLabel("Code").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: launcherEnv().DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A caseworker of the demo agency made for one test, with the demo password. */
export async function createCaseworker(): Promise<string> {
  const email = `e2e-${randomUUID()}@demo.example.org`;
  await withDatabase((client) =>
    client.query(
      `INSERT INTO "User" ("id", "agencyId", "email", "name", "roles", "passwordHash", "updatedAt")
       SELECT gen_random_uuid(), "agencyId", $1, 'Test Caseworker', ARRAY['CASEWORKER']::"Role"[], "passwordHash", now()
         FROM "User" WHERE "email" = 'caseworker@demo.example.org'`,
      [email],
    ),
  );
  return email;
}

/** The form's error summary (Next also renders an empty route announcer with role alert). */
export function errorSummary(page: Page) {
  return page.getByRole("alert").filter({ has: page.getByRole("heading") });
}

/** Calls the app's API as the signed-in browser (same cookies, same origin). */
export async function callApi(page: Page, method: "POST" | "PUT", path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  return page.request.fetch(path, { method, data, headers: { origin, "content-type": "application/json" } });
}

/** Starts a report for a new child of the signed-in caseworker's agency; returns the episode id. */
export async function startReportForNewChild(page: Page): Promise<string> {
  const caseNumber = `E2E-${randomUUID().slice(0, 8)}`;
  const response = await callApi(page, "POST", "/api/episodes", {
    newChild: { firstName: "Robin", lastName: `Tester ${caseNumber}`, dateOfBirth: "2012-03-04", agencyCaseNumber: caseNumber, underAgencyGuardianship: "yes" },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).episodeId as string;
}

/** The episode's version as stored now: what a change through the API must carry. */
export async function episodeVersion(episodeId: string): Promise<number> {
  return withDatabase(async (client) => (await client.query(`SELECT "version" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0].version);
}

/** Saves the report's steps through the API as the signed-in caseworker, in order, through `through` (every step by default). */
export async function saveSteps(page: Page, episodeId: string, steps: StepValues, through: FormStepKey = ORDERED_STEPS[ORDERED_STEPS.length - 1]!) {
  for (const step of ORDERED_STEPS.slice(0, ORDERED_STEPS.indexOf(through) + 1)) {
    const response = await callApi(page, "PUT", `/api/episodes/${episodeId}/steps/${step}`, { version: await episodeVersion(episodeId), values: steps[step] });
    expect(response.status(), `${step}: ${await response.text()}`).toBe(200);
  }
}

/** The keys of this origin's localStorage that hold a copy of what someone typed in a report. */
export async function localDraftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith("homeward:draft:")));
}

/** Changes the open sessions of a user in the database, to end them without waiting; `set` is the SQL of a SET clause, written by the test. */
export async function updateOpenSessions(email: string, set: string) {
  await withDatabase((client) =>
    client.query(`UPDATE "UserSession" SET ${set} WHERE "endedAt" IS NULL AND "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`, [email]),
  );
}
