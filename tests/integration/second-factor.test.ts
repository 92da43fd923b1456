import { beforeEach, describe, expect, it, vi } from "vitest";
import { generate } from "otplib";
import { db } from "@/server/db";
import { signInWithPassword } from "@/server/auth/sign-in";
import { resolveSession, resolveSignInSession } from "@/server/auth/sessions";
import { giveSignInCode } from "@/server/auth/give-sign-in-code";
import { confirmSecondFactor } from "@/server/auth/confirm-second-factor";
import { startSecondFactorSetUp } from "@/server/auth/second-factor-store";
import { SignInUnfinishedError } from "@/server/authz/errors";
import { ValidationError } from "@/server/use-case-errors";
import { POST as startEpisodeRoute } from "@/app/api/episodes/route";
import { POST as codeRoute } from "@/app/api/auth/sign-in-code/route";
import { PASSWORD, auditActions, giveSecondFactor, makeAgency, makeUser, requestId, resetDatabase } from "./support";
import { call, enterRequest, sessionCookie, standInForRequireDuringFile } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
// Outside a request connection() throws; in one it only marks the render as dynamic.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

standInForRequireDuringFile();
beforeEach(resetDatabase);

const context = (now?: Date) => ({ requestId: requestId(), now });
const codeAt = (secret: string, now: Date) => generate({ secret, epoch: Math.floor(now.getTime() / 1000) });

async function halfSigned(user: { email: string }, now = new Date()) {
  const result = await signInWithPassword({ email: user.email, password: PASSWORD }, context(now));
  if (!result.ok) throw new Error("sign-in failed");
  return result.sessionId;
}

const session = (sessionId: string, now?: Date) => resolveSignInSession(sessionId, context(now));

describe("a half-signed session", () => {
  it("reaches no route handler and no page: 401 saying what is left, and a redirect to the code page", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    await giveSecondFactor(user);
    const sessionId = await halfSigned(user);
    expect((await session(sessionId)).step).toBe("code");
    await expect(resolveSession(sessionId, context())).rejects.toEqual(new SignInUnfinishedError("code"));

    const cookie = await sessionCookie(sessionId);
    const response = await call(startEpisodeRoute, {}, "/api/episodes", {
      method: "POST",
      cookie,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({}),
    });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe("Finish signing in: enter the code from your authenticator app first.");

    enterRequest(new Headers({ cookie }));
    const { default: CasesPage } = await import("@/app/(app)/cases/page");
    const redirect = await CasesPage({ searchParams: Promise.resolve({}) }).then(
      () => null,
      (error: { digest?: string }) => error.digest ?? null,
    );
    expect(redirect).toMatch(/^NEXT_REDIRECT;replace;\/sign-in\/code;/);
    expect(await db().episode.count()).toBe(0);
  });

  it("of a person who must set up a factor reaches only the set-up; confirming it finishes signing in", async () => {
    const user = await makeUser((await makeAgency()).id, "SUPERVISOR");
    const sessionId = await halfSigned(user);
    const pending = await session(sessionId);
    expect(pending.step).toBe("second-factor");
    const setUp = await startSecondFactorSetUp({ userId: user.id, email: user.email, agencyName: "x" });
    expect(setUp.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = setUp.secretText.replace(/\s/g, "");
    await expect(confirmSecondFactor(pending, { pending: setUp.pending, code: "000000" }, context())).rejects.toBeInstanceOf(ValidationError);
    const { recoveryCodes } = await confirmSecondFactor(pending, { pending: setUp.pending, code: await codeAt(secret, new Date()) }, context());
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await session(sessionId)).step).toBe("done");

    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpSecret).not.toContain(secret);
    const hashes = (await db().recoveryCode.findMany({ where: { userId: user.id } })).map((r) => r.codeHash);
    expect(hashes).toHaveLength(10);
    expect(hashes.some((hash) => recoveryCodes.some((code) => hash.includes(code.replaceAll("-", ""))))).toBe(false);
    expect(await db().notification.findMany({ where: { userId: user.id } })).toMatchObject([{ kind: "second_factor.added", readAt: null }]);
    const events = await db().auditEvent.findMany({ where: { action: "account.second_factor_set_up" }, select: { details: true } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(await db().auditEvent.findMany({ select: { details: true } }))).not.toContain(secret);
  });

  it("does not take a set-up sealed for someone else", async () => {
    const agency = await makeAgency();
    const user = await makeUser(agency.id, "SUPERVISOR");
    const other = await makeUser(agency.id, "SUPERVISOR");
    const pending = await session(await halfSigned(user));
    const setUp = await startSecondFactorSetUp({ userId: other.id, email: other.email, agencyName: "x" });
    const code = await codeAt(setUp.secretText.replace(/\s/g, ""), new Date());
    await expect(confirmSecondFactor(pending, { pending: setUp.pending, code }, context())).rejects.toThrow("reload the page");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();
  });
});

