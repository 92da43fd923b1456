import "server-only";
import { db, type Tx } from "@/server/db";
import { isUuid } from "@/lib/uuid";
import { audit, type AuditWho } from "@/server/audit/audit";
import { judgeSession, sessionDeadlines, sessionUseToRecord } from "@/domain/session-policy";
import { mustHaveSecondFactor, signInStep, type SignInStep } from "@/domain/second-factor-policy";
import { SignInUnfinishedError, UnauthenticatedError } from "@/server/authz/errors";

export type SessionUser = {
  sessionId: string;
  userId: string;
  name: string;
  email: string;
  /** Every role the person holds, re-read from the database on each request. */
  roles: string[];
  agency: { id: string; name: string; timeZone: string };
  /** When this browser session ends unless used again (idle) and at the latest (absolute); scripts have none. */
  sessionEnds?: { idleAt: Date; absoluteAt: Date };
  /** The person's unread notices when the session was read (the header's count); scripts have none. */
  unreadNotifications?: number;
};

/** A session as the sign-in steps see it: what is left to do, and the facts that decide it. */
export type SignInSession = SessionUser & { step: SignInStep; hasSecondFactor: boolean; mustHaveSecondFactor: boolean };

const END_REASON = { idle: "IDLE", expired: "ABSOLUTE", inactive: "DEACTIVATED" } as const;

type StoredSession = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  secondFactorAt: Date | null;
  user: {
    id: string;
    name: string;
    email: string;
    roles: string[];
    active: boolean;
    passwordChangeRequired: boolean;
    totpEnabledAt: Date | null;
    agency: { id: string; name: string; timeZone: string; caseworkerSecondFactorOptional: boolean };
  };
  unreadNotifications: number;
};

type SessionRow = Omit<StoredSession, "user" | "unreadNotifications"> &
  Omit<StoredSession["user"], "id" | "agency"> & {
    userId: string;
    agencyId: string;
    agencyName: string;
    timeZone: string;
    caseworkerSecondFactorOptional: boolean;
    unreadNotifications: number;
  };

/**
 * The session, its person and their agency, and the person's unread notices (the header's count,
 * served by the index on (userId, readAt, createdAt)): one statement, read on every request.
 */
async function loadSession(sessionId: string): Promise<StoredSession | null> {
  if (!isUuid(sessionId)) return null;
  const [row] = await db().$queryRaw<SessionRow[]>`
    SELECT s."id"::text AS "id", s."createdAt", s."lastSeenAt", s."endedAt", s."secondFactorAt",
           u."id"::text AS "userId", u."name", u."email", u."roles"::text[] AS "roles", u."active",
           u."passwordChangeRequired", u."totpEnabledAt",
           a."id"::text AS "agencyId", a."name" AS "agencyName", a."timeZone", a."caseworkerSecondFactorOptional",
           (SELECT count(*)::int FROM "Notification" n
             WHERE n."userId" = u."id" AND n."agencyId" = u."agencyId" AND n."readAt" IS NULL) AS "unreadNotifications"
      FROM "UserSession" s JOIN "User" u ON u."id" = s."userId" JOIN "Agency" a ON a."id" = u."agencyId"
     WHERE s."id" = ${sessionId}::uuid`;
  if (!row) return null;
  const { userId, name, email, roles, active, passwordChangeRequired, totpEnabledAt, agencyId, agencyName, timeZone, caseworkerSecondFactorOptional, unreadNotifications, ...session } = row;
  return {
    ...session,
    user: {
      id: userId,
      name,
      email,
      roles,
      active,
      passwordChangeRequired,
      totpEnabledAt,
      agency: { id: agencyId, name: agencyName, timeZone, caseworkerSecondFactorOptional },
    },
    unreadNotifications,
  };
}

/** Why the session no longer lets its person in, or null while it does. */
function problemOf(session: StoredSession, now: Date): "ended" | "idle" | "expired" | "inactive" | null {
  const verdict = judgeSession(session, now);
  if (verdict !== "active") return verdict;
  return session.user.active ? null : "inactive";
}

/**
 * What a request tells the session resolver besides who: `markSeen: false` for a request the
 * browser makes on its own while nobody uses it (the session warning's checks and its last drafts,
 * see src/app/api/session/unattended): it is not activity, so the idle limit keeps running.
 */
type ResolveContext = { requestId: string; now?: Date; markSeen?: boolean };

/**
 * Loads the session and its user from the database on every call: a deactivated user, a changed
 * role or an ended session takes effect on the very next request. Marks the session as seen
 * (unless `markSeen` is false), writing it at most once a minute (sessionUseToRecord); the
 * deadlines it answers count from the use as recorded, so the browser's warning never comes late.
 * Answers every session that still lets its person in, with the sign-in step it is at.
 */
