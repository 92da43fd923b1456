/** How long a signed-in browser stays signed in. Pure: `now` is passed in. */
export const SESSION_IDLE_LIMIT_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_LIMIT_MS = 12 * 60 * 60 * 1000;

export type SessionVerdict = "active" | "idle" | "expired" | "ended";

export function judgeSession(
  session: { createdAt: Date; lastSeenAt: Date; endedAt: Date | null },
  now: Date,
): SessionVerdict {
  if (session.endedAt) return "ended";
  if (now.getTime() - session.createdAt.getTime() >= SESSION_ABSOLUTE_LIMIT_MS) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_LIMIT_MS) return "idle";
  return "active";
}

/** When a session that was just seen ends: at the idle limit from now, or the absolute limit, whichever is sooner to come. */
export function sessionDeadlines(session: { createdAt: Date; lastSeenAt: Date }): { idleAt: Date; absoluteAt: Date } {
  return { idleAt: new Date(session.lastSeenAt.getTime() + SESSION_IDLE_LIMIT_MS), absoluteAt: new Date(session.createdAt.getTime() + SESSION_ABSOLUTE_LIMIT_MS) };
}
