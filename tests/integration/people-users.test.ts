import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { resolveSession } from "@/server/auth/sessions";
import { NotFoundError, ForbiddenError, UnauthenticatedError } from "@/server/authz/errors";
import { BadRequestError, ValidationError } from "@/server/use-case-errors";
import { findUsableToken, hashTokenSecret } from "@/server/accounts/account-tokens";
import { inviteUser } from "@/server/users/invite-user";
import { resendInvitation } from "@/server/users/resend-invitation";
import { updateUser } from "@/server/users/update-user";
import { deactivateUser } from "@/server/users/deactivate-user";
import { reactivateUser } from "@/server/users/reactivate-user";
import { requireNewPassword } from "@/server/users/require-new-password";
import { sendPasswordReset } from "@/server/users/send-password-reset";
import { resetSecondFactor } from "@/server/users/reset-second-factor";
import { reassignEpisodes } from "@/server/users/reassign-episodes";
import { listAgencyUsers } from "@/server/users/list-agency-users";
import { getAgencyUser } from "@/server/users/get-agency-user";
import { POST as invitePost } from "@/app/api/admin/users/route";
import { PATCH as updatePatch } from "@/app/api/admin/users/[userId]/route";
import { POST as deactivatePost } from "@/app/api/admin/users/[userId]/deactivate/route";
import { episodeVersion, makeAgency, makeUser, requestId, resetDatabase, signInAs } from "./support";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";
import { call, sessionCookie } from "./next-request";

vi.mock("next/headers", async () => (await import("./next-request")).nextHeadersStandIn);
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => {} }));

beforeEach(async () => {
  await resetDatabase();
  await db().$executeRawUnsafe(`TRUNCATE "OutboxEmail", "JobEffect"`);
});

const ctx = () => ({ requestId: requestId() });
const events = (action: string) =>
  db().auditEvent.findMany({ where: { action }, orderBy: { id: "asc" }, select: { outcome: true, actorUserId: true, targetId: true, details: true } });
const userCount = () => db().user.count();
const invitation = (overrides: Record<string, unknown> = {}) => ({ name: "Dana Example", email: "Dana.Example@Agency.org", roles: ["CASEWORKER"], teamId: "", ...overrides });

async function agencyWithAdmin() {
  const agency = await makeAgency();
  const admin = await signInAs(await makeUser(agency.id, "ADMIN"));
  return { agency, admin };
}

