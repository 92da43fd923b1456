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

/**
 * A session's last use is written at most once a minute: writing it on every page view made every
 * read a write. The idle limit is then counted from a last use up to a minute old, so a session may
 * end up to a minute sooner than 30 minutes after the very last request: never later.
 */
export const SESSION_SEEN_WRITE_INTERVAL_MS = 60 * 1000;

/** Whether a request at `now` should record the session's use (its last recorded use is a minute old or more). */
export function sessionUseToRecord(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_SEEN_WRITE_INTERVAL_MS;
}

/** When a session that was just seen ends: at the idle limit from now, or the absolute limit, whichever is sooner to come. */
export function sessionDeadlines(session: { createdAt: Date; lastSeenAt: Date }): { idleAt: Date; absoluteAt: Date } {
  return { idleAt: new Date(session.lastSeenAt.getTime() + SESSION_IDLE_LIMIT_MS), absoluteAt: new Date(session.createdAt.getTime() + SESSION_ABSOLUTE_LIMIT_MS) };
}

/** A warning is due this long before the session ends (WCAG 2.2.1: time to ask for more). */
export const SESSION_WARNING_LEAD_MS = 2 * 60 * 1000;

/**
 * Which warning the signed-in person should see now: "idle-soon" (staying signed in moves the end),
 * "absolute-soon" (the 12-hour limit, which nothing moves; it wins once it is near, since staying
 * signed in could not take the session past it) or "none".
 */
export type SessionWarning = "none" | "idle-soon" | "absolute-soon";

export function sessionWarningDue(deadlines: { idleAt: Date; absoluteAt: Date }, now: Date): SessionWarning {
  if (now.getTime() >= deadlines.absoluteAt.getTime() - SESSION_WARNING_LEAD_MS) return "absolute-soon";
  if (now.getTime() >= deadlines.idleAt.getTime() - SESSION_WARNING_LEAD_MS) return "idle-soon";
  return "none";
}

/** When the session ends unless used again: the sooner of its two deadlines. */
export function sessionEndOf(deadlines: { idleAt: Date; absoluteAt: Date }): Date {
  return new Date(Math.min(deadlines.idleAt.getTime(), deadlines.absoluteAt.getTime()));
}

/** When the next warning becomes due (it may already be). */
export function sessionWarningAt(deadlines: { idleAt: Date; absoluteAt: Date }): Date {
  return new Date(sessionEndOf(deadlines).getTime() - SESSION_WARNING_LEAD_MS);
}

/** How soon the session ends, in words: "in 2 minutes", "in 1 minute", "in less than a minute", "now". */
export function timeLeftInWords(leftMs: number): string {
  if (leftMs <= 0) return "now";
  const minutes = Math.round(leftMs / 60_000);
  if (minutes < 1) return "in less than a minute";
  return minutes === 1 ? "in 1 minute" : `in ${minutes} minutes`;
}
