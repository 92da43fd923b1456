import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import type { Actor } from "@/server/authz/actor";
import { endSession, resolveSession } from "@/server/auth/sessions";
import { startEpisode } from "@/server/episodes/start-episode";
import { POST as renew } from "@/app/api/session/renew/route";
import { POST as unattended } from "@/app/api/session/unattended/route";
import { auditActions, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import { call, sessionCookie, standInForRequireDuringFile } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
// Outside a request connection() throws; in one it only marks the render as dynamic.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

// Issue 13: the warning before a session ends. "Stay signed in" renews the session on the server;
// what the browser sends on its own while nobody uses it (its checks and its last drafts) does not.

standInForRequireDuringFile();
beforeEach(resetDatabase);

const MINUTE = 60_000;

async function caseworker(): Promise<Actor> {
  return signInAs(await makeUser((await makeAgency()).id, "CASEWORKER"));
}

/** The session as stored. */
const stored = (sessionId: string) => db().userSession.findUniqueOrThrow({ where: { id: sessionId } });

/** Moves the session's last activity `minutes` into the past, as if nobody had used it since. */
async function idleFor(sessionId: string, minutes: number): Promise<Date> {
  const lastSeenAt = new Date(Date.now() - minutes * MINUTE);
  await db().userSession.update({ where: { id: sessionId }, data: { lastSeenAt } });
  return lastSeenAt;
}

type Init = { cookie?: string; origin?: string; body?: string; contentType?: string | null };

async function post(handler: typeof renew, path: string, init: Init = {}) {
  const headers: Record<string, string> = {};
  if (init.origin) headers.origin = init.origin;
  if (init.contentType !== null) headers["content-type"] = init.contentType ?? "application/json";
  const response = await call(handler, {}, path, { method: "POST", cookie: init.cookie, headers, body: init.body });
  return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

const renewAs = async (actor: Actor | null, init: Init = {}) => post(renew, "/api/session/renew", { cookie: actor ? await sessionCookie(actor.sessionId) : undefined, contentType: null, ...init });
const unattendedAs = async (actor: Actor | null, drafts: unknown[] = [], init: Init = {}) =>
  post(unattended as typeof renew, "/api/session/unattended", { cookie: actor ? await sessionCookie(actor.sessionId) : undefined, body: JSON.stringify({ drafts }), ...init });

const refusals = () => db().auditEvent.findMany({ where: { action: "access.refused" }, orderBy: { id: "asc" }, select: { actorUserId: true, details: true } });

async function newEpisode(actor: Actor): Promise<string> {
  const { episodeId } = await startEpisode(
    actor,
    { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: `DC-${requestId().slice(0, 6)}`, underAgencyGuardianship: "yes" } },
    { requestId: requestId() },
  );
  return episodeId;
}

describe("POST /api/session/renew (Stay signed in)", () => {
  it("renews an active session: its idle limit runs from now, the 12 hours do not move, and nothing is audited", async () => {
    const actor = await caseworker();
    const before = await idleFor(actor.sessionId, 28);
    const audited = await auditActions({ actorUserId: actor.userId });

    const answer = await renewAs(actor);
    expect(answer.status).toBe(200);
    expect(answer.body!.idleLeftMs).toBeGreaterThan(29.9 * MINUTE);
    expect(answer.body!.idleLeftMs).toBeLessThanOrEqual(30 * MINUTE);
    expect(answer.body!.absoluteLeftMs).toBeGreaterThan(11.9 * 60 * MINUTE);
    expect(Object.keys(answer.body!).sort()).toEqual(["absoluteLeftMs", "idleLeftMs"]);
    const after = await stored(actor.sessionId);
    expect(after.lastSeenAt.getTime()).toBeGreaterThan(before.getTime() + 27 * MINUTE);
    expect(after.endedAt).toBeNull();
    // Every request renews its session unaudited; staying signed in is one more.
    expect(await auditActions({ actorUserId: actor.userId })).toEqual(audited);
  });

  it("answers 401 without a session, and once it has ended, idled out or reached 12 hours, renewing nothing", async () => {
    expect((await renewAs(null)).status).toBe(401);

    const signedOut = await caseworker();
    await endSession(signedOut.sessionId, "SIGN_OUT", { requestId: requestId() });
    expect((await renewAs(signedOut)).status).toBe(401);

    const idle = await caseworker();
    const lastSeenAt = await idleFor(idle.sessionId, 31);
    const answer = await renewAs(idle);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: "Sign in to continue." });
    expect(await stored(idle.sessionId)).toMatchObject({ lastSeenAt, endReason: "IDLE" });

    const old = await caseworker();
    await db().userSession.update({ where: { id: old.sessionId }, data: { createdAt: new Date(Date.now() - 12 * 60 * MINUTE - MINUTE) } });
    expect((await renewAs(old)).status).toBe(401);
    expect((await stored(old.sessionId)).endReason).toBe("ABSOLUTE");
  });

  it("refuses a cross-site request (403, audited) and renews nothing", async () => {
    const actor = await caseworker();
    const lastSeenAt = await idleFor(actor.sessionId, 28);
    for (const origin of ["https://attacker.example", "null"]) {
      expect((await renewAs(actor, { origin })).status).toBe(403);
    }
    expect((await stored(actor.sessionId)).lastSeenAt).toEqual(lastSeenAt);
    expect(await refusals()).toEqual([
      { actorUserId: null, details: { reason: "cross-site", route: "POST /api/session/renew" } },
      { actorUserId: null, details: { reason: "cross-site", route: "POST /api/session/renew" } },
    ]);
  });
});

