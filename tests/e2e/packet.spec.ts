import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { completeSteps } from "../fixtures/episode-steps";
import { jpegWithGps, renamedExecutable } from "../fixtures/images";
import { errorSummary, expectAccessible, saveSteps, signIn, withDatabase } from "./support";

async function api(page: Page, method: "POST" | "PUT", path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  return page.request.fetch(path, { method, data, headers: { origin, "content-type": "application/json" } });
}

async function completeEpisode(page: Page): Promise<string> {
  const caseNumber = `PKT-${randomUUID().slice(0, 8)}`;
  const started = await api(page, "POST", "/api/episodes", {
    newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: caseNumber, underAgencyGuardianship: "yes" },
  });
  const { episodeId } = (await started.json()) as { episodeId: string };
  await saveSteps(page, episodeId, completeSteps(new Date()));
  return episodeId;
}

test("a caseworker uploads a photo, attests, and downloads both formats of both variants", async ({ page }) => {
  await signIn(page, "caseworker@demo.example.org");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  const episodeId = await completeEpisode(page);

  await page.goto(`/cases/${episodeId}`);
  await page.getByRole("link", { name: "Photos (0)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Photos of the child" })).toBeVisible();
  await expectAccessible(page);

  // A file that is not a photo is refused, next to the field and in the summary.
  await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: renamedExecutable() });
  await page.getByLabel("Date the photo was taken").fill("2026-10-01");
  await page.getByLabel(/I confirm that this photo shows the missing child/).check();
  await page.getByRole("button", { name: "Upload the photo" }).click();
  await expect(errorSummary(page)).toContainText("not a JPEG, PNG, WebP or HEIC photo");
  await expectAccessible(page);

  // Without the consent statement, nothing is uploaded.
  await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "jordan.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps() });
  await page.getByLabel(/I confirm that this photo shows the missing child/).uncheck();
  await page.getByRole("button", { name: "Upload the photo" }).click();
  await expect(errorSummary(page)).toContainText("Confirm the statement about the photo");

  await page.getByLabel(/I confirm that this photo shows the missing child/).check();
  await page.getByRole("button", { name: "Upload the photo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Photo added." })).toBeVisible();
  await expect(page.getByRole("img", { name: /Photo 1 of the child, taken 2026-10-01/ })).toBeVisible();
  await expect(page.getByText(/Consent given by Casey Morgan/)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to the case" }).click();
  await page.getByRole("link", { name: "NCMEC report packet (PDF and JSON)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /NCMEC report packet for Jordan Lee Rivera/ })).toBeVisible();
  await expect(page.getByText("these are final packets")).toBeVisible();
  await expectAccessible(page);

  for (const variant of ["full packet", "public-safe packet"]) {
    for (const format of ["PDF", "JSON"]) {
      // Chromium cancels a page's third quick download in a row as "multiple automatic downloads";
      // a person downloads one at a time, so the test starts each from a freshly loaded page.
      await page.reload();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `Download the ${variant} as ${format}` }).click()]);
      const failure = await download.failure();
      expect(failure, `download of the ${variant} as ${format}`).toBeNull();
      const bytes = readFileSync((await download.path())!);
      // The public-safe packet's name says nothing of the agency or foster care (decision 014).
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${variant.startsWith("full") ? "homeward-full" : "missing-child"}-final-[0-9a-f]{8}\\.${format.toLowerCase()}$`));
      if (format === "PDF") {
        // A tagged PDF 1.7 (its tagging is checked with poppler in tests/unit/packet-pdf-tagged.test.ts).
        expect(bytes.subarray(0, 8).toString()).toBe("%PDF-1.7");
        expect(bytes.includes(Buffer.from("/StructTreeRoot"))).toBe(true);
      } else {
        const packet = JSON.parse(bytes.toString("utf8"));
        expect(packet).toMatchObject({ schemaVersion: "3.0", status: "final", variant: variant.startsWith("full") ? "full" : "public-safe" });
        expect(packet.photos).toHaveLength(1);
        if (variant.startsWith("public")) expect(bytes.toString("utf8")).not.toContain("Asthma");
      }
    }
  }
  const audited = await withDatabase(async (c) => (await c.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "action" = 'packet.generated' AND "targetId" = $1`, [episodeId])).rows[0].n);
  expect(audited).toBe(4);
});

test("another agency's packet and photos are not found, whatever the URL", async ({ page, browser }) => {
  await signIn(page, "caseworker@demo.example.org");
  await expect(page.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  const episodeId = await completeEpisode(page);
  const origin = new URL(page.url()).origin;
  const upload = await page.request.fetch(`/api/episodes/${episodeId}/photos`, {
    method: "POST",
    headers: { origin },
    multipart: { file: { name: "a.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps() }, takenOn: "2026-10-01", attest: "yes" },
  });
  expect(upload.status()).toBe(201);
  const { photoId } = (await upload.json()) as { photoId: string };

  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, "caseworker@neighbor.example.org");
  await expect(other.getByRole("heading", { level: 1, name: /Welcome/ })).toBeVisible();
  for (const path of [
    `/api/episodes/${episodeId}/packet?variant=full&format=pdf`,
    `/api/episodes/${episodeId}/packet?variant=public-safe&format=json`,
    `/api/episodes/${episodeId}/photos/${photoId}/display`,
    `/api/episodes/${episodeId}/photos/${photoId}/thumbnail`,
  ]) {
    expect((await other.request.get(path)).status(), path).toBe(404);
  }
  expect((await other.goto(`/cases/${episodeId}/packet`))?.status()).toBe(404);
  expect((await other.goto(`/cases/${episodeId}/photos`))?.status()).toBe(404);
  await context.close();
});
