import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { accessibleAtBothWidths, createCaseworker, errorSummary, expectAccessible, signIn, withDatabase } from "./support";

// Issue 11: an admin manages the agency's people and teams.

test.describe.configure({ timeout: 90_000 });

/** The elements that scroll sideways (the page itself included): none should at any width. */
function sidewaysScrolling(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll("body *")]
      .filter((e) => e.scrollWidth > e.clientWidth && (e === document.documentElement || ["auto", "scroll"].includes(getComputedStyle(e).overflowX)))
      .map((e) => `${e.tagName}.${e.className}`),
  );
}

test("an admin invites a caseworker and is shown the link once, then changes their roles", async ({ page }) => {
  const email = `invited-${randomUUID().slice(0, 8)}@demo.example.org`;
  await signIn(page, "admin@demo.example.org");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await accessibleAtBothWidths(page);

  await page.getByRole("link", { name: "Invite a person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invite a person" })).toBeVisible();
  await accessibleAtBothWidths(page);

  // Nothing chosen: the summary says what to fix, and nobody is added.
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(errorSummary(page)).toContainText("Enter the person's name");
  await expect(errorSummary(page)).toContainText("Choose at least one role");
  await expectAccessible(page);

  await page.getByLabel("Name").fill("Morgan Invited");
  await page.getByLabel("E-mail address").fill(email.toUpperCase());
  await page.getByRole("checkbox", { name: "Caseworker" }).check();
  await page.getByLabel("Team (optional)").selectOption({ label: "Intake team" });
  await page.getByRole("button", { name: "Send the invitation" }).click();

  // E-mail is not set up for the tests' server: the link is shown, once, with a copy button.
  const link = page.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/welcome#[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("button", { name: "Copy the link" })).toBeVisible();
  expect(page.url()).not.toContain("#");
  await accessibleAtBothWidths(page);

  const userId = await withDatabase(async (client) => (await client.query(`SELECT "id", "passwordHash" FROM "User" WHERE "email" = $1`, [email])).rows[0]);
  expect(userId.passwordHash).toBeNull();

  // On the list the person is Invited; the search filters in the page, and the address never enters the URL.
  await page.goto("/admin/users?status=INVITED");
  await page.getByLabel("Search by name or e-mail address").fill("morgan invited");
  const table = page.getByRole("table", { name: /Users of/ });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row").nth(1)).toContainText("Invited");
  await expect(table.getByRole("row").nth(1)).toContainText("Not set up");
  expect(page.url()).not.toContain("morgan");

  // At 320 px each person is a block of labelled lines, and nothing scrolls sideways, the page or a
  // part of it; screen readers still get a table whose cells have column headers.
  await page.setViewportSize({ width: 320, height: 800 });
  const label = table.getByRole("row").nth(1).getByText("Second factor", { exact: true });
  await expect(label).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Second factor" })).toHaveCount(1);
  await expect(table.getByRole("row").nth(1).getByRole("cell", { name: "Not set up" })).toHaveCount(1);
  expect(await sidewaysScrolling(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(label).toBeHidden();

  // The link is not shown again: the person's page offers a new invitation instead.
  await table.getByRole("link", { name: "Morgan Invited" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Morgan Invited" })).toBeVisible();
  await expect(page.getByLabel("Invitation link")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send the invitation again" })).toBeVisible();
  await accessibleAtBothWidths(page);

  await page.getByRole("checkbox", { name: "Supervisor" }).check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Caseworker and Supervisor" })).toBeVisible();
  const roles = await withDatabase(async (client) => (await client.query(`SELECT "roles"::text[] AS roles FROM "User" WHERE "email" = $1`, [email])).rows[0].roles);
  expect(roles).toEqual(["CASEWORKER", "SUPERVISOR"]);
});

test("an admin deactivates a signed-in caseworker, whose open page stops working", async ({ page, browser }) => {
  const email = await createCaseworker();
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await signIn(theirPage, email);
  await expect(theirPage.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();

  await signIn(page, "admin@demo.example.org");
  const userId = await withDatabase(async (client) => (await client.query(`SELECT "id" FROM "User" WHERE "email" = $1`, [email])).rows[0].id);
  await page.goto(`/admin/users/${userId}`);
  await page.getByRole("button", { name: "Deactivate the account" }).click();
  await expect(page.getByText("Deactivate this account and sign the person out everywhere now?")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes: deactivate the account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The account is deactivated." })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Deactivated since/ })).toBeVisible();
  await accessibleAtBothWidths(page);

  // Their next navigation lands on sign-in.
  await theirPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).click();
  await expect(theirPage).toHaveURL(/\/sign-in/);
  await expect(theirPage.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await theirs.close();
});

test("the teams page shows the intake team, its supervisor and the on-call list, and adds a team", async ({ page }) => {
  const name = `Night team ${randomUUID().slice(0, 6)}`;
  await signIn(page, "admin@demo.example.org");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Teams" })).toBeVisible();
  const intake = page.getByRole("region", { name: "Intake team" });
  await expect(intake.getByRole("checkbox", { name: "Sam Patel" })).toBeChecked();
  await expect(intake.getByRole("link", { name: "Casey Morgan" })).toBeVisible();
  await expect(page.getByRole("group", { name: "People on call" }).getByRole("checkbox", { name: "Sam Patel" })).toBeChecked();
  await accessibleAtBothWidths(page);

  await page.getByLabel("Team name", { exact: true }).fill("intake TEAM");
  await page.getByRole("button", { name: "Add the team" }).click();
  await expect(errorSummary(page)).toContainText("already has a team with this name");
  await page.getByLabel("Team name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add the team" }).click();
  await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  await accessibleAtBothWidths(page);

  // A team without members can be deleted.
  const team = page.getByRole("region", { name });
  await team.getByRole("button", { name: "Delete the team" }).click();
  await team.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page.getByRole("heading", { level: 2, name })).toHaveCount(0);
});
