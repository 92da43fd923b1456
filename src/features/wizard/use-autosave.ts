"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { sessionContact, sessionEndedByServer } from "@/features/shell/session-end";
import { draftUrl, sendDraft } from "./save-step";

const AUTOSAVE_DELAY_MS = 1500;
/** A draft that could not be sent is tried again after this, doubled each time up to the ceiling. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 30_000;

/** "unavailable": the server answered that it cannot reach its database; "offline": no answer at all. */
export type AutosaveState = { state: "idle" | "saving" | "saved" | "offline" | "unavailable" | "restored"; at?: number };

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
        retry.current.delay = RETRY_FIRST_MS;
        onSent(takenAt);
        sessionContact();
        setState({ state: "saved", at: Date.now() });
      } else if (outcome === "signed-out") {
        sessionEndedByServer();
      } else {
        // Kept here (and in this device's copy) and sent again by itself when the server answers.
        unsent.current = true;
        setState({ state: outcome === "unavailable" ? "unavailable" : "offline", at: Date.now() });
        if (retry.current.timer) clearTimeout(retry.current.timer);
        const wait = retry.current.delay;
        retry.current.delay = Math.min(wait * 2, RETRY_MAX_MS);
        retry.current.timer = setTimeout(() => {
          retry.current.timer = null;
          setRetries((count) => count + 1);
        }, wait);
      }
    });
    return inflight.current;
  }, [episodeId, step, draft, onSent]);
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

  /** The answers changed: sent once typing pauses. */
  const changed = useCallback(() => {
    unsent.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void send(), AUTOSAVE_DELAY_MS);
  }, [send]);

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

  return { state, changed, restored, cancelPending, settled };
}