describe("invite-user", () => {
  it("adds the person with no password, lower-cases the address, and shows the link once when e-mail is off", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const result = await inviteUser(admin, invitation({ roles: ["CASEWORKER", "SUPERVISOR"] }), ctx());
    expect(result.delivery).toBe("shown");
    if (result.delivery !== "shown") throw new Error("expected a link");
    expect(result.link).toMatch(/^http:\/\/localhost:\d+\/welcome#[A-Za-z0-9_-]{43}$/);
    const user = await db().user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user).toMatchObject({ agencyId: agency.id, email: "dana.example@agency.org", passwordHash: null, roles: ["CASEWORKER", "SUPERVISOR"], active: true });
    // The link's secret is kept only as its hash, and it works for the welcome page.
    const secret = result.link.split("#")[1]!;
    const token = await db().accountToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(token).toMatchObject({ purpose: "INVITATION", tokenHash: hashTokenSecret(secret), createdById: admin.userId });
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
    expect((await db().$transaction((tx) => findUsableToken(tx, secret, "INVITATION", new Date()))).ok).toBe(true);
    expect(await db().outboxEmail.count()).toBe(0);
    const [event] = await events("user.invited");
    expect(event).toMatchObject({ outcome: "SUCCESS", actorUserId: admin.userId, targetId: user.id, details: { delivery: "shown" } });
    expect(JSON.stringify(event)).not.toContain(secret);
    const rows = await listAgencyUsers(admin, ctx());
    expect(rows.find((row) => row.id === user.id)).toMatchObject({ status: "INVITED", secondFactor: false });
  });

  it("refuses an e-mail address already in use, in any agency (422), changes nothing and records the refusal", async () => {
    const { admin } = await agencyWithAdmin();
    const elsewhere = await makeUser((await makeAgency()).id, "CASEWORKER");
    const before = await userCount();
    const refusal = inviteUser(admin, invitation({ email: elsewhere.email.toUpperCase() }), ctx());
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({ fieldErrors: { email: expect.stringMatching(/already in use/) } });
    expect(await userCount()).toBe(before);
    expect(await events("user.change_refused")).toEqual([
      { outcome: "DENIED", actorUserId: admin.userId, targetId: null, details: { change: "invite", reason: "email-in-use" } },
    ]);
    expect(await events("user.invited")).toEqual([]);
  });

  it("refuses a supervisor (403, audited) and changes nothing", async () => {
    const agency = await makeAgency();
    const supervisor = await signInAs(await makeUser(agency.id, "SUPERVISOR"));
    await expect(inviteUser(supervisor, invitation(), ctx())).rejects.toBeInstanceOf(ForbiddenError);
    const response = await call(invitePost, {}, "/api/admin/users", {
      method: "POST", cookie: await sessionCookie(supervisor.sessionId),
      headers: { "content-type": "application/json" }, body: JSON.stringify(invitation()),
    });
    expect(response.status).toBe(403);
    expect(await db().user.count({ where: { email: "dana.example@agency.org" } })).toBe(0);
    expect((await events("access.refused")).map((e) => e.details)).toEqual([{ reason: "forbidden", route: "POST /api/admin/users" }]);
  });

  it("answers bad input with 4xx and a clear message, changing nothing", async () => {
    const { admin } = await agencyWithAdmin();
    const cookie = await sessionCookie(admin.sessionId);
    const send = (body: unknown) =>
      call(invitePost, {}, "/api/admin/users", { method: "POST", cookie, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const before = await userCount();
    const noRole = await send(invitation({ roles: [] }));
    expect(noRole.status).toBe(422);
    expect((await noRole.json()).fieldErrors).toEqual({ roles: "Choose at least one role" });
    expect((await send(invitation({ roles: ["ROOT"] }))).status).toBe(422);
    expect((await (await send(invitation({ email: "not an address" }))).json()).fieldErrors.email).toMatch(/e-mail address/);
    expect((await (await send(invitation({ name: "Dana\u0000" }))).json()).fieldErrors.name).toMatch(/control character/);
    expect((await send(invitation({ teamId: "00000000-0000-4000-8000-000000000000" }))).status).toBe(422);
    expect((await send({ ...invitation(), isAdmin: true })).status).toBe(400);
    expect(await userCount()).toBe(before);
    await expect(inviteUser(admin, { ...invitation(), extra: 1 }, ctx())).rejects.toBeInstanceOf(BadRequestError);
  });

  it("sends a new invitation to someone who has not accepted, and the old link stops working", async () => {
    const { admin } = await agencyWithAdmin();
    const first = await inviteUser(admin, invitation(), ctx());
    if (first.delivery !== "shown") throw new Error("expected a link");
    const again = await resendInvitation(admin, first.userId, ctx());
    if (again.delivery !== "shown") throw new Error("expected a link");
    const usable = (link: string) => db().$transaction((tx) => findUsableToken(tx, link.split("#")[1], "INVITATION", new Date()));
    expect(await usable(first.link)).toMatchObject({ ok: false, problem: "revoked" });
    expect((await usable(again.link)).ok).toBe(true);
    expect((await events("user.invitation_resent")).map((e) => e.details)).toEqual([{ delivery: "shown" }]);
    // Someone who has a password has accepted: a resend is refused and recorded.
    const accepted = await makeUser(admin.agency.id, "CASEWORKER");
    await expect(resendInvitation(admin, accepted.id, ctx())).rejects.toMatchObject({ message: expect.stringMatching(/already accepted/) });
    expect((await events("user.change_refused")).map((e) => e.details)).toEqual([{ change: "resend-invitation", reason: "not-invited" }]);
  });
});

describe("update-user", () => {
  it("changes name, e-mail, roles, team and on-call, audited with only what changed before and after", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const person = await makeUser(agency.id, "CASEWORKER");
    const team = await db().team.create({ data: { agencyId: agency.id, name: "Intake team" } });
    const values = { name: "Renamed Person", email: "NEW@example.org", roles: ["CASEWORKER", "SUPERVISOR"], teamId: team.id, onCall: true };
    expect(await updateUser(admin, person.id, values, ctx())).toEqual({ changed: true });
    expect(await db().user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ ...values, email: "new@example.org" });
    const [event] = await events("user.updated");
    expect(event!.details).toEqual({
      before: { name: person.name, email: person.email, roles: ["CASEWORKER"], teamId: null, onCall: false },
      after: { name: "Renamed Person", email: "new@example.org", roles: ["CASEWORKER", "SUPERVISOR"], teamId: team.id, onCall: true },
    });
    // The same form sent again changes and records nothing.
    expect(await updateUser(admin, person.id, values, ctx())).toEqual({ changed: false });
    expect(await events("user.updated")).toHaveLength(1);
  });

  it("takes a changed role into effect on the person's next request", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const person = await makeUser(agency.id, "CASEWORKER");
    const session = await signInAs(person);
    await updateUser(admin, person.id, { name: person.name, email: person.email, roles: ["SUPERVISOR"], teamId: "", onCall: false }, ctx());
    expect((await resolveSession(session.sessionId, ctx())).roles).toEqual(["SUPERVISOR"]);
  });

  it("refuses removing ADMIN from the agency's last active admin (422, audited), and allows it when another remains", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const self = await db().user.findUniqueOrThrow({ where: { id: admin.userId } });
    const demote = { name: self.name, email: self.email, roles: ["SUPERVISOR"], teamId: "", onCall: false };
    await expect(updateUser(admin, admin.userId, demote, ctx())).rejects.toMatchObject({ fieldErrors: { roles: expect.stringMatching(/last active admin/) } });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.userId } })).roles).toEqual(["ADMIN"]);
    expect((await events("user.change_refused")).map((e) => e.details)).toEqual([{ change: "update", reason: "last-admin" }]);
    await makeUser(agency.id, "ADMIN");
    expect(await updateUser(admin, admin.userId, demote, ctx())).toEqual({ changed: true });
  });

  it("refuses an e-mail address another account has", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const person = await makeUser(agency.id, "CASEWORKER");
    const other = await makeUser((await makeAgency()).id, "CASEWORKER");
    await expect(updateUser(admin, person.id, { name: "x", email: other.email, roles: ["CASEWORKER"], teamId: "", onCall: false }, ctx())).rejects.toMatchObject({
      fieldErrors: { email: expect.stringMatching(/already in use/) },
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).email).toBe(person.email);
  });

  it("does not find another agency's user (404 through the route, audited) and changes nothing", async () => {
    const { admin } = await agencyWithAdmin();
    const stranger = await makeUser((await makeAgency()).id, "CASEWORKER");
    const body = { name: "Taken Over", email: stranger.email, roles: ["ADMIN"], teamId: "", onCall: false };
    await expect(updateUser(admin, stranger.id, body, ctx())).rejects.toBeInstanceOf(NotFoundError);
    const response = await call(updatePatch, { userId: stranger.id }, `/api/admin/users/${stranger.id}`, {
      method: "PATCH", cookie: await sessionCookie(admin.sessionId), headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    });
    expect(response.status).toBe(404);
    expect(await db().user.findUniqueOrThrow({ where: { id: stranger.id } })).toMatchObject({ name: stranger.name, roles: ["CASEWORKER"] });
    expect((await events("access.refused")).map((e) => e.details)).toEqual([{ reason: "not-found", route: "PATCH /api/admin/users/:id" }]);
    await expect(getAgencyUser(admin, stranger.id, ctx())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("deactivate-user and reactivate-user", () => {
  it("ends every session of the person at once, revokes their links, and lists their open episodes", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const person = await makeUser(agency.id, "CASEWORKER");
    const first = await signInAs(person);
    const second = await signInAs(person);
    const invited = await inviteUser(admin, invitation(), ctx());
    await sendPasswordReset(admin, person.id, ctx());
    await openEpisodeOf(agency.id, person.id);
    expect(await deactivateUser(admin, person.id, ctx())).toEqual({ deactivated: true, openEpisodes: 1 });
    for (const session of [first, second]) {
      await expect(resolveSession(session.sessionId, ctx())).rejects.toBeInstanceOf(UnauthenticatedError);
    }
    expect(await db().userSession.count({ where: { userId: person.id, endedAt: null } })).toBe(0);
    expect(await db().accountToken.count({ where: { userId: person.id, revokedAt: null } })).toBe(0);
    expect(await db().user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ active: false, deactivatedAt: expect.any(Date) });
    expect((await events("user.deactivated")).map((e) => e.details)).toEqual([{ sessionsEnded: 2, linksRevoked: 1, openEpisodes: 1 }]);
    expect((await getAgencyUser(admin, person.id, ctx())).openEpisodes).toHaveLength(1);
    expect(invited.userId).not.toBe(person.id);

    expect(await reactivateUser(admin, person.id, ctx())).toEqual({ reactivated: true });
    expect(await db().user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ active: true, deactivatedAt: null });
    expect(await events("user.reactivated")).toHaveLength(1);
  });

  it("refuses deactivating yourself (422 with a clear message, audited), changing nothing", async () => {
    const { admin } = await agencyWithAdmin();
    const response = await call(deactivatePost, { userId: admin.userId }, `/api/admin/users/${admin.userId}/deactivate`, {
      method: "POST", cookie: await sessionCookie(admin.sessionId),
    });
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatch(/your own account/);
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.userId } })).active).toBe(true);
    expect((await events("user.change_refused")).map((e) => e.details)).toEqual([{ change: "deactivate", reason: "self" }]);
    expect(await events("user.deactivated")).toEqual([]);
  });

  it("refuses deactivating the agency's last active admin, whoever asks (a deactivated admin does not count)", async () => {
    const agency = await makeAgency();
    const last = await makeUser(agency.id, "ADMIN");
    await makeUser(agency.id, "ADMIN", { active: false });
    // An admin's actor as it was before they lost ADMIN in another tab: the rule, not the permission, refuses.
    const formerUser = await makeUser(agency.id, "ADMIN");
    const former = await signInAs(formerUser);
    await db().user.update({ where: { id: formerUser.id }, data: { roles: ["CASEWORKER"] } });
    await expect(deactivateUser(former, last.id, ctx())).rejects.toMatchObject({ message: expect.stringMatching(/last active admin/) });
    expect((await db().user.findUniqueOrThrow({ where: { id: last.id } })).active).toBe(true);
    expect((await events("user.change_refused")).map((e) => e.details)).toEqual([{ change: "deactivate", reason: "last-admin" }]);
    // With a second active admin, the first may go.
    const second = await signInAs(await makeUser(agency.id, "ADMIN"));
    expect(await deactivateUser(second, last.id, ctx())).toMatchObject({ deactivated: true });
  });
});

