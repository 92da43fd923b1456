import "server-only";
import { db } from "@/server/db";
import { audit } from "@/server/audit/audit";
import { judgeSession, sessionDeadlines } from "@/domain/session-policy";
import { UnauthenticatedError } from "@/server/authz/errors";

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
};

const END_REASON = { idle: "IDLE", expired: "ABSOLUTE", inactive: "DEACTIVATED" } as const;

const SESSION_SELECT = {
  id: true,
  createdAt: true,
  lastSeenAt: true,
  endedAt: true,
  user: {
    select: {
      id: true,
      name: true,
      email: true,
      roles: true,
      active: true,
      agency: { select: { id: true, name: true, timeZone: true } },
    },
  },
} as const;

type StoredSession = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

function loadSession(sessionId: string) {
  return db().userSession.findUnique({ where: { id: sessionId }, select: SESSION_SELECT });
}

/** Why the session no longer lets its person in, or null while it does. */
function problemOf(session: StoredSession, now: Date): "ended" | "idle" | "expired" | "inactive" | null {
  const verdict = judgeSession(session, now);
  if (verdict !== "active") return verdict;
  return session.user.active ? null : "inactive";
}

/**
 * Loads the session and its user from the database on every call: a deactivated user, a changed
 * role or an ended session takes effect on the very next request. Marks the session as seen.
 */
export async function resolveSession(sessionId: string, context: { requestId: string; now?: Date }): Promise<SessionUser> {
  const now = context.now ?? new Date();
  const session = await loadSession(sessionId);
  if (!session) throw new UnauthenticatedError("none");

  const problem = problemOf(session, now);
  if (problem === "ended") throw new UnauthenticatedError("ended");
  if (problem) {
    await endSession(session.id, END_REASON[problem], { requestId: context.requestId, now });
    throw new UnauthenticatedError(problem);
  }

  await db().userSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  const { user } = session;
  return {
    sessionId: session.id,
    userId: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles,
    agency: user.agency,
    sessionEnds: sessionDeadlines({ createdAt: session.createdAt, lastSeenAt: now }),
  };
}

/**
 * Whether the session still lets its person in, by the same rules, without marking it as seen:
 * the browser asking whether it is signed in is not activity.
 */
export async function isSessionOpen(sessionId: string, now = new Date()): Promise<boolean> {
  const session = await loadSession(sessionId);
  return session !== null && problemOf(session, now) === null;
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
