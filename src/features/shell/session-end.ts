// In every signed-in page's JavaScript: plain shape checks, not zod (src/lib/json-shape.ts).
import { nonNegative, object, oneOf, readJsonShape, string, type ShapeOf } from "@/lib/json-shape";
import { SESSION_IDLE_LIMIT_MS } from "@/domain/session-policy";
import { forgetAllLocalCopies, keepLocalCopiesUntil, localCopy, unsentLocalCopies, type TUnsentCopy } from "@/features/wizard/local-copy";
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

/** The session's two deadlines as this tab knows them, in this browser's clock; null outside the signed-in shell. */
export function knownSessionDeadlines(): { idleAt: Date; absoluteAt: Date } | null {
  return known ? { idleAt: new Date(known.idleUntil), absoluteAt: new Date(known.absoluteUntil) } : null;
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

/** What the server says is left of the session: its word, whichever way it moves the end (another tab may have used it). */
function sessionTold(left: TSessionTimeLeft) {
  if (!known || over) return;
  const now = Date.now();
  known = { ...known, idleUntil: now + left.idleLeftMs, absoluteUntil: now + left.absoluteLeftMs };
  changed(known);
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sends each of the person's copies the server does not have yet with `send`; what reached it is removed here. */
async function sendCopies(send: (copy: TUnsentCopy) => Promise<DraftSendOutcome>): Promise<DraftSendOutcome> {
  if (!known || over) return "sent";
  const { userId } = known;
  const sending = Promise.all(
    unsentLocalCopies(userId).map(async (copy) => {
      const takenAt = Date.now();
      const outcome = await send(copy);
      if (outcome === "sent") localCopy({ userId, episodeId: copy.episodeId, step: copy.step }).sentAsOf(takenAt);
      return outcome;
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<DraftSendOutcome[]>((resolve) => (timer = setTimeout(() => resolve(["failed"]), SEND_TIMEOUT_MS)));
  const outcomes = await Promise.race([sending, timeout]).finally(() => clearTimeout(timer));
  return outcomes.includes("signed-out") ? "signed-out" : outcomes.every((outcome) => outcome === "sent") ? "sent" : "failed";
}

/**
 * Sends each of the person's copies the server does not have yet as their draft of its step,
 * whether its form is open or not. "signed-out": the session had already ended.
 */
export async function sendUnsentCopies(): Promise<DraftSendOutcome> {
  return sendCopies(async (copy) => {
    const outcome = await sendDraft(copy, { baseVersion: copy.baseVersion, values: copy.values });
    if (outcome === "sent") sessionContact();
    return outcome;
  });
}

/** Whether this device still holds answers of the person's that the server does not have. */
export function hasUnsentCopies(): boolean {
  return known !== null && unsentLocalCopies(known.userId).length > 0;
}

/** Why the session no longer lets its person in, as the sign-in page words it (see its `reason`). */
export type SignedOutReason = "idle" | "expired" | "ended";

const isSessionTimeLeft = object({ idleLeftMs: nonNegative, absoluteLeftMs: nonNegative });
type TSessionTimeLeft = ShapeOf<typeof isSessionTimeLeft>;
/** The server's answer when the session no longer lets its person in (401). */
export const isSignedOut = object({ reason: oneOf(["idle", "expired", "ended"]) });

export type UnattendedAnswer = { kind: "open" } | { kind: "signed-out"; reason: SignedOutReason } | { kind: "failed" };

/**
 * A request this tab makes on its own, with nobody at the page: keeps `drafts` on the server and
 * learns what is left of the session, without it counting as activity (the server's idle limit
 * keeps running). "signed-out" says why the session no longer lets its person in.
 */
async function unattended(drafts: { episodeId: string; step: string; baseVersion: number; values: unknown }[]): Promise<UnattendedAnswer> {
  let response: Response;
  try {
    response = await fetch("/api/session/unattended", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ drafts }) });
  } catch {
    return { kind: "failed" };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401) return { kind: "signed-out", reason: isSignedOut(body) ? body.reason : "ended" };
  if (!response.ok) return { kind: "failed" };
  if (isSessionTimeLeft(body)) sessionTold(body);
  return { kind: "open" };
}

/** Asks the server how long the session has left, without it counting as activity. */
export function checkSessionUnattended(): Promise<UnattendedAnswer> {
  return unattended([]);
}

/**
 * As the session is about to end with nobody at the page: sends each of the person's copies the
 * server does not have yet as their draft, without keeping the session alive. "sent": every copy
 * reached the server (or there was none); "failed": some did not, and go with the session all the
 * same; "signed-out": the session had already ended, for `reason`.
 */
export async function keepUnsentCopiesUnattended(): Promise<{ outcome: DraftSendOutcome; reason: SignedOutReason }> {
  let reason: SignedOutReason = "ended";
  const outcome = await sendCopies(async (copy) => {
    const answer = await unattended([{ episodeId: copy.episodeId, step: copy.step, baseVersion: copy.baseVersion, values: copy.values }]);
    if (answer.kind === "signed-out") reason = answer.reason;
    return answer.kind === "open" ? "sent" : answer.kind;
  });
  return { outcome, reason };
}

/**
 * "Stay signed in": the server renews the session (its idle limit runs from now) and says what is
 * left of it, which this tab follows. "signed-out": it had already ended; "failed": not reached.
 */
export async function staySignedIn(): Promise<"renewed" | "signed-out" | "failed"> {
  let response: Response;
  try {
    response = await fetch("/api/session/renew", { method: "POST" });
  } catch {
    return "failed";
  }
  if (response.status === 401) return "signed-out";
  const left = await readJsonShape(response, isSessionTimeLeft);
  if (!response.ok || left === null) return "failed";
  sessionTold(left);
  return "renewed";
}

/** Signing out: what is only on this device goes to the server first, then nothing of a child stays. */
export async function sendThenForgetLocalCopies() {
  await sendUnsentCopies();
  over = true;
  forgetAllLocalCopies();
}

/**
 * The server refused a draft (401) while this page holds answers it has not got: the session is
 * over and nothing of a child stays in this device's storage, but the answers stay in this page's
 * memory, to be saved once the person has signed in again (in another tab) (issue 16).
 */
export function sessionEndedWithAnswersInHand() {
  over = true;
  forgetAllLocalCopies();
}

const isWhoseSession = object({ userId: string });

/**
 * Whether the person of this page has a session again (signed in in another tab): "same", "other"
 * (someone else signed in on this browser), or "not-yet". Asked without it counting as activity.
 */
export async function signedInAgain(): Promise<"same" | "other" | "not-yet"> {
  let response: Response;
  try {
    response = await fetch("/api/session/unattended", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ drafts: [] }) });
  } catch {
    return "not-yet";
  }
  if (!response.ok) return "not-yet";
  const whose = await readJsonShape(response, isWhoseSession);
  if (whose === null) return "not-yet";
  return known && whose.userId === known.userId ? "same" : "other";
}

/**
 * The server refused a request (401): the session is over. Nothing of a child stays on this device,
 * before anything else is shown; signing in again leads back here, to the server's draft. When the
 * session ran out with nobody at the page, `ending` says why, and whether what was typed reached
 * the server as a draft ("kept") or could not be sent ("not-sent"), for the sign-in page to say.
 */
export function sessionEndedByServer(ending: { reason: SignedOutReason; work?: "kept" | "not-sent" } = { reason: "ended" }) {
  if (over) return;
  over = true;
  forgetAllLocalCopies();
  const here = `${window.location.pathname}${window.location.search}`;
  const work = ending.work ? `&work=${ending.work}` : "";
  // A full page load, replacing this one in the history: nothing of the page, nor of the router's
  // cache of pages, stays in memory, and Back does not show it again.
  window.location.replace(`/sign-in?reason=${ending.reason}${work}&callbackUrl=${encodeURIComponent(here)}`);
}
