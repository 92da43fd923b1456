import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { ForbiddenError, NotFoundError } from "@/server/authz/errors";
import { ConflictError } from "@/server/use-case-errors";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { submitEpisode } from "@/server/episodes/submit-episode";
import { getEpisode } from "@/server/episodes/get-episode";
import { recordUpdateSent } from "@/server/episodes/record-update-sent";
import { generatePacket } from "@/server/packets/generate-packet";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";
import { pdfText } from "../support/pdf-text";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

const ctx = () => ({ requestId: requestId() });
let caseworker: Actor;
let supervisor: Actor;
let admin: Actor;
let outsider: Actor;

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  supervisor = await signInAs(await makeUser(agency.id, "SUPERVISOR"));
  admin = await signInAs(await makeUser(agency.id, "ADMIN"));
  outsider = await signInAs(await makeUser((await makeAgency("Other")).id, "CASEWORKER"));
});

const version = async (id: string) => (await db().episode.findUniqueOrThrow({ where: { id } })).version;

async function submitted() {
  const { episodeId } = await startEpisode(caseworker, { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "DC-1", underAgencyGuardianship: "yes" } }, ctx());
  const steps = completeSteps(new Date());
  for (const step of ORDERED_STEPS) await saveEpisodeStep(caseworker, { episodeId, step, version: await version(episodeId), values: steps[step] }, ctx());
  await submitEpisode(caseworker, { episodeId, version: await version(episodeId) }, ctx());
  return { episodeId, steps };
}

describe("a change to a submitted report", () => {
  it("is an amendment: recorded, audited, shown with a prompt, carried in the packet, until the update is sent", async () => {
    const { episodeId, steps } = await submitted();
    const before = await getEpisode(caseworker, episodeId, { permission: "cases:view", requestId: requestId() });
    expect(before.facts.amendments).toEqual([]);
    await saveEpisodeStep(caseworker, { episodeId, step: "description", version: await version(episodeId), values: { ...steps.description, weightPounds: "115" } }, ctx());

    const after = await getEpisode(caseworker, episodeId, { permission: "cases:view", withHistory: true, requestId: requestId() });
    expect(after.facts.amendments.map((a) => [a.step, a.sentAt])).toEqual([["description", null]]);
    expect(after.progress.unsentAmendments).toHaveLength(1);
    expect(after.history.map((h) => h.text)).toContain("Report changed after it was submitted");

    const json = JSON.parse(new TextDecoder().decode((await generatePacket(caseworker, { episodeId, variant: "full", format: "json" }, ctx())).bytes));
    expect(json.amendments).toEqual([{ step: { code: "description", label: "Description" }, at: expect.any(String), sentAt: null }]);
    const { text } = await pdfText((await generatePacket(caseworker, { episodeId, variant: "full", format: "pdf" }, ctx())).bytes);
    expect(text).toContain("Changed since the report was submitted");
    const publicJson = new TextDecoder().decode((await generatePacket(caseworker, { episodeId, variant: "public-safe", format: "json" }, ctx())).bytes);
    expect(publicJson).not.toContain("amendments");

    expect(await recordUpdateSent(caseworker, { episodeId }, ctx())).toEqual({ sent: 1 });
    const sent = await getEpisode(caseworker, episodeId, { permission: "cases:view", requestId: requestId() });
    expect(sent.facts.amendments[0]!.sentAt).toBeInstanceOf(Date);
    expect(sent.progress.unsentAmendments).toEqual([]);
  });

  it("is not an amendment before submission", async () => {
    const { episodeId } = await startEpisode(caseworker, { newChild: { firstName: "Avery", lastName: "Stone", dateOfBirth: "2012-01-01", agencyCaseNumber: "DC-2", underAgencyGuardianship: "yes" } }, ctx());
    await saveEpisodeStep(caseworker, { episodeId, step: "child", version: await version(episodeId), values: { ...completeSteps(new Date()).child, firstName: "Avery", lastName: "Stone", dateOfBirth: "2012-01-01", agencyCaseNumber: "DC-2" } }, ctx());
    expect(await db().episodeAmendment.count()).toBe(0);
  });

  it("refuses recording an update with nothing to send, another agency's episode and an admin, changing nothing", async () => {
    const { episodeId } = await submitted();
    await expect(recordUpdateSent(caseworker, { episodeId }, ctx())).rejects.toBeInstanceOf(ConflictError);
    await expect(recordUpdateSent(outsider, { episodeId }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    // A supervisor may record it for a caseworker who is off: here there is nothing to send.
    await expect(recordUpdateSent(supervisor, { episodeId }, ctx())).rejects.toBeInstanceOf(ConflictError);
    await expect(recordUpdateSent(admin, { episodeId }, ctx())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().auditEvent.count({ where: { action: "episode.update_sent" } })).toBe(0);
  });
});
