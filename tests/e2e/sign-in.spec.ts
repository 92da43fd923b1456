import { expect, test } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_PASSWORD, accessibleAtBothWidths, callApi, createCaseworker, errorSummary, expectAccessible, giveSecondFactor, signIn, totpCode, withDatabase } from "./support";

const ROLES = [
  {
    email: "caseworker@demo.example.org",
    agency: "Demo County Children's Services",
    role: "Caseworker",
    nav: ["Home", "Cases", "Report a missing child", "Your account"],
  },
  {
    email: "supervisor@demo.example.org",
    agency: "Demo County Children's Services",
    role: "Supervisor",
    nav: ["Home", "Cases", "Open episodes", "On-time rate", "Your account"],
  },
  {
    email: "admin@demo.example.org",
    agency: "Demo County Children's Services",
    role: "Admin",
    nav: ["Home", "Users", "Teams", "Audit trail", "Agency settings", "Backups", "Your account"],
  },
  {
    email: "caseworker@neighbor.example.org",
    agency: "Neighbor County Human Services",
    role: "Caseworker",
    nav: ["Home", "Cases", "Report a missing child", "Your account"],
  },
];

const ALL_NAV = ["Home", "Cases", "Report a missing child", "Open episodes", "On-time rate", "Users", "Teams", "Audit trail", "Agency settings", "Backups", "Your account"];

for (const account of ROLES) {
  test(`${account.role} of ${account.agency} signs in and sees only their navigation`, async ({ page }) => {
    // Every page of the navigation is visited and checked.
    test.setTimeout(60_000);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page);
    await signIn(page, account.email);
    await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(account.agency);
    await expect(page.getByRole("banner")).toContainText(account.role);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(account.nav);
    for (const label of ALL_NAV.filter((l) => !account.nav.includes(l))) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    }
    await expectAccessible(page);
    for (const label of account.nav.slice(1)) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
      await expectAccessible(page);
    }
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test("a role is refused pages outside its permissions", async ({ page }) => {
  await signIn(page, "caseworker@demo.example.org");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expectAccessible(page);
});

test("an admin cannot open a user of another agency", async ({ page }) => {
  const otherId = await withDatabase(async (client) => {
    const { rows } = await client.query(`SELECT "id" FROM "User" WHERE "email" = 'caseworker@neighbor.example.org'`);
    return rows[0].id as string;
  });
  await signIn(page, "admin@demo.example.org");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  const response = await page.goto(`/admin/users/${otherId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("a wrong password gets the generic message, in the summary that takes focus", async ({ page }) => {
  await signIn(page, "caseworker@demo.example.org", "not-the-password");
  const summary = errorSummary(page);
  await expect(summary).toContainText("The email address or password is not right");
  await expect(summary).toBeFocused();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectAccessible(page);

  // An unknown email gets exactly the same words.
  const wrongPasswordText = await summary.textContent();
  await signIn(page, "nobody@demo.example.org", "not-the-password");
  await expect(errorSummary(page)).toHaveText(wrongPasswordText ?? "");
});

test("empty fields are named next to the field and in the summary", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(errorSummary(page)).toContainText("Enter your email address");
  await expect(errorSummary(page)).toContainText("Enter your password");
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("the sixth attempt is refused while the account is locked, even with the right password", async ({ page }) => {
  const email = await createCaseworker();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, email, `wrong-${attempt}`);
    await expect(errorSummary(page)).toContainText("The email address or password is not right");
  }
  await signIn(page, email);
  await expect(errorSummary(page)).toContainText("locked");
  await expect(page).toHaveURL(/\/sign-in/);
  const lockedUntil = await withDatabase(async (client) => {
    const { rows } = await client.query(`SELECT "lockedUntil" FROM "User" WHERE "email" = $1`, [email]);
    return rows[0].lockedUntil as Date | null;
  });
  expect(lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
});

test("an idle session is sent back to sign-in", async ({ page }) => {
  const email = await createCaseworker();
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  // 31 minutes pass without a request.
  await withDatabase((client) =>
    client.query(
      `UPDATE "UserSession" SET "lastSeenAt" = now() - interval '31 minutes'
        WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $1)`,
      [email],
    ),
  );
  await page.getByRole("link", { name: "Cases", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=idle/);
  await expect(page.getByRole("status")).toContainText("30 minutes without activity");
  await expectAccessible(page);
});

test("signing in works with the keyboard alone", async ({ page }) => {
  const secret = (await giveSecondFactor("supervisor@demo.example.org"))!;
  await page.goto("/sign-in");
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email address")).toBeFocused();
  await page.keyboard.type("supervisor@demo.example.org");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Code")).toBeFocused();
  await page.keyboard.type(await totpCode(secret));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
});

/** A fresh supervisor of the demo agency with no second factor, as the demo supervisor starts. */
async function supervisorWithoutFactor(): Promise<string> {
  const email = `e2e-supervisor-${Date.now()}@demo.example.org`;
  await withDatabase((client) =>
    client.query(
      `INSERT INTO "User" ("id", "agencyId", "email", "name", "roles", "passwordHash", "updatedAt")
       SELECT gen_random_uuid(), "agencyId", $1, 'Test Supervisor', ARRAY['SUPERVISOR']::"Role"[], "passwordHash", now()
         FROM "User" WHERE "email" = 'supervisor@demo.example.org'`,
      [email],
    ),
  );
  return email;
}

test("a supervisor sets up a second factor at first sign-in, sees the recovery codes once, and signs in again with a code", async ({ page }) => {
  test.setTimeout(60_000);
  const email = await supervisorWithoutFactor();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set up your second factor" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\/second-factor/);
  await accessibleAtBothWidths(page);

  // Half-signed: nothing else is reachable, pages or routes.
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/sign-in\/second-factor/);
  const api = await callApi(page, "POST", "/api/episodes", {});
  expect(api.status()).toBe(401);
  expect((await api.json()).error).toContain("set up your second factor");

  const secret = (await page.getByTestId("totp-key").textContent())!.replace(/\s/g, "");
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(errorSummary(page)).toContainText("The code is not right");
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  const setUpStep = Math.floor(Date.now() / 30_000);
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expectAccessible(page);
  const stored = await withDatabase(async (client) =>
    (await client.query(`SELECT "totpSecret", (SELECT count(*)::int FROM "RecoveryCode" r WHERE r."userId" = u."id") AS n FROM "User" u WHERE "email" = $1`, [email])).rows[0],
  );
  expect(stored.n).toBe(10);
  expect(stored.totpSecret).not.toContain(secret);
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();

  // Shown once: the set-up page is not reachable again, and the codes are nowhere.
  await page.goto("/sign-in/second-factor");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await expectAccessible(page);
  // A code is accepted once: a later one signs in.
  await page.getByLabel("Code").fill(await nextCode(secret, setUpStep));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
});

/**
 * A code of a time step after `usedStep`, without waiting up to 30 s for the app to show one: while
 * the clock is still in that step, the code of the next step (what a phone whose clock runs a few
 * seconds ahead shows, within the one step of drift the app allows).
 */
async function nextCode(secret: string, usedStep: number): Promise<string> {
  const step = Math.max(Math.floor(Date.now() / 30_000), usedStep + 1);
  return totpCode(secret, step * 30);
}
