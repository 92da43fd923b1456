import { beforeEach, describe, expect, it, vi } from "vitest";
import nextConfig from "../../next.config";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { POST } from "@/app/api/episodes/[episodeId]/photos/route";
import { addPhoto } from "@/server/photos/add-photo";
import { processPhoto } from "@/server/photos/process-photo";
import { PHOTO_DECODE_CONCURRENCY } from "@/server/photos/decode-slots";
import { MAX_UPLOAD_BYTES } from "@/server/photos/read-photo-form";
import { startEpisode } from "@/server/episodes/start-episode";
import { png } from "../fixtures/images";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import { call, sessionCookie } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));
vi.mock("@/server/photos/process-photo", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/photos/process-photo")>();
  return { ...real, processPhoto: vi.fn(real.processPhoto) };
});

const decode = vi.mocked(processPhoto);
const FIELDS = { takenOn: "2026-10-01", attest: "yes" };

async function caseworkerWithEpisode(agencyId: string): Promise<{ actor: Actor; episodeId: string }> {
  const actor = await signInAs(await makeUser(agencyId, "CASEWORKER"));
  const child = { firstName: "Ari", lastName: "Order", dateOfBirth: "2012-01-01", agencyCaseNumber: `PO-${requestId().slice(0, 8)}`, underAgencyGuardianship: "yes" };
  const { episodeId } = await startEpisode(actor, { newChild: child }, { requestId: requestId() });
  return { actor, episodeId };
}

/** A multipart body that counts how much of it was read; `chunks` chunks of `chunkBytes` each. */
function countedBody(chunks: number, chunkBytes = 1024 * 1024) {
  const read = { bytes: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent++;
      read.bytes += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes));
    },
  });
  return { stream, read };
}

const upload = async (actor: Actor, episodeId: string, body: ReadableStream<Uint8Array>) =>
  call(POST, { episodeId }, `/api/episodes/${episodeId}/photos`, {
    method: "POST",
    cookie: await sessionCookie(actor.sessionId),
    headers: { "content-type": "multipart/form-data; boundary=x" },
    body,
  });

beforeEach(async () => {
  await resetDatabase();
  decode.mockClear();
});

describe("uploading a photo checks who and where before reading or decoding anything", () => {
  it("refuses another agency's episode with 404, without reading the upload or decoding it", async () => {
    const { episodeId } = await caseworkerWithEpisode((await makeAgency()).id);
    const { actor: outsider } = await caseworkerWithEpisode((await makeAgency()).id);
    const body = countedBody(8);
    const response = await upload(outsider, episodeId, body.stream);
    expect(response.status).toBe(404);
    expect(body.read.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(decode).not.toHaveBeenCalled();
    await expect(addPhoto(outsider, { episodeId, file: await png(), fields: FIELDS }, { requestId: requestId() })).rejects.toThrow("Not found.");
    expect(decode).not.toHaveBeenCalled();
  });

  it("refuses an admin (who records nothing on episodes) with 403 before reading or decoding", async () => {
    const agency = await makeAgency();
    const { episodeId } = await caseworkerWithEpisode(agency.id);
    const admin = await signInAs(await makeUser(agency.id, "ADMIN"));
    const body = countedBody(8);
    expect((await upload(admin, episodeId, body.stream)).status).toBe(403);
    expect(body.read.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(decode).not.toHaveBeenCalled();
  });

  it("refuses a closed episode with 409 before decoding", async () => {
    const { actor, episodeId } = await caseworkerWithEpisode((await makeAgency()).id);
    await db().episode.update({ where: { id: episodeId }, data: { closedAt: new Date() } });
    await expect(addPhoto(actor, { episodeId, file: await png(), fields: FIELDS }, { requestId: requestId() })).rejects.toThrow("closed");
    expect(decode).not.toHaveBeenCalled();
  });

  it("stops reading a body larger than an upload can be, even one that gives no length, and answers 413", async () => {
    const { actor, episodeId } = await caseworkerWithEpisode((await makeAgency()).id);
    const body = countedBody(64);
    const response = await upload(actor, episodeId, body.stream);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ fieldErrors: { file: "The photo is larger than 10 MB. Choose a smaller one." } });
    expect(body.read.bytes).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 2 * 1024 * 1024);
    expect(decode).not.toHaveBeenCalled();
  });
});

describe("decoding photos", () => {
  it(`decodes at most ${PHOTO_DECODE_CONCURRENCY} photos at once; the others wait their turn and are all stored`, async () => {
    const { actor, episodeId } = await caseworkerWithEpisode((await makeAgency()).id);
    const real = (await vi.importActual<typeof import("@/server/photos/process-photo")>("@/server/photos/process-photo")).processPhoto;
    let active = 0;
    let most = 0;
    decode.mockImplementation(async (bytes) => {
      most = Math.max(most, ++active);
      await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        return await real(bytes);
      } finally {
        active--;
      }
    });
    const file = await png();
    const added = await Promise.all(Array.from({ length: 5 }, () => addPhoto(actor, { episodeId, file, fields: FIELDS }, { requestId: requestId() })));
    expect(added).toHaveLength(5);
    expect(decode).toHaveBeenCalledTimes(5);
    expect(most).toBe(PHOTO_DECODE_CONCURRENCY);
    expect(await db().photo.count({ where: { episodeId } })).toBe(5);
  });
});

describe("request body limits", () => {
  it("keeps Next's default proxy body limit (10 MB) for every request: only the upload route reads more, itself", () => {
    const limit = nextConfig.experimental?.proxyClientMaxBodySize;
    expect(limit === undefined || (typeof limit === "number" && limit <= 10 * 1024 * 1024)).toBe(true);
  });
});
