import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { POST as recoveryRoute } from "@/app/api/episodes/[episodeId]/recovery/route";
import { POST as endRoute } from "@/app/api/episodes/[episodeId]/end/route";
import { POST as noticeSentRoute } from "@/app/api/episodes/[episodeId]/notices/[recipient]/sent/route";
import { newYorkWall } from "../fixtures/episode-steps";
import { episodeVersion, makeAgency, makeUser, reportedEpisode, resetDatabase, signInAs } from "./support";
import { postEpisodeChange, type call } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

const HOUR = 3_600_000;
let caseworker: Actor;
let outsider: Actor;
let episodeId: string;

const post = <P extends { episodeId: string }>(handler: Parameters<typeof call<P>>[0], params: P, path: string, body: Record<string, unknown>, who: Actor = caseworker) =>
  postEpisodeChange(handler, params, path, body, who);

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  outsider = await signInAs(await makeUser((await makeAgency("Other")).id, "CASEWORKER"));
  ({ episodeId } = await reportedEpisode(caseworker));
});

describe("the recovery, notice and ending routes", () => {
  it("answer a saved change with the new version, a field's problem with 422, a rule's refusal with 409 and another agency with 404", async () => {
    const recoveredAt = newYorkWall(new Date(Date.now() - HOUR));
    const before = await episodeVersion(episodeId);
    expect(await post(recoveryRoute, { episodeId }, "recovery", { recoveredAt: newYorkWall(new Date(Date.now() + 2 * HOUR)) })).toMatchObject({
      status: 422,
      body: { fieldErrors: { recoveredAt: expect.stringContaining("future") } },
    });
    expect(await post(recoveryRoute, { episodeId }, "recovery", { recoveredAt }, outsider)).toMatchObject({ status: 404 });
    expect(await post(recoveryRoute, { episodeId }, "recovery", { recoveredAt, city: "Albany" })).toEqual({ status: 200, body: { version: before + 1 } });
    // The notice route takes the return notice by the body's event.
    const notice = { event: "RETURN", sentAt: recoveredAt, lateReason: "", toldBy: "Casey Morgan", toWhom: "Sgt. Lee", method: "Phone", confirmed: true };
    expect(await post(noticeSentRoute, { episodeId, recipient: "LAW_ENFORCEMENT" }, "notices/LAW_ENFORCEMENT/sent", notice)).toEqual({ status: 200, body: { version: before + 2 } });
    expect(await db().episodeNotice.findFirstOrThrow()).toMatchObject({ event: "RETURN", recipient: "LAW_ENFORCEMENT", confirmed: true });
    expect(await post(endRoute, { episodeId }, "end", { reason: "AGED_OUT", endedAt: recoveredAt, note: "" })).toMatchObject({
      status: 409,
      body: { code: "REFUSED", error: expect.stringContaining("The child was recovered") },
    });
  });
});