describe("codes", () => {
  it("accepts a code once: the same code again is refused as replayed, even in a new session", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const secret = await giveSecondFactor(user);
    const now = new Date();
    const code = await codeAt(secret, now);
    const first = await halfSigned(user, now);
    await giveSignInCode(await session(first, now), { code }, context(now));
    expect((await session(first, now)).step).toBe("done");

    const second = await halfSigned(user, now);
    await expect(giveSignInCode(await session(second, now), { code }, context(now))).rejects.toThrow("already used");
    expect((await session(second, now)).step).toBe("code");
    expect(await auditActions({ actorUserId: user.id })).toContain("auth.code_replayed:DENIED");
    // The next step's code is taken.
    const later = new Date(now.getTime() + 30_000);
    await giveSignInCode(await session(second, later), { code: await codeAt(secret, later) }, context(later));
    expect((await session(second, later)).step).toBe("done");
  });

  it("allows one step of clock drift either way, not two", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const secret = await giveSecondFactor(user);
    const now = new Date();
    const twoStepsAgo = await codeAt(secret, new Date(now.getTime() - 60_000));
    const sessionId = await halfSigned(user, now);
    await expect(giveSignInCode(await session(sessionId, now), { code: twoStepsAgo }, context(now))).rejects.toThrow("not right");
    const oneStepAgo = await codeAt(secret, new Date(now.getTime() - 30_000));
    await giveSignInCode(await session(sessionId, now), { code: oneStepAgo }, context(now));
    expect((await session(sessionId, now)).step).toBe("done");
  });

  it("counts failed codes toward the lock: the fifth locks the account, and then even the right code is refused", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const secret = await giveSecondFactor(user);
    const sessionId = await halfSigned(user);
    for (let i = 0; i < 5; i++) {
      await expect(giveSignInCode(await session(sessionId), { code: "12345" + i }, context())).rejects.toBeInstanceOf(ValidationError);
    }
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.failedSignInCount).toBe(5);
    expect(stored.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    await expect(giveSignInCode(await session(sessionId), { code: await codeAt(secret, new Date()) }, context())).rejects.toThrow("locked");
    expect((await session(sessionId)).step).toBe("code");
    // The right password again does not give a fresh count of codes.
    await halfSigned(user).catch(() => null);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).failedSignInCount).toBe(5);
  });

  it("the right password does not reset the count of failed codes", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    await giveSecondFactor(user);
    for (let round = 0; round < 2; round++) {
      const sessionId = await halfSigned(user);
      for (let i = 0; i < 2; i++) await expect(giveSignInCode(await session(sessionId), { code: "000000" }, context())).rejects.toBeInstanceOf(ValidationError);
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).failedSignInCount).toBe(4);
  });

  it("takes each recovery code once, tells the person, and keeps no code in the audit trail", async () => {
    const user = await makeUser((await makeAgency()).id, "SUPERVISOR");
    const pending = await session(await halfSigned(user));
    const setUp = await startSecondFactorSetUp({ userId: user.id, email: user.email, agencyName: "x" });
    const { recoveryCodes } = await confirmSecondFactor(pending, { pending: setUp.pending, code: await codeAt(setUp.secretText.replace(/\s/g, ""), new Date()) }, context());

    const first = await halfSigned(user);
    await giveSignInCode(await session(first), { code: recoveryCodes[3]!.toUpperCase() }, context());
    expect((await session(first)).step).toBe("done");
    const second = await halfSigned(user);
    await expect(giveSignInCode(await session(second), { code: recoveryCodes[3]! }, context())).rejects.toThrow("not right");
    await giveSignInCode(await session(second), { code: recoveryCodes[4]!.replaceAll("-", " ") }, context());
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(2);
    expect((await db().notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } })).map((n) => n.kind)).toEqual([
      "second_factor.added",
      "recovery_code.used",
      "recovery_code.used",
    ]);
    const trail = JSON.stringify(await db().auditEvent.findMany({ select: { details: true } }));
    for (const code of recoveryCodes) expect(trail).not.toContain(code);
    expect(await auditActions({ actorUserId: user.id })).toContain("auth.recovery_code_used:SUCCESS");
  });

  it("answers the code route's refusals with a clear message, and takes a code only from this site", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const secret = await giveSecondFactor(user);
    const cookie = await sessionCookie(await halfSigned(user));
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      call(codeRoute, {}, "/api/auth/sign-in-code", { method: "POST", cookie, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const wrong = await post({ code: "000000" });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).fieldErrors.code).toContain("not right");
    expect((await post({ code: "\u0000" })).status).toBe(422);
    expect((await post({ code: 7 })).status).toBe(400);
    const crossSite = await post({ code: await generate({ secret }) }, { origin: "https://elsewhere.example" });
    expect(crossSite.status).toBe(403);
    expect((await post({ code: await generate({ secret }) })).status).toBe(204);
  });
});