describe("password and second factor", () => {
  it("require-new-password ends every session and marks the account", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const person = await makeUser(agency.id, "CASEWORKER");
    const session = await signInAs(person);
    expect(await requireNewPassword(admin, person.id, ctx())).toEqual({ sessionsEnded: 1 });
    await expect(resolveSession(session.sessionId, ctx())).rejects.toBeDefined();
    expect((await db().user.findUniqueOrThrow({ where: { id: person.id } })).passwordChangeRequired).toBe(true);
    expect((await events("user.password_change_required")).map((e) => e.details)).toEqual([{ sessionsEnded: 1 }]);
  });

  it("send-password-reset issues a single-use reset link shown once when e-mail is off", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const person = await makeUser(agency.id, "CASEWORKER");
    const sent = await sendPasswordReset(admin, person.id, ctx());
    if (sent.delivery !== "shown") throw new Error("expected a link");
    expect(sent.link).toMatch(/\/reset-password#/);
    expect((await db().$transaction((tx) => findUsableToken(tx, sent.link.split("#")[1], "PASSWORD_RESET", new Date()))).ok).toBe(true);
    expect((await events("user.password_reset_sent")).map((e) => e.details)).toEqual([{ delivery: "shown" }]);
    const stranger = await makeUser((await makeAgency()).id, "CASEWORKER");
    await expect(sendPasswordReset(admin, stranger.id, ctx())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reset-second-factor clears the factor and recovery codes, ends sessions and tells the person; no secret is audited", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const person = await makeUser(agency.id, "CASEWORKER");
    const session = await signInAs(person);
    await db().user.update({ where: { id: person.id }, data: { totpSecret: "encrypted-secret-value", totpEnabledAt: new Date(), totpLastStep: 123n } });
    await db().recoveryCode.createMany({ data: [1, 2, 3].map((n) => ({ userId: person.id, codeHash: `hash-${n}` })) });
    expect(await resetSecondFactor(admin, person.id, ctx())).toEqual({ sessionsEnded: 1, recoveryCodesDeleted: 3 });
    expect(await db().user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db().recoveryCode.count({ where: { userId: person.id } })).toBe(0);
    await expect(resolveSession(session.sessionId, ctx())).rejects.toBeDefined();
    expect(await db().notification.findMany({ where: { userId: person.id }, select: { kind: true } })).toEqual([{ kind: "second_factor.reset" }]);
    const trail = JSON.stringify(await db().auditEvent.findMany({ select: { details: true } }));
    expect(trail).not.toContain("encrypted-secret-value");
    expect(trail).not.toContain("hash-1");
  });
});

