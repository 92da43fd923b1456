import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, totpCode } from "./support";

// Issue 11, the whole journey: an admin invites a caseworker, who sets a password and a second factor
// from the link and signs in with a code; the admin deactivates them and their open page stops working.

test.describe.configure({ timeout: 120_000 });

test("an invited caseworker sets a password and a second factor, signs in, and is signed out everywhere when deactivated", async ({ page, browser }) => {
  const email = `journey-${randomUUID().slice(0, 8)}@demo.example.org`;
  const password = "a lantern by the harbour wall";

  await signIn(page, "admin@demo.example.org");
  await page.goto("/admin/users/new");
  await page.getByLabel("Name").fill("Jamie Journey");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("checkbox", { name: "Caseworker" }).check();
  await page.getByRole("button", { name: "Send the invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/welcome#[A-Za-z0-9_-]{43}$/);

  // The invited person, in a browser of their own.
  const theirs = await browser.newContext();
  const theirPage = await theirs.newPage();
  await theirPage.goto(new URL(link).pathname + new URL(link).hash);
  await expect(theirPage.getByRole("heading", { level: 1, name: "Welcome to Homeward" })).toBeVisible();
  await theirPage.getByLabel("New password", { exact: true }).fill(password);
  await theirPage.getByLabel("New password again").fill(password);
  await theirPage.getByRole("button", { name: "Continue to the second factor" }).click();
  await expect(theirPage.getByRole("heading", { name: "Step 2 of 2: set up your second factor" })).toBeVisible();
  const key = (await theirPage.getByTestId("totp-key").textContent())!.replace(/\s/g, "");
  await theirPage.getByLabel("Code from the app").fill(await totpCode(key));
  await theirPage.getByRole("button", { name: "Confirm and finish" }).click();
  await expect(theirPage.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  const setUpStep = Math.floor(Date.now() / 30_000);
  await expectAccessible(theirPage);

  // The link was single-use: opening it again says so.
  const again = await theirs.newPage();
  await again.goto(new URL(link).pathname + new URL(link).hash);
  await again.getByLabel("New password", { exact: true }).fill("another long pass phrase");
  await again.getByLabel("New password again").fill("another long pass phrase");
  await again.getByRole("button", { name: "Continue to the second factor" }).click();
  await expect(again.getByText("This link has already been used.", { exact: false })).toBeVisible();
  await again.close();

  // Signs in with the password and the code of the next time step, as a phone whose clock runs up to
  // one step ahead shows it (the set-up code's step is never accepted twice; the drift allowed is one step).
  await theirPage.goto("/sign-in");
  await theirPage.getByLabel("Email address").fill(email);
  await theirPage.getByLabel("Password").fill(password);
  await theirPage.getByRole("button", { name: "Sign in" }).click();
  await expect(theirPage.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await expectAccessible(theirPage);
  await theirPage.getByLabel("Code").fill(await totpCode(key, (setUpStep + 1) * 30));
  await theirPage.getByRole("button", { name: "Continue" }).click();
  await expect(theirPage.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();

  // The admin deactivates them; their next navigation lands on sign-in.
  await page.goto("/admin/users?status=ACTIVE");
  await page.getByLabel("Search by name or e-mail address").fill("jamie journey");
  await page.getByRole("table", { name: /Users of/ }).getByRole("link", { name: "Jamie Journey" }).click();
  await page.getByRole("button", { name: "Deactivate the account" }).click();
  await page.getByRole("button", { name: "Yes: deactivate the account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The account is deactivated." })).toBeVisible();

  await theirPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).click();
  await expect(theirPage).toHaveURL(/\/sign-in/);
  await expect(theirPage.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await theirs.close();
});
