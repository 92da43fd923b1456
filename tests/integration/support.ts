import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/server/db";
import { hashPassword } from "@/server/auth/password";
import { signInWithPassword } from "@/server/auth/sign-in";
import { resolveSession } from "@/server/auth/sessions";
import { newTotpSecret, openTotpSecret, sealTotpSecret } from "@/server/auth/totp";
import { actorFrom, type Actor } from "@/server/authz/actor";
import type { Role } from "@/generated/prisma/client";
import { startEpisode } from "@/server/episodes/start-episode";
import { saveEpisodeStep } from "@/server/episodes/save-episode-step";
import { submitEpisode } from "@/server/episodes/submit-episode";
import { ORDERED_STEPS, completeSteps } from "../fixtures/episode-steps";

export const PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

/** Every test starts from empty tables (the audit trail too: TRUNCATE is not UPDATE or DELETE). */
export async function resetDatabase() {
  await db().$executeRawUnsafe(`TRUNCATE "AuditEvent", "AuditChainHead", "AuditCheckpoint", "RateLimitWindow", "UserSession", "User", "Agency", "DatabaseBackup", "DatabaseRestore", "LostAuditEvent" RESTART IDENTITY CASCADE`);
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

/** The episode's current version: what a page of it would send with a change. */
export async function episodeVersion(episodeId: string): Promise<number> {
  return (await db().episode.findUniqueOrThrow({ where: { id: episodeId }, select: { version: true } })).version;
}

/**
 * A child reported missing by the caseworker: every step saved from completeSteps(now) (the child
 * last seen a few hours before now), then submitted, unless `submit` is false. A new child each
 * time unless `childId` names one (a child who ran again).
 */
export async function reportedEpisode(
  caseworker: Actor,
  options: { now?: Date; submit?: boolean; childId?: string; overrides?: Parameters<typeof completeSteps>[1] } = {},
): Promise<{ episodeId: string; childId: string; steps: ReturnType<typeof completeSteps> }> {
  const context = () => ({ requestId: requestId() });
  const start = options.childId
    ? { childId: options.childId }
    : { newChild: { firstName: "Jordan", lastName: "Rivera", dateOfBirth: "2011-05-14", agencyCaseNumber: `DC-${randomUUID().slice(0, 6)}`, underAgencyGuardianship: "yes" } };
  const { episodeId } = await startEpisode(caseworker, start, context());
  const steps = completeSteps(options.now ?? new Date(), options.overrides);
  for (const step of ORDERED_STEPS) await saveEpisodeStep(caseworker, { episodeId, step, version: await episodeVersion(episodeId), values: steps[step] }, context());
  if (options.submit !== false) await submitEpisode(caseworker, { episodeId, version: await episodeVersion(episodeId) }, context());
  const { childId } = await db().episode.findUniqueOrThrow({ where: { id: episodeId }, select: { childId: true } });
  return { episodeId, childId, steps };
}

/**
 * An agency with two teams, for who may sign off and review: a caseworker in North, North's
 * supervisor, South's supervisor, one on the on-call list, a supervisor who also carries cases in
 * North (may decide on the team's episodes, never their own), an admin, and a supervisor of another
 * agency. Starts from an empty database.
 */
export async function supervisedAgency() {
  await resetDatabase();
  const agencyId = (await makeAgency("Demo County", "America/New_York")).id;
  const signedIn = async (roles: Role[]) => {
    const user = await makeUser(agencyId, roles[0]!);
    if (roles.length > 1) await db().user.update({ where: { id: user.id }, data: { roles } });
    return signInAs(user);
  };
  const people = {
    agencyId,
    caseworker: await signedIn(["CASEWORKER"]),
    teamSupervisor: await signedIn(["SUPERVISOR"]),
    otherTeamSupervisor: await signedIn(["SUPERVISOR"]),
    onCallSupervisor: await signedIn(["SUPERVISOR"]),
    supervisingCaseworker: await signedIn(["CASEWORKER", "SUPERVISOR"]),
    admin: await signedIn(["ADMIN"]),
    outsider: await signInAs(await makeUser((await makeAgency("Other County")).id, "SUPERVISOR")),
  };
  const north = await db().team.create({ data: { agencyId, name: "North" } });
  const south = await db().team.create({ data: { agencyId, name: "South" } });
  await db().user.updateMany({ where: { id: { in: [people.caseworker.userId, people.supervisingCaseworker.userId] } }, data: { teamId: north.id } });
  await db().teamSupervisor.createMany({
    data: [
      { teamId: north.id, userId: people.teamSupervisor.userId },
      { teamId: north.id, userId: people.supervisingCaseworker.userId },
      { teamId: south.id, userId: people.otherTeamSupervisor.userId },
    ],
  });
  await db().user.update({ where: { id: people.onCallSupervisor.userId }, data: { onCall: true } });
  return people;
}

/**
 * A refused change: `action` throws `error` (its message matching `message`), and what `snapshot`
 * reads of the records is the same after as before. Answers what was thrown.
 */
export async function expectRefusedUnchanged(snapshot: () => Promise<unknown>, action: () => Promise<unknown>, error: new (...args: never[]) => Error, message?: RegExp) {
  const before = await snapshot();
  const thrown = await action().catch((caught: unknown) => caught);
  expect(thrown).toBeInstanceOf(error);
  if (message) expect((thrown as Error).message).toMatch(message);
  expect(await snapshot()).toEqual(before);
  return thrown;
}

/**
 * Demo County (New York time) with a caseworker, a colleague, a supervisor and an admin, and
 * Neighbor County (Chicago time) with an outsider caseworker, all signed in.
 */
export async function makeTwoAgencies() {
  const agency = await makeAgency("Demo County", "America/New_York");
  const other = await makeAgency("Neighbor County", "America/Chicago");
  return {
    caseworker: await signInAs(await makeUser(agency.id, "CASEWORKER")),
    colleague: await signInAs(await makeUser(agency.id, "CASEWORKER")),
    supervisor: await signInAs(await makeUser(agency.id, "SUPERVISOR")),
    admin: await signInAs(await makeUser(agency.id, "ADMIN")),
    outsider: await signInAs(await makeUser(other.id, "CASEWORKER")),
  };
}
