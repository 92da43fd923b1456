import { randomUUID } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { accessibleAtBothWidths, saveSteps, signIn, startReportForNewChild } from "./support";
import { choose, tabTo, typeDateTime, typeInto } from "./keyboard";

const CASEWORKER = "caseworker@demo.example.org";
const SUPERVISOR = "supervisor@demo.example.org";

test.describe.configure({ timeout: 300_000 });

/** The case page's section (a region named by its heading). */
const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const status = (page: Page) => page.getByText(/^Status:/);

/** Opens a disclosure (a <summary>, which has no role) by its words. */
async function open(scope: Locator, words: string) {
  await scope.getByText(words, { exact: true }).click();
}

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}

test("an episode from the report to its closure, and the child running again", async ({ page, browser }) => {
  const now = new Date();
  /** A wall time in the demo agency's zone, some minutes before the test started. */
  const ago = (minutes: number) => newYorkWall(new Date(now.getTime() - minutes * 60_000));
  const caseNumber = `AFTER-${randomUUID().slice(0, 8)}`;
  const lastName = `Return ${caseNumber}`;
  const childName = `Jordan Lee ${lastName}`;
  const packetSummary = "Found at a friend's apartment in Springfield by the police, two days after leaving.";

  // The caseworker files the report (missing three hours ago, both reports made) and submits it.
  await signedIn(page, CASEWORKER);
  const episodeId = await startReportForNewChild(page);
  const steps = completeSteps(now);
  await saveSteps(page, episodeId, { ...steps, child: { ...steps.child, lastName, agencyCaseNumber: caseNumber } });
  await page.goto(`/cases/${episodeId}/report/review`);
  await page.getByRole("button", { name: "Submit the report", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Report submitted" })).toBeVisible();
  await expect(status(page)).toHaveText("Status: Missing (reported)");
  const search = section(page, "Search while missing");
  await expect(search).toContainText("No search activity recorded yet.");
  // Closing is not offered yet, and the page says why.
  const closure = section(page, "Closure");
  await expect(closure).toContainText("Not ready for closure yet.");
  await expect(closure.getByRole("listitem").filter({ hasText: "Record the child's recovery, or that the episode ended without one." })).toBeVisible();
  await expect(closure.getByRole("button", { name: "Ask for closure", exact: true })).toHaveCount(0);
  await accessibleAtBothWidths(page);

  // Two search activities, the first by keyboard alone; the second gave a lead.
  await tabTo(page, search.getByText("Add a search activity", { exact: true }));
  await page.keyboard.press("Enter");
  // Sent with nothing chosen: the summary takes focus and names the field.
  await tabTo(page, search.getByRole("button", { name: "Record the activity", exact: true }));
  await page.keyboard.press("Enter");
  const problem = search.getByRole("alert").filter({ has: page.getByRole("heading", { name: "The activity was not recorded" }) });
  await expect(problem).toBeFocused();
  await expect(problem.getByRole("link", { name: "Choose what was done", exact: true })).toBeVisible();
  await expect(search.getByLabel("What was done", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await accessibleAtBothWidths(page);
  await choose(page, search.getByLabel("What was done", { exact: true }), "Called or texted the child");
  await typeDateTime(page, search.getByLabel("When", { exact: true }), ago(150));
  await typeInto(page, search.getByLabel("Person contacted (optional)", { exact: true }), "Jordan");
  await typeInto(page, search.getByLabel("Outcome (optional)", { exact: true }), "No answer; voicemail full.");
  await tabTo(page, search.getByRole("button", { name: "Record the activity", exact: true }));
  await page.keyboard.press("Enter");
  await expect(search.getByRole("heading", { level: 4, name: "Called or texted the child" })).toBeVisible();
  await expect(search.getByLabel("Outcome (optional)", { exact: true })).toHaveValue("");
  // Said in words to a screen reader, since the form is emptied (WCAG 4.1.3).
  await expect(page.getByRole("status").filter({ hasText: "Saved. The case is up to date." })).toHaveCount(1);

  await search.getByLabel("What was done", { exact: true }).selectOption({ label: "Contacted friends or relatives" });
  await search.getByLabel("When", { exact: true }).fill(ago(120));
  await search.getByLabel("Person contacted (optional)", { exact: true }).fill("Maria Rivera, aunt");
  await search.getByLabel("Outcome (optional)", { exact: true }).fill("Says Jordan may be staying with a friend on Elm Avenue.");
  await search.getByRole("checkbox", { name: "This gave a lead", exact: true }).check();
  await search.getByRole("button", { name: "Record the activity", exact: true }).click();
  await expect(search.getByRole("heading", { level: 4, name: "Contacted friends or relatives" })).toBeVisible();
  await expect(search).toContainText("Not passed on yet:");

  // The lead is passed to law enforcement, on time.
  await open(search, "Record that the lead was passed to law enforcement");
  await search.getByLabel("When it was passed on", { exact: true }).fill(ago(110));
  await search.getByLabel("Who at law enforcement it was given to", { exact: true }).fill("Officer Dana Cruz");
  await search.getByRole("button", { name: "Record as passed on", exact: true }).click();
  await expect(search).toContainText("Passed on on time");
  await expect(search).toContainText("Passed to Officer Dana Cruz on");
  await accessibleAtBothWidths(page);

  // The recovery: located, then recovered by law enforcement at a friend's home.
  const recovery = section(page, "Recovery");
  await expect(recovery).toContainText("The child has not been located or recovered yet.");
  await open(recovery, "Record that the child was located or recovered");
  await recovery.getByLabel("Located: when the agency learned where the child is", { exact: true }).fill(ago(60));
  await recovery.getByLabel("Recovered: when the child was back in care", { exact: true }).fill(ago(50));
  await recovery.getByLabel("When the agency learned of the recovery", { exact: true }).fill(ago(50));
  await recovery.getByLabel("Address", { exact: true }).fill("41 Elm Avenue, apartment 3");
  await recovery.getByLabel("City", { exact: true }).fill("Springfield");
  await recovery.getByLabel("State", { exact: true }).selectOption({ label: "New York" });
  await recovery.getByLabel("Kind of place", { exact: true }).selectOption({ label: "A friend's home" });
  await recovery.getByLabel("How the child came back", { exact: true }).selectOption({ label: "Found by law enforcement" });
  await recovery.getByLabel("Officer's name", { exact: true }).fill("Officer Dana Cruz");
  await recovery.getByLabel("Law enforcement's case number", { exact: true }).fill("SPD-26-118");
  await recovery.getByLabel("The child's condition", { exact: true }).fill("Tired and hungry; a bruise on the left arm.");
  await recovery.getByLabel("Where the child is placed now", { exact: true }).fill("Maple Street group home, room 4");
  await recovery.getByLabel("Summary for a later packet", { exact: true }).fill(packetSummary);
  await recovery.getByRole("button", { name: "Save the recovery", exact: true }).click();
  await expect(status(page)).toHaveText("Status: Recovered, debrief due");
  await expect(recovery).toContainText(packetSummary);
  await expect(search).toContainText("The child is no longer missing");
  await accessibleAtBothWidths(page);

  // The return notices: law enforcement (NCIC entry cleared) and NCMEC (case closed).
  for (const [card, told, person, question] of [
    ["Notice: Return: Law enforcement", "Record that law enforcement was told of the return", "Officer Dana Cruz, badge 4471", "Was the NCIC entry cleared?"],
    ["Notice: Return: NCMEC", "Record that NCMEC was told of the return", "Intake specialist R. Hale", "Did NCMEC close its case?"],
  ] as const) {
    const notice = recovery.getByRole("region", { name: card, exact: true });
    await expect(notice).toContainText("Not told yet:");
    await open(notice, told);
    await notice.getByLabel("Who told them", { exact: true }).fill("Casey Morgan");
    await notice.getByLabel("The person told", { exact: true }).fill(person);
    await notice.getByLabel("How", { exact: true }).fill("Phone");
    await notice.getByLabel(question, { exact: true }).selectOption({ label: "Yes" });
    await notice.getByRole("button", { name: "Record as told", exact: true }).click();
    await expect(notice).toContainText("Told on time");
    await expect(notice).toContainText(`Person told: ${person}`);
  }
  await accessibleAtBothWidths(page);

  // The debrief: the interview, the factors, the experiences.
  const debrief = section(page, "Return debrief");
  await expect(debrief).toContainText("Not done yet:");
  await debrief.getByLabel("Who interviewed the child", { exact: true }).fill("Casey Morgan");
  await debrief.getByLabel("Their role", { exact: true }).fill("Caseworker");
  await debrief.getByLabel("When the child was interviewed", { exact: true }).fill(ago(20));
  await debrief.getByLabel("Where", { exact: true }).fill("The group home's quiet room");
  await debrief.getByLabel("Who else was present", { exact: true }).fill("Nobody");
  await debrief.getByRole("checkbox", { name: "Conflict in the placement", exact: true }).check();
  await debrief.getByRole("checkbox", { name: "Someone exploiting the child", exact: true }).check();
  await debrief.getByLabel("The primary factors, in words", { exact: true }).fill("Arguments with a housemate; an older man offered a place to stay.");
  await debrief.getByLabel("The response to them in the current placement", { exact: true }).fill("Room change and a weekly session with the therapist.");
  await debrief.getByLabel("Plans for later placements", { exact: true }).fill("A placement with fewer housemates.");
  await debrief.getByLabel("Where the child stayed", { exact: true }).fill("A friend's apartment, then a motel.");
  await debrief.getByLabel("Who the child stayed with", { exact: true }).fill("A friend, then an adult man.");
  await debrief.getByLabel("How the child met their needs", { exact: true }).fill("Food from the friend; the man paid for the motel.");
  await debrief.getByLabel("Harm the child suffered", { exact: true }).fill("Bruise on the arm.");
  await debrief.getByRole("button", { name: "Save the debrief", exact: true }).click();
  await expect(debrief.getByRole("status").filter({ hasText: "The debrief was saved." })).toBeVisible();
  const completion = debrief.getByRole("region", { name: "Mark the debrief complete", exact: true });
  await expect(completion.getByRole("listitem")).toHaveText([
    "Record the sex-trafficking screen: the instrument, its result, who screened and when.",
    "Record the trafficking determination (not a victim, suspected or confirmed).",
  ]);

  // The trafficking screen: clear concern.
  const screens = debrief.getByRole("region", { name: "Sex-trafficking screens", exact: true });
  await open(screens, "Record a screen");
  await screens.getByLabel("Screening instrument", { exact: true }).selectOption({ label: "CSE-IT (Commercial Sexual Exploitation Identification Tool)" });
  await screens.getByLabel("Version of the instrument", { exact: true }).fill("Full");
  await screens.getByLabel("Result: level of concern", { exact: true }).selectOption({ label: "Clear concern" });
  await screens.getByLabel("Who screened", { exact: true }).fill("Casey Morgan");
  await screens.getByLabel("When", { exact: true }).fill(ago(15));
  await screens.getByRole("button", { name: "Record the screen", exact: true }).click();
  await expect(screens).toContainText("Clear concern. Screened by Casey Morgan");

  // The determination: a confirmed victim of sex trafficking, identified fifteen minutes ago.
  const determination = debrief.getByRole("region", { name: "Trafficking determination", exact: true });
  await determination.getByLabel("Sex trafficking", { exact: true }).selectOption({ label: "Confirmed victim" });
  await determination.getByLabel("Labor trafficking", { exact: true }).selectOption({ label: "Not a victim" });
  await determination.getByLabel("When the agency received the information that identified the child", { exact: true }).fill(ago(15));
  await determination.getByRole("button", { name: "Record the determination", exact: true }).click();
  await expect(determination).toContainText("Sex trafficking: Confirmed victim");
  await accessibleAtBothWidths(page);

  // Its report to law enforcement, well within 24 hours.
  const traffickingReport = section(page, "Trafficking report to law enforcement");
  await expect(traffickingReport).toContainText("Not reported yet:");
  await expect(traffickingReport).toContainText("(24 hours after the agency received the information)");
  await traffickingReport.getByLabel("Law-enforcement agency", { exact: true }).fill("Springfield Police Department");
  await traffickingReport.getByLabel("Officer", { exact: true }).fill("Detective Lee Park");
  await traffickingReport.getByLabel("Case number", { exact: true }).fill("SPD-26-131");
  await traffickingReport.getByLabel("When law enforcement was told", { exact: true }).fill(ago(10));
  await traffickingReport.getByRole("button", { name: "Record the report", exact: true }).click();
  await expect(traffickingReport).toContainText("Reported on time");
  await expect(traffickingReport.getByRole("heading", { level: 2, name: "Trafficking report to law enforcement", exact: true })).toBeFocused();
  await expect(traffickingReport).toContainText("Springfield Police Department, Detective Lee Park, case number SPD-26-131");
  await accessibleAtBothWidths(page);

  // The debrief is complete; the caseworker asks for closure.
  await expect(completion).toContainText("Nothing is missing: the debrief can be marked complete.");
  await completion.getByRole("button", { name: "Mark the debrief complete", exact: true }).click();
  await expect(debrief).toContainText("Done on time");
  await expect(debrief.getByRole("heading", { level: 2, name: "Return debrief", exact: true })).toBeFocused();
  await expect(debrief).toContainText("Marked complete");
  await expect(closure).toContainText("Nothing is missing: closure can be asked for.");
  await accessibleAtBothWidths(page);
  // By keyboard: the form goes once closure is asked for, and focus moves to the section's heading rather than to the top of the page.
  await typeInto(page, closure.getByLabel("Comment for the supervisor (optional)", { exact: true }), "Everything is recorded.");
  await tabTo(page, closure.getByRole("button", { name: "Ask for closure", exact: true }));
  await page.keyboard.press("Enter");
  await expect(status(page)).toHaveText("Status: Awaiting sign-off");
  await expect(closure.getByRole("heading", { level: 2, name: "Closure", exact: true })).toBeFocused();
  await expect(closure).toContainText("Waiting for a supervisor's sign-off: asked for by Casey Morgan");
  await accessibleAtBothWidths(page);

  // The supervisor of the caseworker's team returns it with a comment.
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signedIn(supervisor, SUPERVISOR);
  await supervisor.goto("/cases");
  await supervisor.getByRole("link", { name: "Show the episodes awaiting sign-off", exact: true }).click();
  await expect(supervisor.getByRole("row", { name: new RegExp(childName) })).toContainText("Awaiting sign-off");
  await accessibleAtBothWidths(supervisor);
  await supervisor.getByRole("link", { name: childName, exact: true }).click();
  const signOff = section(supervisor, "Closure");
  await expect(signOff.getByRole("heading", { level: 3, name: "Your sign-off" })).toBeVisible();
  await accessibleAtBothWidths(supervisor);
  const comment = "Add the officer's badge number to the NCMEC return notice, then ask again.";
  await signOff.getByLabel("What the caseworker must do first", { exact: true }).fill(comment);
  await signOff.getByRole("button", { name: "Return with comment", exact: true }).click();
  await expect(signOff).toContainText("Returned by Sam Patel");
  await expect(signOff.getByRole("heading", { level: 3, name: "Your sign-off" })).toHaveCount(0);
  await accessibleAtBothWidths(supervisor);

  // The caseworker sees the comment and answers it.
  await page.reload();
  await expect(closure.getByRole("heading", { level: 3, name: "The supervisor's comment" })).toBeVisible();
  await expect(closure).toContainText(comment);
  await accessibleAtBothWidths(page);
  await closure.getByLabel("Your answer to the supervisor's comment", { exact: true }).fill("Done: the badge number is on the law-enforcement notice; NCMEC took it by phone.");
  await closure.getByRole("button", { name: "Ask for closure", exact: true }).click();
  await expect(status(page)).toHaveText("Status: Awaiting sign-off");

  // The supervisor approves: the case is closed, for both.
  await supervisor.reload();
  await expect(signOff).toContainText("Done: the badge number is on the law-enforcement notice");
  await signOff.getByLabel("Comment (optional)", { exact: true }).fill("Approved.");
  await signOff.getByRole("button", { name: "Approve closure", exact: true }).click();
  await expect(status(supervisor)).toHaveText("Status: Closed");
  await expect(signOff).toContainText("Closed: approved by Sam Patel");
  await accessibleAtBothWidths(supervisor);
  await supervisorContext.close();
  await page.reload();
  await expect(status(page)).toHaveText("Status: Closed");
  await expect(closure.getByRole("listitem").filter({ hasText: "Returned with a comment by Sam Patel" })).toContainText(comment);
  await accessibleAtBothWidths(page);

  // The same child runs again: a new report starts at once.
  await page.goto("/reports/new");
  await page.getByLabel("Agency case number", { exact: true }).first().fill(caseNumber);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 child matches." })).toBeVisible();
  await accessibleAtBothWidths(page);
  await page.getByRole("button", { name: `Start a report for ${childName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Child" })).toBeVisible();
  await page.getByRole("button", { name: "Save and continue", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Missing event" })).toBeVisible();
  await accessibleAtBothWidths(page);
  const again = new URL(page.url()).pathname.split("/")[2]!;
  expect(again).not.toBe(episodeId);

  // Its full packet lists the earlier recovery in named fields, and nothing of the debrief; the public-safe one has no earlier episode.
  const full = await page.request.get(`/api/episodes/${again}/packet?variant=full&format=json`);
  expect(full.status()).toBe(200);
  const fullText = await full.text();
  expect(JSON.parse(fullText).earlierEpisodes).toEqual([
    expect.objectContaining({
      recovery: {
        recoveredOn: ago(50).slice(0, 10),
        city: "Springfield",
        state: "NY",
        placeKind: { code: "FRIEND_HOME", label: "A friend's home" },
        recoveredBy: { code: "LAW_ENFORCEMENT", label: "Found by law enforcement" },
        summary: packetSummary,
      },
    }),
  ]);
  for (const secret of ["41 Elm Avenue", "Maple Street group home, room 4", "a bruise on the left arm", "CSE-IT", "CONFIRMED", "Detective Lee Park"]) expect(fullText).not.toContain(secret);
  const publicSafe = await page.request.get(`/api/episodes/${again}/packet?variant=public-safe&format=json`);
  expect(publicSafe.status()).toBe(200);
  const publicText = await publicSafe.text();
  expect(JSON.parse(publicText)).not.toHaveProperty("earlierEpisodes");
  expect(publicText).not.toContain(packetSummary);
  expect(publicText).not.toContain("Springfield Police Department, Detective");
});
