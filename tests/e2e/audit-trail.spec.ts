import { expect, test } from "@playwright/test";
import { accessibleAtBothWidths, signIn } from "./support";

test("an admin filters the audit trail by person and action, pages it and exports the view", async ({ page }) => {
  await signIn(page, "admin@demo.example.org");
  await page.getByRole("link", { name: "Audit trail", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expect(page.getByText("Events are kept for at least a year")).toBeVisible();
  await expect(page.getByRole("heading", { name: "The audit trail verifies" })).toBeVisible();
  await accessibleAtBothWidths(page);

  await page.getByLabel("Person").selectOption({ label: "Alex Kim" });
  await page.getByLabel("Action").selectOption({ label: "Signed in" });
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page).toHaveURL(/[?&]action=auth\.sign_in/);
  expect(new URL(page.url()).searchParams.get("person")).toMatch(/^[0-9a-f-]{36}$/);
  const rows = page.getByRole("region", { name: "Audit events, newest first" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("Signed in");
  await expect(rows.nth(1)).toContainText("Alex Kim");
  await expect(page.getByLabel("Action")).toHaveValue("auth.sign_in");
  await accessibleAtBothWidths(page);

  const exportLink = page.getByRole("link", { name: "Download these events (CSV)" });
  const href = await exportLink.getAttribute("href");
  expect(href).toContain("action=auth.sign_in");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const csv = await response.text();
  expect(csv.split("\r\n")[0]).toBe("When,Who,What,Outcome,Record,Record id,Request");
  expect(csv).toContain("Signed in");
  expect(csv).not.toContain("auth.sign_in");

  // Tampered filters are answered in words, not with a crash.
  await page.goto("/admin/audit?action=episode.deleted");
  await expect(page.getByRole("alert").filter({ hasText: "Choose an action from the list." })).toBeVisible();
  expect((await page.request.get("/api/admin/audit/export?person=Jordan")).status()).toBe(400);
});
