import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { completeSteps, newYorkWall } from "../fixtures/episode-steps";
import { errorSummary, expectAccessible, saveSteps, signIn, withDatabase } from "./support";
import { choose, chooseRadio, tabTo, tick, typeDate, typeDateTime, typeInto } from "./keyboard";

const CASEWORKER = "caseworker@demo.example.org";

async function signedIn(page: Page) {
  await signIn(page, CASEWORKER);
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
}

/** Calls the app's API as the signed-in browser (same cookies, same origin). */
async function api(page: Page, method: "POST" | "PUT", path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  return page.request.fetch(path, { method, data, headers: { origin, "content-type": "application/json" } });
}

async function startForNewChild(page: Page, caseNumber = `E2E-${randomUUID().slice(0, 8)}`) {
  const response = await api(page, "POST", "/api/episodes", {
    newChild: { firstName: "Robin", lastName: `Tester ${caseNumber}`, dateOfBirth: "2012-03-04", agencyCaseNumber: caseNumber, underAgencyGuardianship: "yes" },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).episodeId as string;
}

test("a caseworker files a complete report with the keyboard alone", async ({ page }) => {
  test.setTimeout(120_000);
  const now = new Date();
  const v = completeSteps(now);
  const caseNumber = `KB-${randomUUID().slice(0, 8)}`;
  await signedIn(page);

  // Start: from the home page to the report, by keyboard.
  await tabTo(page, page.getByRole("link", { name: "Report a missing child" }).first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Report a missing child" })).toBeVisible();
  await expectAccessible(page);
  await typeInto(page, page.getByLabel("First name"), "Taylor");
  await typeInto(page, page.getByLabel("Last name"), "Keyboard");
  await typeDate(page, page.getByLabel("Date of birth").last(), "2011-05-14");
  await typeInto(page, page.getByLabel("Agency case number").last(), caseNumber);
  await chooseRadio(page, page.getByRole("group", { name: "Is the agency the child's legal guardian?" }), "Yes");
  await tabTo(page, page.getByRole("button", { name: "Add the child and start the report" }));
  await page.keyboard.press("Enter");

  // 1. Child
  await expect(page.getByText("Step 1 of 9")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Child" })).toBeVisible();
  await expectAccessible(page);
  await typeInto(page, page.getByLabel("Middle name (optional)"), "Lee");
  await typeInto(page, page.getByLabel("Aliases and nicknames (optional)"), "TK");
  await chooseRadio(page, page.getByRole("group", { name: "Sex" }), "Female");
  await tick(page, page.getByRole("checkbox", { name: "White" }));
  await chooseRadio(page, page.getByRole("group", { name: "Ethnicity" }), "Not Hispanic or Latino");
  await choose(page, page.getByLabel("Legal status"), "Temporary or emergency custody of the agency");
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");

  // 2. Missing event
  await expect(page.getByRole("heading", { level: 1, name: "Missing event" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Report steps" })).toContainText("✓ 1. Child");
  await expectAccessible(page);
  await typeDateTime(page, page.getByLabel("When did the agency learn the child was missing?"), v["missing-event"].discoveredAt);
  await typeDateTime(page, page.getByLabel("When was the child last seen?"), v["missing-event"].lastSeenAt);
  await typeInto(page, page.getByLabel("Where was the child last seen?"), v["missing-event"].lastSeenPlace);
  await typeInto(page, page.getByLabel("City or town and state"), v["missing-event"].lastSeenCity);
  await typeInto(page, page.getByLabel("Circumstances"), v["missing-event"].circumstances);
  await typeInto(page, page.getByLabel("Clothing when last seen"), v["missing-event"].clothing);
  await chooseRadio(page, page.getByRole("group", { name: "Has the child run away or gone missing before?" }), "No");
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");

  // 3. Description
  await expect(page.getByRole("heading", { level: 1, name: "Description" })).toBeVisible();
  await expectAccessible(page);
  await typeInto(page, page.getByLabel("Feet"), "5");
  await typeInto(page, page.getByLabel("Inches"), "3");
  await typeInto(page, page.getByLabel("Weight in pounds"), "110");
  await choose(page, page.getByLabel("Hair color"), "Brown (BRO)");
  await choose(page, page.getByLabel("Eye color"), "Hazel (HAZ)");
  await choose(page, page.getByLabel("Complexion"), "Medium (MED)");
  await chooseRadio(page, page.getByRole("group", { name: "Glasses or contact lenses" }), "Glasses");
  await chooseRadio(page, page.getByRole("group", { name: "Braces on the teeth" }), "No");
  await tabTo(page, page.getByRole("button", { name: "Add a scar, mark, tattoo or piercing" }));
  await page.keyboard.press("Enter");
  await typeInto(page, page.getByLabel("Mark 1: where on the body"), "left wrist");
  await typeInto(page, page.getByLabel("Mark 1: description"), "Small star");
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");

  // 4. Risks
  await expect(page.getByRole("heading", { level: 1, name: "Risks" })).toBeVisible();
  await expectAccessible(page);
  for (const group of ["Medical conditions", "Mental-health conditions", "Gang involvement", "Past suicide attempts", "Online enticement", "Commercial sexual exploitation", "Other endangerment"]) {
    await chooseRadio(page, page.getByRole("group", { name: group }), group === "Medical conditions" ? "Yes" : "No");
    if (group === "Medical conditions") await typeInto(page, page.getByLabel("Medical conditions: details"), "Asthma; needs an inhaler");
  }
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");

  // 5. Contacts
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expectAccessible(page);
  await tabTo(page, page.getByRole("button", { name: "Add a phone number" }));
  await page.keyboard.press("Enter");
  await typeInto(page, page.getByLabel("Phone 1: number"), "555-201-3344");
  await chooseRadio(page, page.getByRole("group", { name: "Is there a suspected abductor?" }), "No");
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");

  // 6. Law enforcement
  await expect(page.getByRole("heading", { level: 1, name: "Law enforcement" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Report steps" })).toContainText("8. NCMEC (locked until law enforcement is recorded)");
  await expectAccessible(page);
  const le = v["law-enforcement"];
  await chooseRadio(page, page.getByRole("group", { name: "What happened?" }), "Law enforcement took the report");
  await typeInto(page, page.getByLabel("Law-enforcement agency"), le.agencyName);
  await typeInto(page, page.getByLabel("Agency phone number"), le.phone);
  await typeDateTime(page, page.getByLabel("When was law enforcement told?"), le.reportedAt);
  await typeInto(page, page.getByLabel("Officer who took the report"), le.officerName);
  await typeInto(page, page.getByLabel("Law-enforcement case number"), le.caseNumber);
  await chooseRadio(page, page.getByRole("group", { name: "Was the child entered into NCIC?" }), "Yes");
  await typeInto(page, page.getByLabel("NCIC number"), le.ncicNumber);
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");

  // 7. Guardian and reporting party: prefilled from the caseworker and the agency.
  await expect(page.getByRole("heading", { level: 1, name: "Guardian and reporting party" })).toBeVisible();
  await expect(page.getByLabel("Full name").first()).toHaveValue("Casey Morgan");
  await expect(page.getByLabel("Agency", { exact: true })).toHaveValue("Demo County Children's Services");
  await expectAccessible(page);
  await typeInto(page, page.getByLabel("Phone number"), "555-300-4000");
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");

  // 8. NCMEC
  await expect(page.getByRole("heading", { level: 1, name: "NCMEC" })).toBeVisible();
  await expectAccessible(page);
  await typeDateTime(page, page.getByLabel("When was NCMEC told?"), v.ncmec.reportedAt);
  await chooseRadio(page, page.getByRole("group", { name: "How was the report made?" }), "NCMEC call center (1-800-843-5678)");
  await typeInto(page, page.getByLabel("NCMEC case number (optional)"), v.ncmec.ncmecCaseNumber);
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");

  // 9. Check your answers, then submit.
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers" })).toBeVisible();
  await expect(page.getByText("Step 9 of 9")).toBeVisible();
  await expect(page.getByRole("region", { name: "Child" })).toContainText("Taylor Lee Keyboard");
  await expect(page.getByRole("region", { name: "Law enforcement" })).toContainText(le.caseNumber);
  await expect(page.getByRole("link", { name: "Change law enforcement" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Still missing for NCMEC" })).toContainText("photo");
  await expectAccessible(page);
  await tabTo(page, page.getByRole("button", { name: "Submit the report" }));
  await page.keyboard.press("Enter");

  // The case page: reported, both clocks on time.
  await expect(page.getByRole("heading", { name: "Report submitted" })).toBeVisible();
  await expect(page.getByText("Status: Missing (reported)")).toBeVisible();
  await expect(page.getByRole("region", { name: "Law enforcement" })).toContainText("Reported on time");
  await expect(page.getByRole("region", { name: "NCMEC" })).toContainText("Reported on time");
  await expect(page.getByRole("region", { name: "NCMEC" })).toContainText(/Deadline: .* (EST|EDT)/);
  await expectAccessible(page);
  // Said once: the address drops its flag, so a reload does not say it again.
  await expect(page).not.toHaveURL(/submitted/);
  await page.reload();
  await expect(page.getByText("Status: Missing (reported)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Report submitted" })).toHaveCount(0);

  // The case list shows it, the caseworker's own first.
  await tabTo(page, page.getByRole("link", { name: "All cases" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Taylor Lee Keyboard/ })).toContainText("Reported");
  await expectAccessible(page);
});

test("the NCMEC step is locked until law enforcement is recorded", async ({ page }) => {
  await signedIn(page);
  const episodeId = await startForNewChild(page);
  await saveSteps(page, episodeId, completeSteps(new Date()), "contacts");
  await page.goto(`/cases/${episodeId}/report/ncmec`);
  await expect(page.getByText("The NCMEC step opens once the report to law enforcement")).toBeVisible();
  await expect(page.getByLabel("When was NCMEC told?")).toHaveCount(0);
  await expectAccessible(page);
  const version = await withDatabase(async (c) => (await c.query(`SELECT "version" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0].version);
  const response = await api(page, "PUT", `/api/episodes/${episodeId}/steps/ncmec`, { version, values: completeSteps(new Date()).ncmec });
  expect(response.status()).toBe(409);
  expect((await response.json()).code).toBe("LAW_ENFORCEMENT_FIRST");
  await page.getByRole("link", { name: "Go to the law-enforcement step" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Law enforcement" })).toBeVisible();
});

test("a report past its deadline demands a reason", async ({ page }) => {
  await signedIn(page);
  const now = new Date();
  const steps = completeSteps(now);
  const discovered = new Date(now.getTime() - 30 * 3_600_000);
  steps["missing-event"] = { ...steps["missing-event"], discoveredAt: newYorkWall(discovered), lastSeenAt: newYorkWall(new Date(discovered.getTime() - 3_600_000)) };
  const episodeId = await startForNewChild(page);
  await saveSteps(page, episodeId, steps, "contacts");
  await page.goto(`/cases/${episodeId}/report/law-enforcement`);
  await expect(page.getByText(/Deadline: /)).toBeVisible();
  await page.getByRole("radio", { name: "Law enforcement took the report" }).check();
  await page.getByLabel("Law-enforcement agency").fill("Springfield Police Department");
  await page.getByLabel("Agency phone number").fill("555-100-2000");
  await page.getByLabel("When was law enforcement told?").fill(newYorkWall(new Date(now.getTime() - 60_000 * 5)));
  await page.getByLabel("Officer who took the report").fill("Officer Dana Cruz");
  await page.getByLabel("Law-enforcement case number").fill("SPD-1");
  await page.getByRole("radio", { name: "Not known" }).check();
  const reason = page.getByLabel("Why was this reported after the deadline?");
  await expect(reason).toBeVisible();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(errorSummary(page)).toContainText("reason");
  await expect(errorSummary(page)).toBeFocused();
  await expectAccessible(page);
  await reason.fill("We learned of it at the end of a weekend shift and the handover missed it.");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Guardian and reporting party" })).toBeVisible();
  await page.goto(`/cases/${episodeId}`);
  await expect(page.getByRole("region", { name: "Law enforcement" })).toContainText("late");
});

test("a draft survives a reload", async ({ page }) => {
  await signedIn(page);
  const episodeId = await startForNewChild(page);
  await saveSteps(page, episodeId, completeSteps(new Date()), "missing-event");
  await page.goto(`/cases/${episodeId}/report/description`);
  await page.getByLabel("Weight in pounds").fill("123");
  await page.getByLabel("Other features (optional)").fill("A scar through the left eyebrow");
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible({ timeout: 10_000 });
  await page.reload();
  await expect(page.getByLabel("Weight in pounds")).toHaveValue("123");
  await expect(page.getByLabel("Other features (optional)")).toHaveValue("A scar through the left eyebrow");
  // Typed and left at once, before the autosave timer: kept as well.
  await page.getByLabel("Weight in pounds").fill("124");
  await page.goto("/cases");
  await page.goto(`/cases/${episodeId}/report/description`);
  await expect(page.getByLabel("Weight in pounds")).toHaveValue("124");
  await expectAccessible(page);
});

test("a second episode for a child with an open one is refused, with a link to it", async ({ page }) => {
  await signedIn(page);
  const caseNumber = `OPEN-${randomUUID().slice(0, 8)}`;
  const episodeId = await startForNewChild(page, caseNumber);
  await page.goto("/reports/new");
  await page.getByLabel("Agency case number").first().fill(caseNumber);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 child matches." })).toBeVisible();
  await expect(page.getByRole("link", { name: /Open episode in progress: go to it/ })).toHaveAttribute("href", `/cases/${episodeId}`);
  await expect(page.getByRole("button", { name: /Start a report for/ })).toHaveCount(0);
  await expectAccessible(page);
  // A request made anyway is refused and names the open episode.
  const childId = await withDatabase(async (c) => (await c.query(`SELECT "childId" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0].childId);
  const response = await api(page, "POST", "/api/episodes", { childId });
  expect(response.status()).toBe(409);
  expect(await response.json()).toMatchObject({ code: "OPEN_EPISODE", episodeId });
});

test("a repeat episode starts prefilled from the last one, to confirm step by step", async ({ page }) => {
  await signedIn(page);
  const caseNumber = `AGAIN-${randomUUID().slice(0, 8)}`;
  const first = await startForNewChild(page, caseNumber);
  const steps = completeSteps(new Date());
  await saveSteps(page, first, { ...steps, child: { ...steps.child, agencyCaseNumber: caseNumber } }, "ncmec");
  await withDatabase((c) => c.query(`UPDATE "Episode" SET "closedAt" = now() WHERE "id" = $1`, [first]));

  await page.goto("/reports/new");
  await page.getByLabel("Agency case number").first().fill(caseNumber);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: /Start a report for Jordan Lee Rivera/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Child" })).toBeVisible();
  await expect(page.getByText("These answers come from this child's last missing episode")).toBeVisible();
  await expect(page.getByLabel("Aliases and nicknames (optional)")).toHaveValue("JJ\nJ-Riv");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Missing event" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Yes" })).toBeChecked();
  await expect(page.getByLabel("When was the child last seen?")).toHaveValue("");
  const url = page.url();
  await page.goto(url.replace("missing-event", "description"));
  await expect(page.getByText("Steps are completed in order")).toBeVisible();
  const second = url.split("/cases/")[1]!.split("/")[0]!;
  await saveSteps(page, second, steps, "missing-event");
  await page.goto(`/cases/${second}/report/description`);
  await expect(page.getByText("These answers come from this child's last missing episode")).toBeVisible();
  await expect(page.getByLabel("Weight in pounds")).toHaveValue(steps.description.weightPounds);
  await expect(page.getByLabel("Mark 1: description")).toHaveValue("Small star");
});

test("tampered requests are refused with a 4xx and change nothing", async ({ page }) => {
  await signedIn(page);
  const episodeId = await startForNewChild(page);
  const values = completeSteps(new Date()).child;
  const before = await withDatabase(async (c) => (await c.query(`SELECT "version" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0].version);
  const forged = await api(page, "PUT", `/api/episodes/${episodeId}/steps/child`, { version: before, values: { ...values, agencyId: randomUUID() } });
  expect(forged.status()).toBe(400);
  const skipped = await api(page, "PUT", `/api/episodes/${episodeId}/steps/risks`, { version: before, values: completeSteps(new Date()).risks });
  expect(skipped.status()).toBe(409);
  const unknown = await api(page, "PUT", `/api/episodes/${randomUUID()}/steps/child`, { version: before, values });
  expect(unknown.status()).toBe(404);
  const crossSite = await page.request.fetch(`/api/episodes/${episodeId}/steps/child`, {
    method: "PUT",
    data: { version: before, values },
    headers: { origin: "https://evil.example", "content-type": "application/json" },
  });
  expect(crossSite.status()).toBe(403);
  const after = await withDatabase(async (c) => (await c.query(`SELECT "version", "completedSteps" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0]);
  expect(after).toEqual({ version: before, completedSteps: [] });
});

test("every answer carries the security headers and a request id of the server's own, autosave's too (the proxy does not run for it)", async ({ page }) => {
  await signedIn(page);
  const episodeId = await startForNewChild(page);
  const origin = new URL(page.url()).origin;
  const sent = "client-chosen-request-id";
  const put = (id: string) =>
    page.request.fetch(`/api/episodes/${id}/drafts/child`, { method: "PUT", data: { baseVersion: 1, values: { firstName: "Rob" } }, headers: { origin, "content-type": "application/json", "x-request-id": sent } });
  const expectHeaders = (headers: Record<string, string>) => {
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  };

  const pageAnswer = await page.request.get(`/cases/${episodeId}`);
  expectHeaders(pageAnswer.headers());
  expect(pageAnswer.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);

  const saved = await put(episodeId);
  expect(saved.status()).toBe(200);
  expectHeaders(saved.headers());

  // A refusal is audited under the id the answer names, not the one the client sent.
  const refused = await put(randomUUID());
  expect(refused.status()).toBe(404);
  expectHeaders(refused.headers());
  const requestIds = await withDatabase(async (c) =>
    (await c.query(`SELECT "requestId" FROM "AuditEvent" WHERE "action" = 'access.refused' AND "requestId" = ANY($1::text[])`, [[refused.headers()["x-request-id"], sent]])).rows.map((row) => row.requestId),
  );
  expect(requestIds).toEqual([refused.headers()["x-request-id"]]);
});

test("a caseworker of the other agency cannot open this agency's case", async ({ page, browser }) => {
  await signedIn(page);
  const episodeId = await startForNewChild(page);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, "caseworker@neighbor.example.org");
  await expect(other.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  expect((await other.goto(`/cases/${episodeId}`))?.status()).toBe(404);
  expect((await other.goto(`/cases/${episodeId}/report/child`))?.status()).toBe(404);
  const response = await api(other, "PUT", `/api/episodes/${episodeId}/steps/child`, { version: 1, values: completeSteps(new Date()).child });
  expect(response.status()).toBe(404);
  await otherContext.close();
});

test("two people editing one step: the second save is refused and the first person's answers are shown", async ({ page, browser }) => {
  await signedIn(page);
  const episodeId = await startForNewChild(page);
  await saveSteps(page, episodeId, completeSteps(new Date()), "missing-event");
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await signIn(colleague, CASEWORKER);
  await expect(colleague.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  await page.goto(`/cases/${episodeId}/report/missing-event`);
  await colleague.goto(`/cases/${episodeId}/report/missing-event`);

  await page.getByLabel("Clothing when last seen").fill("Green parka");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Description" })).toBeVisible();

  await colleague.getByLabel("Clothing when last seen").fill("Yellow raincoat");
  await colleague.getByRole("button", { name: "Save and continue" }).click();
  const notice = colleague.getByRole("alert").filter({ hasText: "This step was changed by someone else" });
  await expect(notice).toContainText("saved changes to this report");
  await expect(notice).toContainText("Green parka");
  await expect(colleague.getByLabel("Clothing when last seen")).toHaveValue("Yellow raincoat");
  await expectAccessible(colleague);
  const stored = await withDatabase(async (c) => (await c.query(`SELECT "missingEvent" FROM "Episode" WHERE "id" = $1`, [episodeId])).rows[0].missingEvent);
  expect(stored.clothing).toBe("Green parka");
  // Having seen it, the colleague may save theirs deliberately.
  await colleague.getByRole("button", { name: "Save and continue" }).click();
  await expect(colleague.getByRole("heading", { level: 1, name: "Description" })).toBeVisible();
  await colleagueContext.close();
});

test("a form sent before the page's script has run puts nothing typed in the address, and sign-in waits for the script", async ({ browser, page }) => {
  await signedIn(page);
  const baseURL = test.info().project.use.baseURL;
  // The same person's browser, with the script not (yet) run: what a slow connection shows first.
  const early = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const noScript = await early.newPage();
    await noScript.goto("/reports/new");
    await noScript.getByLabel("Name", { exact: true }).fill("Taylor Unlisted");
    await noScript.getByRole("button", { name: "Search" }).click();
    await noScript.waitForLoadState();
    expect(new URL(noScript.url()).search).toBe("");
    expect(noScript.url()).not.toContain("Taylor");

    // Signing in is sent by its script alone: until it runs, the button does nothing.
    await early.clearCookies();
    await noScript.goto("/sign-in");
    await expect(noScript.getByRole("button", { name: "Sign in" })).toBeDisabled();
  } finally {
    await early.close();
  }
});
