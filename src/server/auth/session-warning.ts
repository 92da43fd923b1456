import "server-only";
import { actorFrom, type Actor } from "@/server/authz/guard";
import { UnauthenticatedError } from "@/server/authz/errors";
import { saveEpisodeDraft } from "@/server/episodes/save-episode-draft";
import { resolveSession, sessionEndReason } from "./sessions";

/**
 * The server's side of the warning before a session ends (issue 13, decision 003): staying signed
 * in, and the requests the browser makes on its own while nobody uses it, which must not keep the
 * session alive. Renewals are not audited: every request renews its session unaudited (sessions.ts);
 * the end of a session is audited when it ends (auth.session_ended with its reason).
 */

/** What is left of a session, in milliseconds from the server's now: the browser's clock may differ. */
export type SessionTimeLeft = { idleLeftMs: number; absoluteLeftMs: number };

function timeLeft(actor: Actor, now: Date): SessionTimeLeft {
  // Only scripts act without a browser session; none of them reaches these routes.
  if (!actor.sessionEnds) throw new UnauthenticatedError("none");
  return {
    idleLeftMs: Math.max(0, actor.sessionEnds.idleAt.getTime() - now.getTime()),
    absoluteLeftMs: Math.max(0, actor.sessionEnds.absoluteAt.getTime() - now.getTime()),
  };
}

/**
 * "Stay signed in": the session is checked again by the same rules as any request (an ended, idle,
 * expired or deactivated one is refused with UnauthenticatedError) and marked as seen now, which
 * moves its idle limit; the absolute limit never moves. Any signed-in person may stay signed in:
 * no role is needed.
 */
export async function renewSession(actor: Actor, context: { requestId: string; now?: Date }): Promise<SessionTimeLeft> {
  const now = context.now ?? new Date();
  const renewed = actorFrom(await resolveSession(actor.sessionId, { requestId: context.requestId, now }));
  return timeLeft(renewed, now);
}

/**
 * The person of a session, for a request the browser made on its own (nobody touched the page):
 * checked by the same rules as any request, and an idle or expired session is ended with its
 * reason, but the session is not marked as seen, so the idle limit keeps running.
 */
export async function unattendedActor(sessionId: string, context: { requestId: string; now?: Date }): Promise<Actor> {
  return actorFrom(await resolveSession(sessionId, { ...context, markSeen: false }));
}

/** A step's unsaved answers, as the wizard's autosave sends them (see saveEpisodeDraft). */
export type UnattendedDraft = { episodeId: string; step: string; baseVersion: number; values: unknown };

/**
 * Keeps the drafts the browser sends as the session is about to end, without renewing it, and
 * answers what is left of the session. They are kept in order, by the same use case and rules as
 * the autosave (the actor's agency, the step's fields); the first refusal answers for the request.
 */
export async function keepUnattendedDrafts(actor: Actor, drafts: UnattendedDraft[], context: { now?: Date } = {}): Promise<SessionTimeLeft> {
  for (const draft of drafts) await saveEpisodeDraft(actor, draft);
  return timeLeft(actor, context.now ?? new Date());
}

/**
 * Why a refused session no longer lets its person in, as the sign-in page says it: "idle" (30
 * minutes without activity), "expired" (12 hours after signing in) or "ended" (anything else:
 * signed out, deactivated, ended by a password change). A session ended earlier by another tab's
 * request keeps the reason recorded then.
 */
export async function signedOutReason(sessionId: string | null, error: UnauthenticatedError): Promise<"idle" | "expired" | "ended"> {
  if (error.reason === "idle" || error.reason === "expired") return error.reason;
  if (sessionId && error.reason === "ended") {
    const recorded = await sessionEndReason(sessionId);
    if (recorded === "IDLE") return "idle";
    if (recorded === "ABSOLUTE") return "expired";
  }
  return "ended";
}
