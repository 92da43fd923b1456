"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { sessionContact, sessionEndedByServer, sessionEndedWithAnswersInHand, signedInAgain } from "@/features/shell/session-end";
import { draftUrl, sendDraft } from "./save-step";

const AUTOSAVE_DELAY_MS = 1500;
/** A draft that could not be sent is tried again after this, doubled each time up to the ceiling. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 30_000;

/** How often a page whose session ended asks whether its person has signed in again. */
const SIGNED_IN_AGAIN_CHECK_MS = 2_000;

/**
 * "unavailable": the server answered that it cannot reach its database; "offline": no answer at all;
 * "signed-out": the session ended with answers not saved, kept on this page until the person signs
 * in again; "someone-else": someone else has signed in on this browser meanwhile.
 */
export type AutosaveState = { state: "idle" | "saving" | "saved" | "offline" | "unavailable" | "restored" | "signed-out" | "someone-else"; at?: number };

type Draft = { baseVersion: number; values: Record<string, unknown> };

/**
 * Keeps the server's draft of a step up to date: within seconds of a change, when the connection
 * comes back, and by beacon when the page is hidden or left. `draft` gives the draft to send;
 * `onSent` hears when the server got the answers as they were at `takenAt`. A refusal because
 * the session has ended leaves nothing on this device (sessionEndedByServer).
 */
export function useAutosave({ episodeId, step, draft, onSent }: { episodeId: string; step: string; draft: () => Draft; onSent: (takenAt: number) => void }) {
  const [state, setState] = useState<AutosaveState>({ state: "idle" });
  const inflight = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Answers the server has not got yet.
  const unsent = useRef(false);
  // Trying again while the server (or the connection) is away; the wait doubles each time.
  const retry = useRef<{ timer: ReturnType<typeof setTimeout> | null; delay: number }>({ timer: null, delay: RETRY_FIRST_MS });
  const [retries, setRetries] = useState(0);
  // The server said it cannot reach its database since the answers were last saved (an outage): a
  // session that ends meanwhile keeps them on this page until the person signs in again (issue 16);
  // otherwise the end is as issue 9 has it (sign-in at once, the server's draft kept).
  const troubled = useRef(false);

  /** The server says the session has ended (a draft or a step save refused with 401). */
  const ended = useCallback(() => {
    if (!troubled.current) return sessionEndedByServer();
    // Nothing stays in this device's storage; the answers stay on this page until the person is back.
    unsent.current = true;
    sessionEndedWithAnswersInHand();
    setState({ state: "signed-out", at: Date.now() });
  }, []);

  const send = useCallback(() => {
    if (!unsent.current) return inflight.current;
    unsent.current = false;
    setState({ state: "saving" });
    const takenAt = Date.now();
    const body = draft();
    // One draft request at a time, in order; a step save waits for them (see settled).
    inflight.current = inflight.current.then(async () => {
      const outcome = await sendDraft({ episodeId, step }, body);
      if (outcome === "sent") {
        troubled.current = false;
        retry.current.delay = RETRY_FIRST_MS;
        onSent(takenAt);
        sessionContact();
        setState({ state: "saved", at: Date.now() });
      } else if (outcome === "signed-out") {
        ended();
      } else {
        // Kept here (and in this device's copy). The server said its database is away: sent again by
        // itself until it answers. No answer at all: sent again when the browser is back online.
        troubled.current = outcome === "unavailable";
        unsent.current = true;
        setState({ state: outcome === "unavailable" ? "unavailable" : "offline", at: Date.now() });
        if (outcome === "unavailable") {
          if (retry.current.timer) clearTimeout(retry.current.timer);
          const wait = retry.current.delay;
          retry.current.delay = Math.min(wait * 2, RETRY_MAX_MS);
          retry.current.timer = setTimeout(() => {
            retry.current.timer = null;
            setRetries((count) => count + 1);
          }, wait);
        }
      }
    });
    return inflight.current;
  }, [episodeId, step, draft, onSent, ended]);
  useEffect(() => {
    if (retries > 0) void send();
  }, [retries, send]);

  useEffect(() => {
    // A fetch may not finish once the page is going away; a beacon does.
    const leave = () => {
      if (unsent.current) {
        navigator.sendBeacon(draftUrl({ episodeId, step }), new Blob([JSON.stringify(draft())], { type: "application/json" }));
        unsent.current = false;
      }
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") leave();
    };
    const online = () => void send();
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("online", online);
    const retrying = retry.current;
    return () => {
      if (timer.current) clearTimeout(timer.current);
      if (retrying.timer) clearTimeout(retrying.timer);
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("online", online);
    };
  }, [episodeId, step, draft, send]);

  // Signed out with answers in hand: once the same person has signed in again (another tab), the
  // answers are saved as their draft and the page is loaded again, in the new session.
  const waiting = state.state === "signed-out" || state.state === "someone-else";
  const checkSignedIn = useCallback(async () => {
    const back = await signedInAgain();
    if (back === "other") return setState({ state: "someone-else", at: Date.now() });
    if (back !== "same") return;
    const outcome = await sendDraft({ episodeId, step }, draft());
    if (outcome === "sent") {
      unsent.current = false;
      window.location.reload();
    }
  }, [episodeId, step, draft]);
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void checkSignedIn(), SIGNED_IN_AGAIN_CHECK_MS);
    return () => clearInterval(timer);
  }, [waiting, checkSignedIn]);

  /** The answers changed: sent once typing pauses. */
  const changed = useCallback(() => {
    unsent.current = true;
    if (waiting) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void send(), AUTOSAVE_DELAY_MS);
  }, [send, waiting]);

  /** Answers restored from this device's copy: sent at once. */
  const restored = useCallback(
    (at: number) => {
      unsent.current = true;
      setState({ state: "restored", at });
      void send();
    },
    [send],
  );

  /** Nothing pending is sent as a draft: a step save carries the answers instead. */
  const cancelPending = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    unsent.current = false;
  }, []);

  /** Resolves once the drafts already on their way have landed. */
  const settled = useCallback(() => inflight.current, []);

  return { state, changed, restored, cancelPending, settled, checkSignedIn, signedOut: ended };
}
