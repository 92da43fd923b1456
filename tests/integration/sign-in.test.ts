import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { signInWithPassword } from "@/server/auth/sign-in";
import { endSession, resolveSession } from "@/server/auth/sessions";
import { UnauthenticatedError } from "@/server/authz/errors";
import { PASSWORD, auditActions, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

beforeEach(resetDatabase);

const attempt = (email: string, password: string, now?: Date) => signInWithPassword({ email, password }, { requestId: requestId(), now });

describe("signing in", () => {
  it("opens a session and records the sign-in with actor, agency, time and request id", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "CASEWORKER");
    const id = requestId();
    const before = Date.now();
    const result = await signInWithPassword({ email: user.email.toUpperCase(), password: PASSWORD }, { requestId: id });
    expect(result.ok).toBe(true);
    const [event] = await db().auditEvent.findMany();
    expect(event).toMatchObject({ action: "auth.sign_in", outcome: "SUCCESS", actorUserId: user.id, agencyId: agency.id, requestId: id });
    expect(event!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await db().userSession.count({ where: { userId: user.id, endedAt: null } })).toBe(1);
  });

  it("gives the same answer for an unknown email, a wrong password and an inactive account", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "CASEWORKER");
    const inactive = await makeUser(agency.id, "CASEWORKER", { active: false });
    expect(await attempt("nobody@example.org", PASSWORD)).toEqual({ ok: false });
    expect(await attempt(user.email, "wrong password")).toEqual({ ok: false });
    expect(await attempt(inactive.email, PASSWORD)).toEqual({ ok: false });
    expect(await auditActions()).toEqual(["auth.sign_in_failed:FAILURE", "auth.sign_in_failed:FAILURE", "auth.sign_in_failed:FAILURE"]);
    expect(await db().userSession.count()).toBe(0);
  });

  it("locks the account after 5 failures in a row and refuses the right password while locked", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "SUPERVISOR");
    for (let i = 0; i < 5; i++) expect((await attempt(user.email, `wrong ${i}`)).ok).toBe(false);
    expect((await attempt(user.email, PASSWORD)).ok).toBe(false);
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await auditActions()).toEqual([
      ...Array(5).fill("auth.sign_in_failed:FAILURE"),
      "auth.locked:DENIED",
      "auth.sign_in_refused_locked:DENIED",
    ]);
    // 15 minutes later the right password works again and the count starts over.
    const later = new Date(stored.lockedUntil!.getTime() + 1);
    expect((await attempt(user.email, PASSWORD, later)).ok).toBe(true);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedSignInCount: 0, lockedUntil: null });
  });

  it("a success in between resets the count: failures must be in a row", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "CASEWORKER");
    for (let i = 0; i < 4; i++) await attempt(user.email, "wrong");
    expect((await attempt(user.email, PASSWORD)).ok).toBe(true);
    for (let i = 0; i < 4; i++) await attempt(user.email, "wrong");
    expect((await attempt(user.email, PASSWORD)).ok).toBe(true);
  });

  it("counts every failure exactly when attempts arrive at once, as from several app instances", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "CASEWORKER");
    await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(user.email, `wrong ${i}`)));
    const actions = await auditActions();
    expect(actions.filter((a) => a === "auth.sign_in_failed:FAILURE")).toHaveLength(5);
    expect(actions.filter((a) => a === "auth.locked:DENIED")).toHaveLength(1);
    expect(actions.filter((a) => a === "auth.sign_in_refused_locked:DENIED")).toHaveLength(3);
  });
});

describe("sessions", () => {
  it("re-reads the user on every request: a changed role shows at once, a deactivated user is out", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "CASEWORKER");
    const actor = await signInAs(user);
    expect(actor.roles).toEqual(["CASEWORKER"]);
    await db().user.update({ where: { id: user.id }, data: { roles: ["CASEWORKER", "SUPERVISOR"] } });
    expect((await resolveSession(actor.sessionId, { requestId: requestId() })).roles).toEqual(["CASEWORKER", "SUPERVISOR"]);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    await expect(resolveSession(actor.sessionId, { requestId: requestId() })).rejects.toEqual(new UnauthenticatedError("inactive"));
    // Reactivating does not revive the ended session.
    await db().user.update({ where: { id: user.id }, data: { active: true } });
    await expect(resolveSession(actor.sessionId, { requestId: requestId() })).rejects.toEqual(new UnauthenticatedError("ended"));
  });

  it("ends a session after 30 idle minutes and 12 hours after sign-in, on the server", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "ADMIN");
    const idle = await signInAs(user);
    const session = await db().userSession.findUniqueOrThrow({ where: { id: idle.sessionId } });
    const minutesLater = (n: number) => new Date(session.lastSeenAt.getTime() + n * 60_000);
    await resolveSession(idle.sessionId, { requestId: requestId(), now: minutesLater(29) });
    await expect(resolveSession(idle.sessionId, { requestId: requestId(), now: minutesLater(60) })).rejects.toEqual(
      new UnauthenticatedError("idle"),
    );

    const busy = await signInAs(user);
    const start = (await db().userSession.findUniqueOrThrow({ where: { id: busy.sessionId } })).createdAt;
    for (let minute = 20; minute < 720; minute += 20) {
      await resolveSession(busy.sessionId, { requestId: requestId(), now: new Date(start.getTime() + minute * 60_000) });
    }
    await expect(resolveSession(busy.sessionId, { requestId: requestId(), now: new Date(start.getTime() + 720 * 60_000) })).rejects.toEqual(
      new UnauthenticatedError("expired"),
    );
    const ended = await db().userSession.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(ended.map((s) => s.endReason)).toEqual(["IDLE", "ABSOLUTE"]);
  });

  it("sign-out ends the session for good and is recorded once", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "CASEWORKER");
    const actor = await signInAs(user);
    await endSession(actor.sessionId, "SIGN_OUT", { requestId: requestId() });
    await endSession(actor.sessionId, "SIGN_OUT", { requestId: requestId() });
    await expect(resolveSession(actor.sessionId, { requestId: requestId() })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await auditActions({ actorUserId: user.id })).toEqual(["auth.sign_in:SUCCESS", "auth.sign_out:SUCCESS"]);
  });
});