describe("POST /api/session/unattended (the browser on its own, as the session is about to end)", () => {
  it("answers what is left without counting as activity: the idle limit keeps running", async () => {
    const actor = await caseworker();
    const lastSeenAt = await idleFor(actor.sessionId, 28);
    const answer = await unattendedAs(actor);
    expect(answer.status).toBe(200);
    expect(answer.body!.idleLeftMs).toBeGreaterThan(1.9 * MINUTE);
    expect(answer.body!.idleLeftMs).toBeLessThanOrEqual(2 * MINUTE);
    expect((await stored(actor.sessionId)).lastSeenAt).toEqual(lastSeenAt);
  });

  it("keeps a step's draft without renewing the session, which then ends at its idle limit as if nobody had sent anything", async () => {
    const actor = await caseworker();
    const episodeId = await newEpisode(actor);
    const lastSeenAt = await idleFor(actor.sessionId, 29);

    const answer = await unattendedAs(actor, [{ episodeId, step: "child", baseVersion: 1, values: { middleName: "Quinn" } }]);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const draft = await db().episodeDraft.findFirstOrThrow({ where: { episodeId, step: "child", userId: actor.userId } });
    expect(draft.values).toEqual({ middleName: "Quinn" });
    expect((await stored(actor.sessionId)).lastSeenAt).toEqual(lastSeenAt);

    // The idle limit passes: the next request of any kind finds the session over, and it ends as idle.
    await idleFor(actor.sessionId, 31);
    expect(await unattendedAs(actor)).toEqual({ status: 401, body: { error: "Sign in to continue.", reason: "idle" } });
    expect((await stored(actor.sessionId)).endReason).toBe("IDLE");
    expect(await auditActions({ actorUserId: actor.userId })).toContain("auth.session_ended:SUCCESS");
    // Asked again (another tab, say), the reason recorded then.
    expect((await unattendedAs(actor)).body).toEqual({ error: "Sign in to continue.", reason: "idle" });
  });

  it("says why a session no longer lets its person in: idle, expired, or ended for any other reason", async () => {
    expect((await unattendedAs(null)).body).toMatchObject({ reason: "ended" });

    const old = await caseworker();
    await db().userSession.update({ where: { id: old.sessionId }, data: { createdAt: new Date(Date.now() - 12 * 60 * MINUTE - MINUTE) } });
    expect(await unattendedAs(old)).toMatchObject({ status: 401, body: { reason: "expired" } });
    expect((await unattendedAs(old)).body).toMatchObject({ reason: "expired" });

    const signedOut = await caseworker();
    await endSession(signedOut.sessionId, "SIGN_OUT", { requestId: requestId() });
    expect(await unattendedAs(signedOut)).toMatchObject({ status: 401, body: { reason: "ended" } });

    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const deactivated = await signInAs(user);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await unattendedAs(deactivated)).toMatchObject({ status: 401, body: { reason: "ended" } });
  });

  it("refuses bad input with a 400 and a message, keeping nothing and renewing nothing", async () => {
    const actor = await caseworker();
    const episodeId = await newEpisode(actor);
    const lastSeenAt = await idleFor(actor.sessionId, 28);
    const draft = { episodeId, step: "child", baseVersion: 1, values: { middleName: "Quinn" } };
    for (const [what, init] of [
      ["not JSON", { body: "drafts=1" }],
      ["no content type", { contentType: null }],
      ["an unknown field", { body: JSON.stringify({ drafts: [], renew: true }) }],
      ["a draft with an unknown field", { body: JSON.stringify({ drafts: [{ ...draft, userId: actor.userId }] }) }],
      ["too many drafts", { body: JSON.stringify({ drafts: Array.from({ length: 21 }, () => draft) }) }],
      ["a field the step does not have", { body: JSON.stringify({ drafts: [{ ...draft, values: { password: "x" } }] }) }],
      ["a version that never was", { body: JSON.stringify({ drafts: [{ ...draft, baseVersion: 0 }] }) }],
    ] as const) {
      const answer = await unattendedAs(actor, [], init);
      expect(answer.status, what).toBe(400);
      expect(answer.body!.error, what).toMatch(/\w/);
    }
    expect(await db().episodeDraft.count()).toBe(0);
    expect((await stored(actor.sessionId)).lastSeenAt).toEqual(lastSeenAt);
  });

  it("keeps no draft in another agency's episode (404, audited) nor from another site (403, audited)", async () => {
    const owner = await caseworker();
    const episodeId = await newEpisode(owner);
    const outsider = await caseworker();
    const draft = { episodeId, step: "child", baseVersion: 1, values: { middleName: "Quinn" } };

    expect((await unattendedAs(outsider, [draft])).status).toBe(404);
    expect((await unattendedAs(owner, [draft], { origin: "https://attacker.example" })).status).toBe(403);
    expect(await db().episodeDraft.count()).toBe(0);
    expect(await refusals()).toEqual([
      { actorUserId: outsider.userId, details: { reason: "not-found", route: "POST /api/session/unattended" } },
      { actorUserId: null, details: { reason: "cross-site", route: "POST /api/session/unattended" } },
    ]);
  });
});

describe("recording a session's use", () => {
  it("writes the last use at most once a minute, and answers deadlines from the use as recorded", async () => {
    const actor = await caseworker();
    const recorded = new Date(Date.now() - 30_000);
    await db().userSession.update({ where: { id: actor.sessionId }, data: { lastSeenAt: recorded } });
    const soon = await resolveSession(actor.sessionId, { requestId: requestId() });
    expect((await stored(actor.sessionId)).lastSeenAt).toEqual(recorded);
    expect(soon.sessionEnds?.idleAt).toEqual(new Date(recorded.getTime() + 30 * MINUTE));

    const lastSeenAt = await idleFor(actor.sessionId, 2);
    const later = new Date();
    await resolveSession(actor.sessionId, { requestId: requestId(), now: later });
    expect((await stored(actor.sessionId)).lastSeenAt).toEqual(later);
    expect(later.getTime()).toBeGreaterThan(lastSeenAt.getTime());
  });
});
