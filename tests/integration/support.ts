import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import { hashPassword } from "@/server/auth/password";
import { signInWithPassword } from "@/server/auth/sign-in";
import { resolveSession } from "@/server/auth/sessions";
import { newTotpSecret, openTotpSecret, sealTotpSecret } from "@/server/auth/totp";
import { actorFrom, type Actor } from "@/server/authz/actor";
import type { Role } from "@/generated/prisma/client";

export const PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

/** Every test starts from empty tables (the audit trail too: TRUNCATE is not UPDATE or DELETE). */
export async function resetDatabase() {
  await db().$executeRawUnsafe(`TRUNCATE "AuditEvent", "AuditChainHead", "RateLimitWindow", "UserSession", "User", "Agency" RESTART IDENTITY CASCADE`);
}

export async function makeAgency(name = `Agency ${randomUUID().slice(0, 8)}`, timeZone = "America/New_York") {
  return db().agency.create({ data: { name, timeZone, state: "NY" } });
}

export async function makeUser(agencyId: string, role: Role, overrides: { active?: boolean } = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  return db().user.create({
    data: {
      agencyId,
      roles: [role],
      email: `${role.toLowerCase()}-${randomUUID()}@example.org`,
      name: `Test ${role.toLowerCase()}`,
      passwordHash: await passwordHash,
      active: overrides.active ?? true,
    },
  });
}

export const requestId = () => randomUUID();

/** Gives the person a second factor directly in the database (when they have none); answers its secret. */
export async function giveSecondFactor(user: { email: string }): Promise<string> {
  const row = await db().user.findUniqueOrThrow({ where: { email: user.email }, select: { id: true, totpSecret: true, totpEnabledAt: true } });
  if (row.totpSecret && row.totpEnabledAt) {
    return openTotpSecret(row.totpSecret, row.id)!;
  }
  const secret = newTotpSecret();
  await db().user.update({ where: { id: row.id }, data: { totpSecret: sealTotpSecret(secret, row.id), totpEnabledAt: new Date(), totpLastStep: null } });
  return secret;
}

/**
 * Signs in for real with the password and resolves the session as a page would. The second factor
 * (put in the database when the person has none) is taken as given: the code itself is tested in
 * sign-in-code.test.ts.
 */
export async function signInAs(user: { email: string }): Promise<Actor> {
  await giveSecondFactor(user);
  const result = await signInWithPassword({ email: user.email, password: PASSWORD }, { requestId: requestId() });
  if (!result.ok) throw new Error(`could not sign in ${user.email}`);
  await db().userSession.update({ where: { id: result.sessionId }, data: { secondFactorAt: new Date() } });
  return actorFrom(await resolveSession(result.sessionId, { requestId: requestId() }));
}

export async function auditActions(filter: { actorUserId?: string } = {}) {
  const events = await db().auditEvent.findMany({ where: filter, orderBy: { id: "asc" } });
  return events.map((e) => `${e.action}:${e.outcome}`);
}
