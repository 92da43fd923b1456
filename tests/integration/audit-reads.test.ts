import { beforeEach, describe, expect, it } from "vitest";
import sharp from "sharp";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { NotFoundError } from "@/server/authz/errors";
import { startEpisode } from "@/server/episodes/start-episode";
import { addPhoto } from "@/server/photos/add-photo";
import { listPhotos } from "@/server/photos/list-photos";
import { readPhoto } from "@/server/photos/read-photo";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

const ctx = () => ({ requestId: requestId() });
let caseworker: Actor;
let outsider: Actor;

beforeEach(async () => {
  await resetDatabase();
  caseworker = await signInAs(await makeUser((await makeAgency("Demo County")).id, "CASEWORKER"));
  outsider = await signInAs(await makeUser((await makeAgency("Other County")).id, "CASEWORKER"));
});

describe("reads of a child's photos", () => {
  it("are audited: the list and each image, with ids only", async () => {
    const { episodeId } = await startEpisode(caseworker, { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: "DC-1", underAgencyGuardianship: "yes" } }, ctx());
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: "#445566" } }).png().toBuffer();
    const { photoId } = await addPhoto(caseworker, { episodeId, file: png, fields: { takenOn: "2026-10-01", attest: "yes" } }, ctx());
    await listPhotos(caseworker, episodeId, ctx());
    await readPhoto(caseworker, { episodeId, photoId, size: "thumbnail" }, ctx());
    await readPhoto(caseworker, { episodeId, photoId, size: "display" }, ctx());
    const events = await db().auditEvent.findMany({ where: { action: { in: ["photos.listed", "photo.viewed"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorUserId, e.targetId, e.details])).toEqual([
      ["photos.listed", caseworker.userId, episodeId, { count: 1 }],
      ["photo.viewed", caseworker.userId, episodeId, { photoId, size: "thumbnail" }],
      ["photo.viewed", caseworker.userId, episodeId, { photoId, size: "display" }],
    ]);
    // Another agency learns nothing, and nothing is recorded as read.
    await expect(readPhoto(outsider, { episodeId, photoId, size: "display" }, ctx())).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().auditEvent.count({ where: { action: "photo.viewed" } })).toBe(2);
  });
});
