// The daily job that deactivates accounts unused for 90 days, against a real PostgreSQL.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { hashTokenSecret } from "@/server/accounts/account-tokens";
import { deactivateUnusedAccounts } from "@/server/jobs/handlers/deactivate-unused-accounts";
import type { Role } from "@/generated/prisma/client";
import { makeAgency, requestId, resetDatabase } from "./support";

// Notices are also e-mailed when SMTP is configured: the outbox shows it (nothing is sent here).
process.env.SMTP_URL ??= "smtp://127.0.0.1:2525";

const NOW = new Date("2026-12-04T03:17:00.000Z");
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function person(agencyId: string, roles: Role[], used: { lastSignInAt?: Date | null; createdAt?: Date }) {
  return db().user.create({
    data: {
      agencyId,
      roles,
      email: `${roles[0]!.toLowerCase()}-${randomUUID()}@example.org`,
      name: "Test person",
      lastSignInAt: used.lastSignInAt ?? null,
      createdAt: used.createdAt ?? ago(365),
    },
  });
}

async function openSession(userId: string) {
  return db().userSession.create({ data: { userId, createdAt: ago(91), lastSeenAt: ago(91) } });
}

async function unusedLink(agencyId: string, userId: string, createdAt: Date) {
  return db().accountToken.create({
    data: { agencyId, userId, purpose: "INVITATION", tokenHash: hashTokenSecret(randomBytes(32).toString("base64url")), expiresAt: new Date(createdAt.getTime() + DAY), createdAt },
  });
}

const run = () => deactivateUnusedAccounts({ requestId: requestId(), now: NOW });

beforeEach(async () => {
  await resetDatabase();
  await db().$executeRawUnsafe(`TRUNCATE "OutboxEmail", "JobEffect"`);
});

