import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { signInWithPassword } from "@/server/auth/sign-in";
import { POST } from "@/app/api/admin/users/[userId]/unlock/route";
import UserPage from "@/app/(app)/admin/users/[userId]/page";
import { UnlockAccountButton } from "@/app/(app)/admin/users/[userId]/unlock-account-button";
import { PASSWORD, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import { call, enterRequest, sessionCookie } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

beforeEach(resetDatabase);

async function lockedOut(agencyId: string) {
  const user = await makeUser(agencyId, "CASEWORKER");
  for (let i = 0; i < 5; i++) await signInWithPassword({ email: user.email, password: `wrong ${i}` }, { requestId: requestId() });
  expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  return user;
}

async function unlockAs(role: "ADMIN" | "SUPERVISOR" | "CASEWORKER", agencyId: string, userId: string): Promise<Response> {
  const actor = await signInAs(await makeUser(agencyId, role));
  return call(POST, { userId }, `/api/admin/users/${userId}/unlock`, { method: "POST", cookie: await sessionCookie(actor.sessionId) });
}

const lockOf = async (userId: string) => db().user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true, failedSignInCount: true } });
const unlockEvents = () => db().auditEvent.findMany({ where: { action: "user.unlocked" }, select: { actorUserId: true, targetType: true, targetId: true, outcome: true } });

describe("an admin unlocks a locked account early", () => {
  it("lets the person sign in at once, and records who unlocked whom", async () => {
    const agency = await makeAgency();
    const user = await lockedOut(agency.id);
    const admin = await signInAs(await makeUser(agency.id, "ADMIN"));
    const response = await call(POST, { userId: user.id }, `/api/admin/users/${user.id}/unlock`, { method: "POST", cookie: await sessionCookie(admin.sessionId) });
    expect(response.status).toBe(204);
    expect(await lockOf(user.id)).toEqual({ lockedUntil: null, failedSignInCount: 0 });
    expect((await signInWithPassword({ email: user.email, password: PASSWORD }, { requestId: requestId() })).ok).toBe(true);
    expect(await unlockEvents()).toEqual([{ actorUserId: admin.userId, targetType: "User", targetId: user.id, outcome: "SUCCESS" }]);
  });

  it("does not find a user of another agency (404), who stays locked", async () => {
    const user = await lockedOut((await makeAgency()).id);
    expect((await unlockAs("ADMIN", (await makeAgency()).id, user.id)).status).toBe(404);
    expect((await lockOf(user.id)).lockedUntil).not.toBeNull();
    expect(await unlockEvents()).toEqual([]);
  });

  it("refuses supervisors and caseworkers (403); the lock stays", async () => {
    const agency = await makeAgency();
    const user = await lockedOut(agency.id);
    expect((await unlockAs("SUPERVISOR", agency.id, user.id)).status).toBe(403);
    expect((await unlockAs("CASEWORKER", agency.id, user.id)).status).toBe(403);
    expect((await lockOf(user.id)).lockedUntil).not.toBeNull();
    expect(await unlockEvents()).toEqual([]);
  });

  it("leaves an account that is not locked as it is, and records nothing", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "CASEWORKER");
    await signInWithPassword({ email: user.email, password: "wrong" }, { requestId: requestId() });
    expect((await unlockAs("ADMIN", agency.id, user.id)).status).toBe(204);
    expect(await lockOf(user.id)).toEqual({ lockedUntil: null, failedSignInCount: 1 });
    expect(await unlockEvents()).toEqual([]);
  });
});

describe("the admin's user page", () => {
  /** Whether the rendered page holds the unlock button (a client component, so its element, not its text). */
  function offersUnlock(node: unknown, seen = new WeakSet<object>()): boolean {
    if (node === null || typeof node !== "object" || seen.has(node)) return false;
    seen.add(node);
    if ("type" in node && node.type === UnlockAccountButton) return true;
    const values = "$$typeof" in node && "props" in node ? [node.props] : Object.values(node);
    return values.some((value) => offersUnlock(value, seen));
  }

  it("offers the unlock button while the account is locked, and not otherwise", async () => {
    const agency = await makeAgency();
    const user = await lockedOut(agency.id);
    const admin = await signInAs(await makeUser(agency.id, "ADMIN"));
    const render = async () => {
      enterRequest(new Headers({ cookie: await sessionCookie(admin.sessionId) }));
      return UserPage({ params: Promise.resolve({ userId: user.id }) });
    };
    expect(offersUnlock(await render())).toBe(true);
    await db().user.update({ where: { id: user.id }, data: { lockedUntil: null, failedSignInCount: 0 } });
    expect(offersUnlock(await render())).toBe(false);
  });
});
