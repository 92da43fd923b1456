import { expect, test } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import { generate } from "otplib";
import { DEMO_PASSWORD, accessibleAtBothWidths, createCaseworker, errorSummary, expectAccessible, signIn, withDatabase } from "./support";

const NEW_PASSWORD = "a kettle sings on the stove at noon";

/** A reset link for the person as an admin would send it: the secret in the fragment, its hash in the database. */
async function resetLink(email: string, { expired = false } = {}): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  await withDatabase((client) =>
    client.query(
      `INSERT INTO "AccountToken" ("id", "agencyId", "userId", "purpose", "tokenHash", "expiresAt")
       SELECT gen_random_uuid(), "agencyId", "id", 'PASSWORD_RESET', $2, now() + ($3 || ' hours')::interval FROM "User" WHERE "email" = $1`,
      [email, createHash("sha256").update(secret).digest("hex"), expired ? "-1" : "24"],
    ),
  );
  return `/reset-password#${secret}`;
}

test("the profile page: change the password, read the notice it brings, see and end the other sessions", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const email = await createCaseworker();
  const elsewhere = await browser.newPage();
  await signIn(elsewhere, email);
  await signIn(page, email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  const sessions = page.getByRole("list", { name: "Signed-in browsers" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "(this browser)" })).toContainText(/Chrome on Linux|Chrome/);
  await expect(sessions.first()).toContainText(/E[SD]T/);
  await accessibleAtBothWidths(page);

  // A wrong current password is refused next to the field; a common new one too.
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(errorSummary(page)).toContainText("Your current password is not right");
  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("password");
  await page.getByLabel("New password again").fill("password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(errorSummary(page)).toContainText("common or breached");
  await expectAccessible(page);

  await page.getByLabel("Current password").fill(DEMO_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password was changed" })).toContainText("1 other browser was signed out");

  // The other browser is out at its next request.
  await elsewhere.goto("/cases");
  await expect(elsewhere).toHaveURL(/\/sign-in/);

  // The notice is counted in the header and shown on the page, until marked as read.
  await page.reload();
  await expect(page.getByRole("link", { name: "1 unread notification" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Notices" })).toContainText("Your password was changed");
  await accessibleAtBothWidths(page);
  await page.getByRole("button", { name: "Mark as read" }).click();
  await expect(page.getByText("You have no unread notices.")).toBeVisible();
  await expect(page.getByRole("link", { name: "No unread notifications" })).toBeVisible();

  // Ending the other sessions.
  await signIn(elsewhere, email, NEW_PASSWORD);
  await page.reload();
  await expect(sessions).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out every other browser" }).click();
  await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await elsewhere.goto("/cases");
  await expect(elsewhere).toHaveURL(/\/sign-in/);
});

test("a password reset link: an expired one says so, a good one sets the password once and ends every session", async ({ page }) => {
  const email = await createCaseworker();
  await page.goto(await resetLink(email, { expired: true }));
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  // The secret leaves the address bar.
  await expect(page).toHaveURL(/\/reset-password$/);
  await accessibleAtBothWidths(page);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(errorSummary(page)).toContainText("This link has expired");
  await expectAccessible(page);

  // Each link opened as from an e-mail: a fresh page.
  const link = await resetLink(email);
  await page.goto("about:blank");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed");
  await expectAccessible(page);

  await page.goto("about:blank");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("yet another long password");
  await page.getByLabel("New password again").fill("yet another long password");
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(errorSummary(page)).toContainText("already been used");

  await signIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
});

test("an invited person chooses a password and sets up a second factor on the welcome page, then signs in with both", async ({ page }) => {
  test.setTimeout(60_000);
  const email = `e2e-invited-${randomBytes(4).toString("hex")}@demo.example.org`;
  const secret = randomBytes(32).toString("base64url");
  await withDatabase(async (client) => {
    await client.query(
      `INSERT INTO "User" ("id", "agencyId", "email", "name", "roles", "updatedAt")
       SELECT gen_random_uuid(), "agencyId", $1, 'Robin Invited', ARRAY['CASEWORKER']::"Role"[], now() FROM "User" WHERE "email" = 'admin@demo.example.org'`,
      [email],
    );
    await client.query(
      `INSERT INTO "AccountToken" ("id", "agencyId", "userId", "purpose", "tokenHash", "expiresAt")
       SELECT gen_random_uuid(), "agencyId", "id", 'INVITATION', $2, now() + interval '24 hours' FROM "User" WHERE "email" = $1`,
      [email, createHash("sha256").update(secret).digest("hex")],
    );
  });
  await page.goto(`/welcome#${secret}`);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Homeward" })).toBeVisible();
  await accessibleAtBothWidths(page);
  await page.getByLabel("New password", { exact: true }).fill("robin's password");
  await page.getByLabel("New password again").fill("robin's password");
  await page.getByRole("button", { name: "Continue to the second factor" }).click();
  await expect(errorSummary(page)).toContainText("Do not use your name");
  const password = "eight or more";
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: "Continue to the second factor" }).click();
  await expect(page.getByRole("heading", { name: "Step 2 of 2: set up your second factor" })).toBeVisible();
  await accessibleAtBothWidths(page);
  const totp = (await page.getByTestId("totp-key").textContent())!.replace(/\s/g, "");
  await page.getByLabel("Code from the app").fill(await generate({ secret: totp }));
  await page.getByRole("button", { name: "Confirm and finish" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  const recoveryCode = (await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").first().textContent())!;
  await page.getByRole("link", { name: /sign in/ }).click();

  // Signs in with the password and a recovery code (the app's code was just used).
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await page.getByLabel("Code").fill(recoveryCode);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "3 unread notifications" })).toBeVisible();
});
