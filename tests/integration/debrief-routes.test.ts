import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { POST as saveDebriefRoute } from "@/app/api/episodes/[episodeId]/debrief/route";
import { POST as determinationRoute } from "@/app/api/episodes/[episodeId]/trafficking/determination/route";
import { POST as reportRoute } from "@/app/api/episodes/[episodeId]/trafficking/report/route";
import { newYorkWall } from "../fixtures/episode-steps";
import { episodeVersion, makeAgency, makeUser, reportedEpisode, resetDatabase, signInAs } from "./support";
import { postEpisodeChange, type call } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

type Handler = Parameters<typeof call<{ episodeId: string }>>[0];

let caseworker: Actor;
let outsider: Actor;
let episodeId: string;

const post = (handler: Handler, path: string, body: Record<string, unknown>, who: Actor = caseworker) => postEpisodeChange(handler, { episodeId }, path, body, who);

beforeEach(async () => {
  await resetDatabase();
  const agency = await makeAgency("Demo County", "America/New_York");
  caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
  outsider = await signInAs(await makeUser((await makeAgency("Other")).id, "CASEWORKER"));
  ({ episodeId } = await reportedEpisode(caseworker));
});

describe("the debrief and trafficking routes", () => {
  it("answer a saved change with the new version, a field's problem with 422, a rule's refusal with 409 and another agency with 404", async () => {
    const informedAt = newYorkWall(new Date(Date.now() - 3_600_000));
    const before = await episodeVersion(episodeId);
    expect(await post(determinationRoute, "trafficking/determination", { sex: "CONFIRMED", labor: "NOT_A_VICTIM", informationReceivedAt: informedAt })).toEqual({ status: 200, body: { version: before + 1 } });
    const future = await post(determinationRoute, "trafficking/determination", { sex: "CONFIRMED", labor: "NOT_A_VICTIM", informationReceivedAt: newYorkWall(new Date(Date.now() + 7_200_000)) });
    expect(future).toMatchObject({ status: 422, body: { fieldErrors: { informationReceivedAt: expect.stringContaining("cannot be in the future") } } });
    expect(await post(saveDebriefRoute, "debrief", { place: "Office" })).toMatchObject({ status: 409, body: { code: "REFUSED", error: expect.stringContaining("Record the child's recovery") } });
    expect(await post(reportRoute, "trafficking/report", { agencyName: "PD", officerName: "", caseNumber: "", reportedAt: informedAt, lateReason: "" }, outsider)).toMatchObject({ status: 404 });
    expect(await db().traffickingReport.count()).toBe(0);
    expect(await post(reportRoute, "trafficking/report", { agencyName: "PD", officerName: "", caseNumber: "", reportedAt: informedAt, lateReason: "" })).toMatchObject({ status: 200 });
  });
});
