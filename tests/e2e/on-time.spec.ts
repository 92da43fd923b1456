import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { federalPeriodCode, federalPeriodOf } from "../../src/domain/on-time-rate";
import { accessibleAtBothWidths, saveSteps, signIn, startReportForNewChild } from "./support";

const CASEWORKER = "caseworker@demo.example.org";
const SUPERVISOR = "supervisor@demo.example.org";
const HOUR = 3_600_000;

// Two people signed in, three pages each checked at two widths.
test.describe.configure({ timeout: 180_000 });

test("a supervisor reads the on-time rate of a period, follows a figure to its episodes and downloads the CSV", async ({ page, browser }) => {
  // A caseworker files a report whose law-enforcement report was late, its reason typed as a spreadsheet formula.
  const now = new Date();
  const discoveredAt = new Date(now.getTime() - 30 * HOUR);
  const caseNumber = `ONTIME-${randomUUID().slice(0, 8)}`;
  const reason = '=HYPERLINK("http://example.org","Open")';
  await signIn(page, CASEWORKER);
  const episodeId = await startReportForNewChild(page);
  const steps = completeSteps(now);
  await saveSteps(page, episodeId, {
    ...steps,
    child: { ...steps.child, agencyCaseNumber: caseNumber },
    "missing-event": { ...steps["missing-event"], discoveredAt: newYorkWall(discoveredAt), lastSeenAt: newYorkWall(new Date(discoveredAt.getTime() - HOUR)) },
    "law-enforcement": { ...steps["law-enforcement"], reportedAt: newYorkWall(new Date(now.getTime() - 2 * HOUR)), lateReason: reason },
    ncmec: { ...steps.ncmec, reportedAt: newYorkWall(new Date(now.getTime() - HOUR)), lateReason: "Waited for the police case number." },
  });

  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, SUPERVISOR);
  await supervisor.getByRole("link", { name: "On-time rate", exact: true }).click();
  await expect(supervisor.getByRole("heading", { level: 1, name: "On-time rate" })).toBeVisible();
  await accessibleAtBothWidths(supervisor);

  // The period in which the clock started, on the agency's calendar.
  const period = federalPeriodCode(federalPeriodOf(discoveredAt, "America/New_York"));
  await supervisor.getByLabel("Period", { exact: true }).selectOption(period);
  await supervisor.getByRole("button", { name: "Show the period" }).click();
  await expect(supervisor).toHaveURL(new RegExp(`[?&]period=${period}`));
  const kinds = supervisor.getByRole("region", { name: /^Figures per clock,/ });
  await expect(kinds.getByRole("rowheader", { name: "Law enforcement", exact: true })).toBeVisible();
  await expect(supervisor.getByRole("region", { name: /^Clocks met late, with the reason given/ })).toContainText(caseNumber);
  await accessibleAtBothWidths(supervisor);

  // The late law-enforcement reports, in the order they started, each linked to its case.
  await kinds.getByRole("link", { name: /Law enforcement, met late: list the episodes/ }).click();
  await expect(supervisor).toHaveURL(/[?&]show=LAW_ENFORCEMENT_REPORT%3Alate/);
  const behind = supervisor.getByRole("region", { name: /^Law enforcement clocks met late, in the order they started/ });
  const row = behind.getByRole("row").filter({ hasText: caseNumber });
  await expect(row).toContainText(reason);
  await expect(row).not.toContainText("Jordan");
  await accessibleAtBothWidths(supervisor);
  await row.getByRole("link", { name: caseNumber }).click();
  await expect(supervisor).toHaveURL(new RegExp(`/cases/${episodeId}$`));
  await supervisor.goBack();

  // The CSV an auditor is handed: the case by its number, the formula shown as text.
  const csvLink = supervisor.getByRole("link", { name: "Download as CSV" });
  const href = await csvLink.getAttribute("href");
  expect(href).toBe(`/api/reports/on-time?period=${period}&format=csv`);
  const download = supervisor.waitForEvent("download");
  await csvLink.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`on-time-report-${period}.csv`);
  const response = await supervisor.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="on-time-report-${period}.csv"`);
  const csv = await response.text();
  expect(csv.split("\r\n")[0]).toBe("On-time report: Demo County Children's Services");
  const line = csv.split("\r\n").find((entry) => entry.startsWith(`${caseNumber},Law enforcement,`));
  expect(line).toContain(`"'=HYPERLINK(""http://example.org"",""Open"")"`);
  expect(csv).not.toContain("Jordan");

  // A period the page does not know is answered in words.
  await supervisor.goto("/reports/on-time?period=2026C");
  await expect(supervisor.getByRole("alert").filter({ hasText: "Choose a federal period such as 2026A" })).toBeVisible();
  expect((await supervisor.request.get("/api/reports/on-time?period=2026C&format=csv")).status()).toBe(400);

  // A caseworker is not shown the report.
  expect((await page.request.get(`/api/reports/on-time?period=${period}&format=csv`)).status()).toBe(403);
  await supervisorContext.close();
});
