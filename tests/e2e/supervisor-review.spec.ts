import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { completeSteps } from "../fixtures/episode-steps";
import { accessibleAtBothWidths, callApi, createCaseworker, episodeVersion, saveSteps, signIn, startReportForNewChild } from "./support";
import { tabTo, typeInto } from "./keyboard";

const CASEWORKER = "caseworker@demo.example.org";
const SUPERVISOR = "supervisor@demo.example.org";

test.describe.configure({ timeout: 240_000 });

/** The case page's section (a region named by its heading). */
const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}

test("a supervisor returns a submitted report with a comment; the caseworker amends it and asks again; it is approved, then reassigned", async ({ page, browser }) => {
  const caseNumber = `REVIEW-${randomUUID().slice(0, 8)}`;
  const lastName = `Review ${caseNumber}`;
  const childName = `Jordan Lee ${lastName}`;
  const comment = "Add the colour of the jacket the child was wearing.";

  // The caseworker files and submits a report: both reports are made; submitting asks for review.
  await signedIn(page, CASEWORKER);
  const episodeId = await startReportForNewChild(page);
  const steps = completeSteps(new Date());
  await saveSteps(page, episodeId, { ...steps, child: { ...steps.child, lastName, agencyCaseNumber: caseNumber } });
  const submitted = await callApi(page, "POST", `/api/episodes/${episodeId}/submit`, { version: await episodeVersion(episodeId) });
  expect(submitted.status()).toBe(200);
  await page.goto(`/cases/${episodeId}`);
  const review = section(page, "Supervisor review");
  await expect(review).toContainText("Waiting for a supervisor's review: asked for by Casey Morgan");
  await expect(review).toContainText("The reports to law enforcement and NCMEC never wait for this review.");
  await expect(review.getByRole("button", { name: "Ask for review again", exact: true })).toHaveCount(0);
  await accessibleAtBothWidths(page);

  // The supervisor of the caseworker's team finds it under "awaiting review".
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signedIn(supervisor, SUPERVISOR);
  await supervisor.goto("/cases");
  await supervisor.getByRole("link", { name: "Show the reports awaiting review", exact: true }).click();
  await expect(supervisor).toHaveURL(/stage=awaiting-review/);
  await expect(supervisor.getByLabel("Show", { exact: true })).toHaveValue("awaiting-review");
  // Newest first, so that reports left waiting by other tests do not push this one to a later page.
  await supervisor.goto("/cases?stage=awaiting-review&sort=started&dir=desc");
  await expect(supervisor.getByRole("row", { name: new RegExp(childName) })).toBeVisible();
  await accessibleAtBothWidths(supervisor);
  await supervisor.getByRole("link", { name: childName, exact: true }).click();
  await expect(supervisor.getByText("This report is waiting for a supervisor's review.")).toBeVisible();
  const decide = section(supervisor, "Supervisor review");
  await expect(decide.getByRole("heading", { level: 3, name: "Your review" })).toBeVisible();
  // Closure sign-off is reachable from the same place.
  await expect(decide.getByRole("link", { name: "Closure", exact: true })).toHaveAttribute("href", "#closure-heading");
  await accessibleAtBothWidths(supervisor);

  // Returned without a comment: the summary takes focus and names the field. Then with one, by keyboard.
  await tabTo(supervisor, decide.getByRole("button", { name: "Return with comment", exact: true }));
  await supervisor.keyboard.press("Enter");
  const problem = decide.getByRole("alert").filter({ has: supervisor.getByRole("heading", { name: "The report was not returned" }) });
  await expect(problem).toBeFocused();
  await expect(problem.getByRole("link", { name: "Write what the caseworker must change in the report.", exact: true })).toBeVisible();
  await accessibleAtBothWidths(supervisor);
  await typeInto(supervisor, decide.getByLabel("What the caseworker must change", { exact: true }), comment);
  await tabTo(supervisor, decide.getByRole("button", { name: "Return with comment", exact: true }));
  await supervisor.keyboard.press("Enter");
  await expect(decide).toContainText("Returned by Sam Patel");
  await expect(decide.getByRole("heading", { level: 3, name: "Your review" })).toHaveCount(0);
  await expect(decide.getByRole("heading", { level: 2, name: "Supervisor review" })).toBeFocused();
  // Nothing about the reports changed: both are still recorded as made on time.
  await expect(supervisor.getByText("Status: Missing (reported)")).toBeVisible();
  await accessibleAtBothWidths(supervisor);

  // The caseworker sees the comment on the case, first near the top.
  await page.reload();
  await expect(page.getByText("A supervisor returned the report with a comment.")).toBeVisible();
  await page.getByRole("link", { name: "Read the supervisor's comment", exact: true }).click();
  await expect(review.getByRole("heading", { level: 3, name: "The supervisor's comment on the report" })).toBeVisible();
  await expect(review.getByRole("blockquote")).toHaveText(comment);
  await accessibleAtBothWidths(page);

  // They change the description: an amendment, with the prompt to send the update.
  await page.goto(`/cases/${episodeId}/report/description`);
  await accessibleAtBothWidths(page);
  await page.getByLabel("Other features (optional)", { exact: true }).fill("Red rain jacket with a torn left sleeve.");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).not.toHaveURL(/report\/description/);
  await page.goto(`/cases/${episodeId}`);
  const amendments = page.getByRole("region", { name: "Changed since the report was submitted", exact: true });
  await expect(amendments).toContainText("Send these changes to NCMEC (1-800-843-5678) and to law enforcement, then record that you did.");
  await expect(review).toContainText("Changed since the supervisor's decision: Description.");
  await amendments.getByRole("button", { name: "I have sent these changes to NCMEC and law enforcement", exact: true }).click();
  await expect(amendments).toContainText("Every change has been sent to NCMEC and law enforcement.");
  await review.getByLabel("Your answer to the supervisor's comment (optional)", { exact: true }).fill("Added the jacket; the update went to NCMEC and the police by phone.");
  await review.getByRole("button", { name: "Ask for review again", exact: true }).click();
  await expect(review).toContainText("Waiting for a supervisor's review: asked for by Casey Morgan");
  await expect(page.getByText("A supervisor returned the report with a comment.")).toHaveCount(0);
  await accessibleAtBothWidths(page);

  // The supervisor approves it.
  await supervisor.reload();
  await expect(decide.getByRole("heading", { level: 3, name: "Your review" })).toBeVisible();
  await decide.getByLabel("Comment (optional)", { exact: true }).fill("Thank you.");
  await decide.getByRole("button", { name: "Approve the report", exact: true }).click();
  await expect(decide).toContainText("Approved by Sam Patel");
  const history = decide.getByRole("list").last();
  await expect(history.getByRole("listitem")).toHaveText([
    /^Review asked for by Casey Morgan/,
    new RegExp(`^Returned with a comment by Sam Patel.*${comment}`),
    /^Review asked for by Casey Morgan.*Added the jacket/,
    /^Approved by Sam Patel.*Thank you\./,
  ]);
  await accessibleAtBothWidths(supervisor);

  // The supervisor reassigns the case to another caseworker; the history shows it.
  const newCaseworker = await createCaseworker();
  await supervisor.reload();
  const reassign = section(supervisor, "Reassign");
  await expect(reassign).toContainText("The case is with Casey Morgan.");
  await reassign.getByRole("button", { name: "Reassign the case", exact: true }).click();
  await expect(reassign.getByRole("alert").getByRole("link", { name: "Choose the caseworker who will take this case.", exact: true })).toBeVisible();
  await reassign.getByLabel("Caseworker who takes the case", { exact: true }).selectOption({ label: `Test Caseworker (${newCaseworker})` });
  await reassign.getByRole("button", { name: "Reassign the case", exact: true }).click();
  await expect(reassign).toContainText("The case is with Test Caseworker.");
  await expect(supervisor.getByRole("listitem").filter({ hasText: "Case reassigned: from Casey Morgan to Test Caseworker by Sam Patel" })).toBeVisible();
  await expect(supervisor.getByRole("listitem").filter({ hasText: "Report returned with a comment by Sam Patel" })).toBeVisible();
  await accessibleAtBothWidths(supervisor);
  await supervisorContext.close();
});