export async function resolveSignInSession(sessionId: string, context: ResolveContext): Promise<SignInSession> {
  const now = context.now ?? new Date();
  const session = await loadSession(sessionId);
  if (!session) throw new UnauthenticatedError("none");

  const problem = problemOf(session, now);
  if (problem === "ended") throw new UnauthenticatedError("ended");
  if (problem) {
    await endSession(session.id, END_REASON[problem], { requestId: context.requestId, now });
    throw new UnauthenticatedError(problem);
  }

  const recordUse = (context.markSeen ?? true) && sessionUseToRecord(session.lastSeenAt, now);
  if (recordUse) await db().userSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  const { user } = session;
  const { caseworkerSecondFactorOptional, ...agency } = user.agency;
  const hasSecondFactor = user.totpEnabledAt !== null;
  const mustHave = mustHaveSecondFactor(user, { caseworkerSecondFactorOptional });
  return {
    sessionId: session.id,
    userId: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles,
    agency,
    sessionEnds: sessionDeadlines({ createdAt: session.createdAt, lastSeenAt: recordUse ? now : session.lastSeenAt }),
    unreadNotifications: session.unreadNotifications,
    hasSecondFactor,
    mustHaveSecondFactor: mustHave,
    step: signInStep({
      secondFactorGiven: session.secondFactorAt !== null,
      hasSecondFactor,
      mustHaveSecondFactor: mustHave,
      passwordChangeRequired: user.passwordChangeRequired,
    }),
  };
}

/**
 * The signed-in person of a session that has finished signing in. A half-signed session (the
 * password given, the second factor's code not yet) or one that must first choose a new password
 * or set up a second factor reaches nothing else: it gets SignInUnfinishedError.
 */
export async function resolveSession(sessionId: string, context: ResolveContext): Promise<SessionUser> {
  const { step, hasSecondFactor: _has, mustHaveSecondFactor: _must, ...user } = await resolveSignInSession(sessionId, context);
  if (step !== "done") throw new SignInUnfinishedError(step);
  return user;
}

/**
 * Whether the session still lets its person in, by the same rules, without marking it as seen:
 * the browser asking whether it is signed in is not activity.
 */
export async function isSessionOpen(sessionId: string, now = new Date()): Promise<boolean> {
  const session = await loadSession(sessionId);
  return session !== null && problemOf(session, now) === null;
}

/** Why a session ended, as recorded (null while it is open, or when there is no such session). */
export async function sessionEndReason(sessionId: string): Promise<string | null> {
  const session = await db().userSession.findUnique({ where: { id: sessionId }, select: { endReason: true } });
  return session?.endReason ?? null;
}

/** Ends a session once (a second call changes nothing) and records why. */
export async function endSession(
  sessionId: string,
  reason: "SIGN_OUT" | "IDLE" | "ABSOLUTE" | "DEACTIVATED",
  context: { requestId: string; now?: Date },
): Promise<void> {
  const now = context.now ?? new Date();
  await db().$transaction(async (tx) => {
    const ended = await tx.userSession.updateManyAndReturn({
      where: { id: sessionId, endedAt: null },
      data: { endedAt: now, endReason: reason },
      select: { userId: true, user: { select: { agencyId: true } } },
    });
    const row = ended[0];
    if (!row) return;
    const who = { requestId: context.requestId, userId: row.userId, agencyId: row.user.agencyId };
    const target = { type: "UserSession", id: sessionId } as const;
    if (reason === "SIGN_OUT") await audit(tx, who, "auth.sign_out", { target, details: { reason } });
    else await audit(tx, who, "auth.session_ended", { target, details: { reason } });
  });
}

/** Why a person's own step ended their other sessions; recorded as account.sessions_ended. */
export type SessionsEndReason = "PASSWORD_CHANGED" | "PASSWORD_RESET" | "ENDED_BY_USER" | "SECOND_FACTOR_RESET";
/** Why an admin's change ended a person's sessions; the change's own audit event records how many. */
export type AdminSessionsEndReason = "DEACTIVATED" | "PASSWORD_CHANGE_REQUIRED" | "SECOND_FACTOR_RESET";

type SessionsToEnd = { userId: string; except?: string; now: Date };

/**
 * Ends every open session of a person (but `except`, the one they are using) in the caller's
 * transaction: their next request finds the session ended. Answers how many ended, and audits that
 * number once, unless `who` is null: then an admin's change records it in its own event.
 */
export async function endSessionsOf(
  tx: Tx,
  ...[who, input]: [who: AuditWho, input: SessionsToEnd & { reason: SessionsEndReason }] | [who: null, input: SessionsToEnd & { reason: AdminSessionsEndReason }]
): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: { userId: input.userId, endedAt: null, ...(input.except ? { id: { not: input.except } } : {}) },
    data: { endedAt: input.now, endReason: input.reason },
  });
  if (who !== null) {
    await audit(tx, who, "account.sessions_ended", { target: { type: "User", id: input.userId }, details: { reason: input.reason, count } });
  }
  return count;
}

/** Marks the session as having given its second factor (a code, a recovery code, or a factor just set up). */
export async function markSecondFactorGiven(tx: Tx, sessionId: string, now: Date): Promise<void> {
  await tx.userSession.update({ where: { id: sessionId }, data: { secondFactorAt: now } });
}