describe("deactivating accounts unused for 90 days", () => {
  it("deactivates them, ends their sessions, revokes their links, audits it and tells the admins; a second run changes nothing", async () => {
    const agency = await makeAgency();
    const admin = await person(agency.id, ["ADMIN"], { lastSignInAt: ago(2) });
    const secondAdmin = await person(agency.id, ["SUPERVISOR", "ADMIN"], { lastSignInAt: ago(30) });
    const unused = await person(agency.id, ["CASEWORKER"], { lastSignInAt: ago(90) });
    const neverSignedIn = await person(agency.id, ["CASEWORKER"], { lastSignInAt: null, createdAt: ago(120) });
    const recentlyInvited = await person(agency.id, ["CASEWORKER"], { lastSignInAt: null, createdAt: ago(120) });
    const inUse = await person(agency.id, ["SUPERVISOR"], { lastSignInAt: ago(89) });
    const session = await openSession(unused.id);
    const oldLink = await unusedLink(agency.id, neverSignedIn.id, ago(120));
    await unusedLink(agency.id, recentlyInvited.id, ago(5));

    expect(await run()).toEqual({ deactivated: 2 });

    const users = await db().user.findMany({ where: { agencyId: agency.id }, select: { id: true, active: true, deactivatedAt: true } });
    const state = Object.fromEntries(users.map((u) => [u.id, u.active]));
    expect(state).toEqual({ [admin.id]: true, [secondAdmin.id]: true, [unused.id]: false, [neverSignedIn.id]: false, [recentlyInvited.id]: true, [inUse.id]: true });
    expect(users.find((u) => u.id === unused.id)!.deactivatedAt).toEqual(NOW);

    expect(await db().userSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ endedAt: NOW, endReason: "DEACTIVATED" });
    expect((await db().accountToken.findUniqueOrThrow({ where: { id: oldLink.id } })).revokedAt).toEqual(NOW);

    const events = await db().auditEvent.findMany({ where: { action: "user.deactivated_unused" }, orderBy: { id: "asc" } });
    expect(events.map((e) => ({ actor: e.actorUserId, agency: e.agencyId, target: e.targetId, outcome: e.outcome }))).toEqual(
      expect.arrayContaining([
        { actor: null, agency: agency.id, target: unused.id, outcome: "SUCCESS" },
        { actor: null, agency: agency.id, target: neverSignedIn.id, outcome: "SUCCESS" },
      ]),
    );
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.targetId === unused.id)!.details).toEqual({ lastUsedAt: ago(90).toISOString(), sessionsEnded: 1 });

    // Each active admin is told of each account, in the app and by e-mail.
    const notices = await db().notification.findMany({ where: { kind: "account.deactivated_unused" } });
    expect(notices.map((n) => `${n.userId}:${(n.details as { userId: string }).userId}`).sort()).toEqual(
      [`${admin.id}:${unused.id}`, `${admin.id}:${neverSignedIn.id}`, `${secondAdmin.id}:${unused.id}`, `${secondAdmin.id}:${neverSignedIn.id}`].sort(),
    );
    expect(await db().outboxEmail.count()).toBe(4);

    // Run again (pg-boss may): nothing more happens.
    expect(await run()).toEqual({ deactivated: 0 });
    expect(await db().auditEvent.count({ where: { action: "user.deactivated_unused" } })).toBe(2);
    expect(await db().notification.count()).toBe(4);
    expect(await db().outboxEmail.count()).toBe(4);
  });

  it("has one effect when two runs race", async () => {
    const agency = await makeAgency();
    await person(agency.id, ["ADMIN"], { lastSignInAt: ago(1) });
    for (let i = 0; i < 3; i++) await person(agency.id, ["CASEWORKER"], { lastSignInAt: ago(100 + i) });
    const results = await Promise.all([run(), run()]);
    expect(results.map((r) => r.deactivated).sort()).toEqual([0, 3]);
    expect(await db().auditEvent.count({ where: { action: "user.deactivated_unused" } })).toBe(3);
    expect(await db().notification.count()).toBe(3);
  });

  it("never deactivates the agency's last active admin, who is told about the others", async () => {
    const agency = await makeAgency();
    const olderAdmin = await person(agency.id, ["ADMIN"], { lastSignInAt: ago(200) });
    const lastAdmin = await person(agency.id, ["ADMIN"], { lastSignInAt: ago(100) });
    const caseworker = await person(agency.id, ["CASEWORKER"], { lastSignInAt: ago(150) });

    expect(await run()).toEqual({ deactivated: 2 });
    const active = await db().user.findMany({ where: { agencyId: agency.id, active: true }, select: { id: true } });
    expect(active).toEqual([{ id: lastAdmin.id }]);
    const notices = await db().notification.findMany({ select: { userId: true, details: true } });
    expect(notices.map((n) => (n.details as { userId: string }).userId).sort()).toEqual([olderAdmin.id, caseworker.id].sort());
    expect(notices.every((n) => n.userId === lastAdmin.id)).toBe(true);

    // Every night after, the last admin stays.
    expect(await deactivateUnusedAccounts({ requestId: requestId(), now: new Date(NOW.getTime() + 400 * DAY) })).toEqual({ deactivated: 0 });
    expect(await db().user.count({ where: { agencyId: agency.id, active: true } })).toBe(1);
  });

  it("counts an account again from its reactivation, and deactivates it again 90 days later", async () => {
    const agency = await makeAgency();
    await person(agency.id, ["ADMIN"], { lastSignInAt: ago(1) });
    const caseworker = await person(agency.id, ["CASEWORKER"], { lastSignInAt: ago(100) });
    expect(await run()).toEqual({ deactivated: 1 });

    // An admin reactivates the account the next day (as src/server/users/reactivate-user.ts records it).
    const reactivatedAt = new Date(NOW.getTime() + DAY);
    await db().user.update({ where: { id: caseworker.id }, data: { active: true, deactivatedAt: null } });
    await db().auditEvent.create({
      data: { action: "user.reactivated", outcome: "SUCCESS", requestId: requestId(), agencyId: agency.id, targetType: "User", targetId: caseworker.id, details: {}, occurredAt: reactivatedAt },
    });
    const nightAfter = new Date(reactivatedAt.getTime() + DAY);
    expect(await deactivateUnusedAccounts({ requestId: requestId(), now: nightAfter })).toEqual({ deactivated: 0 });
    expect(await deactivateUnusedAccounts({ requestId: requestId(), now: new Date(reactivatedAt.getTime() + 90 * DAY) })).toEqual({ deactivated: 1 });
    expect(await db().auditEvent.count({ where: { action: "user.deactivated_unused", targetId: caseworker.id } })).toBe(2);
  });

  it("keeps agencies apart: an agency's admins hear only of their own people", async () => {
    const [a, b] = [await makeAgency(), await makeAgency()];
    const adminA = await person(a.id, ["ADMIN"], { lastSignInAt: ago(1) });
    const adminB = await person(b.id, ["ADMIN"], { lastSignInAt: ago(1) });
    const unusedB = await person(b.id, ["CASEWORKER"], { lastSignInAt: ago(120) });
    expect(await run()).toEqual({ deactivated: 1 });
    expect(await db().notification.count({ where: { userId: adminA.id } })).toBe(0);
    const [notice] = await db().notification.findMany({ where: { userId: adminB.id } });
    expect(notice).toMatchObject({ agencyId: b.id, details: { userId: unusedB.id } });
    expect((await db().auditEvent.findFirstOrThrow({ where: { action: "user.deactivated_unused" } })).agencyId).toBe(b.id);
  });
});
