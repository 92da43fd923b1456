import { SESSION_IDLE_LIMIT_MS } from "@/domain/session-policy";
import { forgetAllLocalCopies, keepLocalCopiesUntil, localCopy, unsentLocalCopies } from "@/features/wizard/local-copy";
import { sendDraft, type DraftSendOutcome } from "@/features/wizard/save-step";

/**
 * What this tab knows of when its session ends, so that nothing of a child outlives the session on
 * this device (issue 9). The server decides (src/domain/session-policy.ts); the browser follows,
 * in its own clock, from the signed-in shell's render and each request the server accepted. A
 * contact it does not see only makes it end its copies earlier; the server's drafts remain.
 */

/**
 * Local copies end this long before the session would: it covers the time between the server
 * seeing a request and this browser learning of it, and leaves time to send what is only here.
 */
export const LOCAL_COPY_LEAD_MS = 60_000;
/** Sending what is only here gives up after this long, so that signing out never hangs. */
const SEND_TIMEOUT_MS = 5_000;

type KnownSession = { userId: string; idleUntil: number; absoluteUntil: number };
let known: KnownSession | null = null;
// Once ended here, nothing brings the copies back, whatever request lands late.
let over = false;
const listeners = new Set<() => void>();

/** When the session ends at the latest, as this tab knows it; null outside the signed-in shell. */
export function sessionEndsAt(): number | null {
  return known ? Math.min(known.idleUntil, known.absoluteUntil) : null;
}

function changed(session: KnownSession) {
  keepLocalCopiesUntil(session.userId, Math.min(session.idleUntil, session.absoluteUntil) - LOCAL_COPY_LEAD_MS);
  for (const listener of listeners) listener();
}

/** The server has just rendered the signed-in shell for `userId`, with this much of the session left. */
export function sessionRendered(userId: string, left: { idleMs: number; absoluteMs: number }) {
  if (over) return;
  const now = Date.now();
  known = { userId, idleUntil: now + left.idleMs, absoluteUntil: now + left.absoluteMs };
  changed(known);
}

/** The server has just accepted a request: the idle limit runs from now (the absolute one never moves). */
export function sessionContact() {
  if (!known || over) return;
  known.idleUntil = Math.max(known.idleUntil, Date.now() + SESSION_IDLE_LIMIT_MS);
  changed(known);
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Sends each of the person's copies the server does not have yet as their draft of its step,
 * whether its form is open or not. "signed-out": the session had already ended.
 */
export async function sendUnsentCopies(): Promise<DraftSendOutcome> {
  if (!known || over) return "sent";
  const { userId } = known;
  const sending = Promise.all(
    unsentLocalCopies(userId).map(async (copy) => {
      const takenAt = Date.now();
      const outcome = await sendDraft(copy, { baseVersion: copy.baseVersion, values: copy.values });
      if (outcome === "sent") {
        localCopy({ userId, episodeId: copy.episodeId, step: copy.step }).sentAsOf(takenAt);
        sessionContact();
      }
      return outcome;
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<DraftSendOutcome[]>((resolve) => (timer = setTimeout(() => resolve(["failed"]), SEND_TIMEOUT_MS)));
  const outcomes = await Promise.race([sending, timeout]).finally(() => clearTimeout(timer));
  return outcomes.includes("signed-out") ? "signed-out" : outcomes.includes("failed") ? "failed" : "sent";
}

/** Signing out: what is only on this device goes to the server first, then nothing of a child stays. */
export async function sendThenForgetLocalCopies() {
  await sendUnsentCopies();
  over = true;
  forgetAllLocalCopies();
}

/**
 * The server refused a request (401): the session is over. Nothing of a child stays on this device,
 * before anything else is shown; signing in again leads back here, to the server's draft.
 */
export function sessionEndedByServer() {
  if (over) return;
  over = true;
  forgetAllLocalCopies();
  const here = `${window.location.pathname}${window.location.search}`;
  // A full page load, replacing this one in the history: nothing of the page, nor of the router's
  // cache of pages, stays in memory, and Back does not show it again.
  window.location.replace(`/sign-in?reason=ended&callbackUrl=${encodeURIComponent(here)}`);
}
