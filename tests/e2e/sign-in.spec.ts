import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, createCaseworker, errorSummary, expectAccessible, signIn, withDatabase } from "./support";

const ROLES = [
  {
    email: "caseworker@demo.example.org",
    agency: "Demo County Children's Services",
    role: "Caseworker",
    nav: ["Home", "Cases", "Report a missing child"],
  },
  {
    email: "supervisor@demo.example.org",
    agency: "Demo County Children's Services",
    role: "Supervisor",
    nav: ["Home", "Cases", "Open episodes"],
  },
  { email: "admin@demo.example.org", agency: "Demo County Children's Services", role: "Admin", nav: ["Home", "Users", "Audit trail"] },
  {
    email: "caseworker@neighbor.example.org",
    agency: "Neighbor County Human Services",
    role: "Caseworker",
    nav: ["Home", "Cases", "Report a missing child"],
  },
];

const ALL_NAV = ["Home", "Cases", "Report a missing child", "Open episodes", "Users", "Audit trail"];

for (const account of ROLES) {
  test(`${account.role} of ${account.agency} signs in and sees only their navigation`, async ({ page }) => {
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
    await page.getByRole("button", { name: "Sign out" }).click();
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
  await page.goto("/sign-in");
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email address")).toBeFocused();
  await page.keyboard.type("supervisor@demo.example.org");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
});
