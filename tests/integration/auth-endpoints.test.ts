import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { endSession } from "@/server/auth/sessions";
import { GET } from "@/app/api/auth/[...nextauth]/route";
import { makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import { call, sessionCookie, standInForRequireDuringFile } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);

standInForRequireDuringFile();
beforeEach(resetDatabase);

const session = (cookie: string) => call(GET, { nextauth: ["session"] }, "/api/auth/session", { cookie });

describe("GET /api/auth/session", () => {
  it("answers with an expiry while the session is open, and nothing else", async () => {
    const actor = await signInAs(await makeUser((await makeAgency()).id, "CASEWORKER"));
    const response = await session(await sessionCookie(actor.sessionId));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["expires"]);
  });

  it("answers with an empty session for the cookie of a session that has been signed out, and clears the cookie", async () => {
    const actor = await signInAs(await makeUser((await makeAgency()).id, "CASEWORKER"));
    const cookie = await sessionCookie(actor.sessionId);
    await endSession(actor.sessionId, "SIGN_OUT", { requestId: requestId() });
    const response = await session(cookie);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(response.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token=;") || /next-auth\.session-token=;.*Max-Age=0/i.test(c))).toBe(true);
  });

  it("answers with an empty session once the session has been idle too long or the user was deactivated", async () => {
    const agency = await makeAgency();
    const idle = await signInAs(await makeUser(agency.id, "CASEWORKER"));
    await db().userSession.update({ where: { id: idle.sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await (await session(await sessionCookie(idle.sessionId))).json()).toEqual({});

    const user = await makeUser(agency.id, "SUPERVISOR");
    const deactivated = await signInAs(user);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await (await session(await sessionCookie(deactivated.sessionId))).json()).toEqual({});
  });

  it("does not count as activity: asking for the session leaves the idle clock alone", async () => {
    const actor = await signInAs(await makeUser((await makeAgency()).id, "CASEWORKER"));
    const before = await db().userSession.findUniqueOrThrow({ where: { id: actor.sessionId } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await session(await sessionCookie(actor.sessionId));
    expect((await db().userSession.findUniqueOrThrow({ where: { id: actor.sessionId } })).lastSeenAt).toEqual(before.lastSeenAt);
  });
});

describe("GET /api/auth/callback/credentials", () => {
  it("answers 405 with a message, not a server error: only the sign-in form posts here", async () => {
    const response = await call(GET, { nextauth: ["callback", "credentials"] }, "/api/auth/callback/credentials");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.json()).toEqual({ error: "Sign in from the sign-in page: this address only accepts the sign-in form." });
  });
});