async function openEpisodeOf(agencyId: string, caseworkerId: string) {
  const child = await db().child.create({
    data: { agencyId, firstName: "Robin", lastName: "Tester", dateOfBirth: new Date("2012-03-04"), agencyCaseNumber: "C-1", underAgencyGuardianship: true, profile: {} },
  });
  return db().episode.create({ data: { agencyId, childId: child.id, caseworkerId }, select: { id: true } });
}

describe("reassign-episodes", () => {
  it("moves the chosen open episodes to another active caseworker, audited per episode", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const leaver = await makeUser(agency.id, "CASEWORKER");
    const taker = await makeUser(agency.id, "CASEWORKER");
    const [a, b] = [await openEpisodeOf(agency.id, leaver.id), await openEpisodeOf(agency.id, leaver.id)];
    await deactivateUser(admin, leaver.id, ctx());
    expect(await reassignEpisodes(admin, leaver.id, { episodeIds: [a.id, b.id], toUserId: taker.id }, ctx())).toEqual({ reassigned: 2 });
    expect(await db().episode.count({ where: { caseworkerId: taker.id } })).toBe(2);
    expect((await events("episode.reassigned")).map((e) => [e.targetId, e.details])).toEqual([
      [a.id, { fromUserId: leaver.id, toUserId: taker.id }],
      [b.id, { fromUserId: leaver.id, toUserId: taker.id }],
    ]);
  });

  it("moves the clocks not yet met to the new caseworker's figures, and leaves those the leaver met with them", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const leaver = await makeUser(agency.id, "CASEWORKER");
    const taker = await makeUser(agency.id, "CASEWORKER");
    // Reported to law enforcement, NCMEC not told yet: one clock met and one running.
    const { episodeId } = await startEpisode(await signInAs(leaver), { newChild: { firstName: "Robin", lastName: "Tester", dateOfBirth: "2012-03-04", agencyCaseNumber: "C-9", underAgencyGuardianship: "yes" } }, ctx());
    const steps = completeSteps(new Date());
    for (const step of ORDERED_STEPS.slice(0, ORDERED_STEPS.indexOf("law-enforcement") + 1)) {
      await saveEpisodeStep(await signInAs(leaver), { episodeId, step, version: await episodeVersion(episodeId), values: steps[step] }, ctx());
    }
    await deactivateUser(admin, leaver.id, ctx());
    await reassignEpisodes(admin, leaver.id, { episodeIds: [episodeId], toUserId: taker.id }, ctx());
    const clocks = await db().episodeClock.findMany({ where: { episodeId }, select: { kind: true, doneAt: true, creditedCaseworkerId: true } });
    const met = clocks.filter((clock) => clock.doneAt);
    const running = clocks.filter((clock) => !clock.doneAt);
    expect(met.length).toBeGreaterThan(0);
    expect(running.length).toBeGreaterThan(0);
    expect(met.map((clock) => [clock.kind, clock.creditedCaseworkerId])).toEqual(met.map((clock) => [clock.kind, leaver.id]));
    expect(running.map((clock) => [clock.kind, clock.creditedCaseworkerId])).toEqual(running.map((clock) => [clock.kind, taker.id]));
  });

  it("refuses a target who is not an active caseworker of the agency, or episodes that are not the person's", async () => {
    const { agency, admin } = await agencyWithAdmin();
    const leaver = await makeUser(agency.id, "CASEWORKER");
    const episode = await openEpisodeOf(agency.id, leaver.id);
    const supervisor = await makeUser(agency.id, "SUPERVISOR");
    const inactive = await makeUser(agency.id, "CASEWORKER", { active: false });
    const elsewhere = await makeUser((await makeAgency()).id, "CASEWORKER");
    for (const toUserId of [supervisor.id, inactive.id, elsewhere.id, leaver.id]) {
      await expect(reassignEpisodes(admin, leaver.id, { episodeIds: [episode.id], toUserId }, ctx())).rejects.toMatchObject({ fieldErrors: { toUserId: expect.any(String) } });
    }
    const taker = await makeUser(agency.id, "CASEWORKER");
    const notHis = await openEpisodeOf(agency.id, taker.id);
    await expect(reassignEpisodes(admin, leaver.id, { episodeIds: [episode.id, notHis.id], toUserId: taker.id }, ctx())).rejects.toBeInstanceOf(ValidationError);
    expect((await db().episode.findUniqueOrThrow({ where: { id: episode.id } })).caseworkerId).toBe(leaver.id);
    expect(await events("episode.reassigned")).toEqual([]);
  });
});
