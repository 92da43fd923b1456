import { beforeEach, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { db } from "@/server/db";
import { issueAccountToken } from "@/server/accounts/account-tokens";
import { signInWithPassword } from "@/server/auth/sign-in";
import { resolveSignInSession } from "@/server/auth/sessions";
import { resetPasswordWithLink } from "@/server/auth/reset-password-with-link";
import { acceptInvitation, checkInvitation } from "@/server/auth/accept-invitation";
import { changePassword } from "@/server/auth/change-password";
import { chooseRequiredPassword } from "@/server/auth/choose-required-password";
import { endOtherSessions } from "@/server/auth/end-other-sessions";
import { removeSecondFactor, regenerateRecoveryCodes } from "@/server/auth/manage-second-factor";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";
import { ValidationError } from "@/server/use-case-errors";
import { PASSWORD, auditActions, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";

beforeEach(resetDatabase);

const context = (now?: Date) => ({ requestId: requestId(), now });
const NEW_PASSWORD = "a kettle sings on the stove";

async function openSessions(userId: string) {
  return db().userSession.count({ where: { userId, endedAt: null } });
}

async function resetLink(user: { id: string; agencyId: string }, now = new Date()) {
  return (await db().$transaction((tx) => issueAccountToken(tx, { agencyId: user.agencyId, userId: user.id, purpose: "PASSWORD_RESET", createdById: null, now }))).secret;
}

describe("a password reset link", () => {
  it("sets the new password once, ends every session, tells the person, and keeps the link out of the audit trail", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    await signInAs(user);
    await signInAs(user);
    const secret = await resetLink(user);
    await resetPasswordWithLink({ secret, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, context());
    expect(await openSessions(user.id)).toBe(0);
    expect((await signInWithPassword({ email: user.email, password: NEW_PASSWORD }, context())).ok).toBe(true);
    expect((await signInWithPassword({ email: user.email, password: PASSWORD }, context())).ok).toBe(false);
    expect((await db().notification.findMany({ where: { userId: user.id } })).map((n) => n.kind)).toContain("password.changed");

    // Used: refused in words, nothing changes, the refusal is audited.
    const again = resetPasswordWithLink({ secret, password: "another long password here", confirmation: "another long password here" }, context());
    await expect(again).rejects.toThrow("already been used");
    expect((await signInWithPassword({ email: user.email, password: NEW_PASSWORD }, context())).ok).toBe(true);
    const actions = await auditActions();
    expect(actions).toContain("account.password_changed:SUCCESS");
    expect(actions).toContain("account.link_refused:DENIED");
    const trail = JSON.stringify(await db().auditEvent.findMany({ select: { details: true, targetId: true } }));
    expect(trail).not.toContain(secret);
    expect(trail).not.toContain(NEW_PASSWORD);
  });

  it("refuses an expired link and a revoked one in words, changing nothing", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const issued = new Date(Date.now() - 25 * 60 * 60 * 1000);
    const expired = await resetLink(user, issued);
    const body = (secret: string) => ({ secret, password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    await expect(resetPasswordWithLink(body(expired), context())).rejects.toThrow("expired");
    const older = await resetLink(user);
    await resetLink(user);
    await expect(resetPasswordWithLink(body(older), context())).rejects.toThrow("replaced by a newer one");
    await expect(resetPasswordWithLink(body("x".repeat(43)), context())).rejects.toThrow("not valid");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordChangedAt).toBeNull();
    expect((await db().auditEvent.findMany({ where: { action: "account.link_refused" } })).map((e) => (e.details as { problem: string }).problem)).toEqual([
      "expired",
      "revoked",
      "unknown",
    ]);
  });

  it("holds the new password to the rules: too short, common, or containing the person's name", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const secret = await resetLink(user);
    for (const password of ["short one", "passwordpassword", `my name is ${user.email}`]) {
      await expect(resetPasswordWithLink({ secret, password, confirmation: password }, context())).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(resetPasswordWithLink({ secret, password: NEW_PASSWORD, confirmation: "something else" }, context())).rejects.toThrow("not the same");
    // The link is still good after refused passwords.
    await resetPasswordWithLink({ secret, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, context());
  });
});

describe("an invitation", () => {
  it("sets the password and the second factor together, then the person signs in with both", async () => {
    const agency = await makeAgency();
    const user = await db().user.create({ data: { agencyId: agency.id, email: "invited@example.org", name: "Robin Invited", roles: ["CASEWORKER"] } });
    const { secret } = await db().$transaction((tx) => issueAccountToken(tx, { agencyId: agency.id, userId: user.id, purpose: "INVITATION", createdById: null, now: new Date() }));
    const password = "eight ch"; // with a second factor, 8 characters are enough
    const setUp = await checkInvitation({ secret, password, confirmation: password }, context());
    expect(await db().accountToken.count({ where: { usedAt: { not: null } } })).toBe(0);
    const totp = setUp.secretText.replace(/\s/g, "");
    const { recoveryCodes } = await acceptInvitation({ secret, password, confirmation: password, pending: setUp.pending, code: await generate({ secret: totp }) }, context());
    expect(recoveryCodes).toHaveLength(10);
    const signedIn = await signInWithPassword({ email: user.email, password }, context());
    expect(signedIn.ok && (await resolveSignInSession(signedIn.sessionId, context())).step).toBe("code");
    await expect(checkInvitation({ secret, password, confirmation: password }, context())).rejects.toThrow("already been used");
  });
});

describe("the person's own account", () => {
  it("changing the password asks for the current one and ends the other sessions, not this one", async () => {
    const user = await makeUser((await makeAgency()).id, "SUPERVISOR");
    const other = await signInAs(user);
    const actor = await signInAs(user);
    await expect(changePassword(actor, { currentPassword: "wrong", password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, context())).rejects.toThrow(
      "current password is not right",
    );
    expect(await auditActions({ actorUserId: user.id })).toContain("account.password_change_refused:DENIED");
    expect(await openSessions(user.id)).toBe(2);
    expect(await changePassword(actor, { currentPassword: PASSWORD, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, context())).toEqual({ otherSessionsEnded: 1 });
    expect((await db().userSession.findUniqueOrThrow({ where: { id: other.sessionId } })).endReason).toBe("PASSWORD_CHANGED");
    expect((await db().userSession.findUniqueOrThrow({ where: { id: actor.sessionId } })).endedAt).toBeNull();
    expect(await db().notification.count({ where: { userId: user.id, kind: "password.changed", readAt: null } })).toBe(1);
    expect(await markNotificationsRead(actor, context())).toEqual({ count: 1 });
    expect(await db().notification.count({ where: { userId: user.id, readAt: null } })).toBe(0);
  });

  it("ends the other sessions on request", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    await signInAs(user);
    await signInAs(user);
    const actor = await signInAs(user);
    expect(await endOtherSessions(actor, context())).toEqual({ ended: 2 });
    expect(await openSessions(user.id)).toBe(1);
  });

  it("a required new password is the only way on, and ends the other sessions", async () => {
    const user = await makeUser((await makeAgency()).id, "CASEWORKER");
    const other = await signInAs(user);
    const actor = await signInAs(user);
    await db().user.update({ where: { id: user.id }, data: { passwordChangeRequired: true } });
    const session = await resolveSignInSession(actor.sessionId, context());
    expect(session.step).toBe("new-password");
    await chooseRequiredPassword(session, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD }, context());
    expect((await resolveSignInSession(actor.sessionId, context())).step).toBe("done");
    expect((await db().userSession.findUniqueOrThrow({ where: { id: other.sessionId } })).endedAt).not.toBeNull();
  });

  it("keeps a second factor the policy asks for, and lets a caseworker remove it where the agency made it optional", async () => {
    const agency = await makeAgency();
    const supervisor = await signInAs(await makeUser(agency.id, "SUPERVISOR"));
    await expect(removeSecondFactor(supervisor, context())).rejects.toThrow("keep a second factor");
    await db().agency.update({ where: { id: agency.id }, data: { caseworkerSecondFactorOptional: true, secondFactorOptionalReason: "test" } });
    const caseworker = await signInAs(await makeUser(agency.id, "CASEWORKER"));
    await removeSecondFactor(caseworker, context());
    expect((await db().user.findUniqueOrThrow({ where: { id: caseworker.userId } })).totpSecret).toBeNull();
    await expect(regenerateRecoveryCodes(caseworker, context())).rejects.toThrow("Set up a second factor first");
    expect((await regenerateRecoveryCodes(supervisor, context())).recoveryCodes).toHaveLength(10);
  });
});
