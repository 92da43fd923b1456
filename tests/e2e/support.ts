import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launcherEnv } from "../../src/config/env";
import { giveSecondFactorIn, totpCode } from "../fixtures/second-factor";
import { ORDERED_STEPS } from "../fixtures/episode-steps";
import type { FormStepKey } from "../../src/domain/steps";
import type { StepValues } from "../../src/lib/schemas/episode-steps";

export { totpCode };

export const DEMO_PASSWORD = launcherEnv().DEMO_PASSWORD;

/** axe-core, as the browser runs it (the app has no frames to check inside). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type AxeWindow = { axe?: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } };

/**
 * No WCAG 2.2 A/AA violation on the page as it is now. axe is put in the page once per document (a
 * client-side navigation keeps it) and asked for violations only: the passes it would otherwise
 * describe node by node doubled the suite's time.
 */
export async function expectAccessible(page: Page) {
  // After a client-side navigation the framework sets the new page's title a moment after its
  // content: wait for it (a page with no title at all still fails, after the wait).
  await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 }).catch(() => {});
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    (tags) => (window as unknown as AxeWindow).axe!.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }).then((r) => r.violations),
    WCAG_22_AA,
  );
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
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
  const wide = await whatSticksOut(page);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, wide.join(" | ")).toBeLessThanOrEqual(clientWidth);
  await textSpacingFits(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * The first elements that stick out of the window sideways, or whose text does (a long word or
 * address overflows its box without widening it), leaving out what a region that scrolls on its own
 * clips (that is allowed); an absolutely positioned element escapes a region that is not positioned.
 */
async function whatSticksOut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth + 0.5;
    return [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((e) => {
        const box = e.getBoundingClientRect();
        if (box.right <= width && (e.children.length > 0 || box.left + e.scrollWidth <= width)) return false;
        const region = e.parentElement?.closest(".overflow-x-auto");
        return !region || (getComputedStyle(e).position === "absolute" && getComputedStyle(region).position === "static");
      })
      .map((e) => `${e.tagName}.${e.className} "${(e.textContent ?? "").trim().slice(0, 40)}"`)
      .slice(0, 5);
  });
}

/** The text spacing WCAG 1.4.12 lets a reader set, as a user style sheet would. */
const WCAG_TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

/**
 * With the text spacing raised as WCAG 1.4.12 allows, the page still does not scroll sideways and no
 * text is cut off by a box that hides what overflows it (what only screen readers see is left out).
 * Takes the spacing away again.
 */
export async function textSpacingFits(page: Page) {
  const style = await page.addStyleTag({ content: WCAG_TEXT_SPACING });
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  const wide = scrollWidth > clientWidth ? [`page ${scrollWidth} px wide: ${(await whatSticksOut(page)).join(" | ")}`] : [];
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    for (const e of document.querySelectorAll<HTMLElement>("body *")) {
      const css = getComputedStyle(e);
      // A text box scrolls what is typed in it by design.
      if (["INPUT", "TEXTAREA", "SELECT"].includes(e.tagName)) continue;
      if (css.display === "none" || css.visibility === "hidden" || e.closest(".sr-only")) continue;
      const clipsX = css.overflowX === "hidden" || css.overflowX === "clip";
      const clipsY = css.overflowY === "hidden" || css.overflowY === "clip";
      if ((clipsX && e.scrollWidth > e.clientWidth + 1) || (clipsY && e.scrollHeight > e.clientHeight + 1)) {
        if (e.clientWidth <= 1 || e.clientHeight <= 1) continue;
        found.push(`${e.tagName}.${e.className} "${(e.textContent ?? "").trim().slice(0, 40)}" cut off`);
      }
    }
    return found.slice(0, 5);
  });
  await style.evaluate((node) => (node as Element).remove());
  expect([...wide, ...problems], "with WCAG 1.4.12 text spacing").toEqual([]);
}

/**
 * Tabs through the page's first `stops` focus stops: each shows a focus indicator (an outline or a
 * ring) and is not hidden under anything else (WCAG 2.4.7, 2.4.11). Starts from the top of the page.
 */
export async function focusStaysVisible(page: Page, stops = 40) {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.locator("body").focus();
  const seen = new Set<string>();
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press("Tab");
    const verdict = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return { done: true, key: "", problem: "" };
      // The development server's own overlay (never in the production build the suite runs).
      if (e.tagName === "NEXTJS-PORTAL") return { done: false, key: "dev-overlay", problem: "" };
      const name = `${e.tagName} "${(e.getAttribute("aria-label") ?? e.textContent ?? "").trim().slice(0, 40)}"`;
      const key = `${name}#${[...document.querySelectorAll("*")].indexOf(e)}`;
      const css = getComputedStyle(e);
      const indicated = (css.outlineStyle !== "none" && parseFloat(css.outlineWidth) > 0) || css.boxShadow !== "none";
      // An inline link may wrap: its first line box is where it shows.
      const box = e.getClientRects()[0] ?? e.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return { done: false, key, problem: `${name} has no size` };
      const x = Math.min(Math.max(box.left + box.width / 2, 0), window.innerWidth - 1);
      const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 10), 0), window.innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      const covered = top !== null && top.tagName !== "NEXTJS-PORTAL" && top !== e && !e.contains(top) && !(top instanceof HTMLLabelElement && top.control === e) && !top.contains(e);
      const problem = !indicated ? `${name} shows no focus indicator` : covered ? `${name} is hidden under ${top!.tagName}.${top!.className}` : "";
      return { done: false, key, problem };
    });
    if (verdict.done || seen.has(verdict.key)) break;
    seen.add(verdict.key);
    expect(verdict.problem, "focus is visible").toBe("");
  }
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

/** The test server reaches its database through a proxy this switch turns off and on (scripts/lib/tcp-proxy.ts). */
export async function switchDatabase(state: "down" | "up") {
  const url = process.env.E2E_DATABASE_SWITCH_URL;
  if (!url) throw new Error("E2E_DATABASE_SWITCH_URL is not set: run the end-to-end tests through npm run test:e2e");
  const response = await fetch(`${url}/${state}`, { method: "POST" });
  expect(response.status).toBe(204);
}
