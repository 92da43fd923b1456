"use client";

import { useEffect, useId, useRef, useState } from "react";
import { timeLeftInWords } from "@/domain/session-policy";
import { ensureAnnouncer } from "@/features/ui/announce";

/** A warning on show: which one, when the session ends (this browser's clock) and when it was shown. */
export type ShownWarning = { kind: "idle-soon" | "absolute-soon"; endsAt: number; shownAt: number };

/** "10:42 AM EST": the end on the agency's clock, with the zone named, as every time in Homeward. */
function clockTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(at);
}

const NOT_REACHED = "Homeward could not be reached, so you are not signed in for longer yet. Check the connection and try again.";

/**
 * The warning before the session ends (WCAG 2.2.1 Timing Adjustable): a modal dialog opened with
 * showModal(), so the rest of the page is inert and focus moves onto its button; as an alertdialog
 * named by its heading and described by its text, it is announced when it opens. Escape does what
 * its button does (stay signed in, or "I understand"), so it never ends the session early nor loses
 * anything. When it closes, focus goes back where it was.
 */
export function SessionWarningDialog({
  warning,
  timeZone,
  onStay,
  onAcknowledge,
}: {
  warning: ShownWarning | null;
  timeZone: string;
  /** Renews the session; "renewed" takes the warning away (the parent's deadlines move). */
  onStay: () => Promise<"renewed" | "signed-out" | "failed">;
  /** The absolute limit's warning has been read. */
  onAcknowledge: () => void;
}) {
  const titleId = useId();
  const textId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useRef<Element | null>(null);
  // The warning the parent wants shown, read by the dialog's events.
  const wanted = useRef(warning);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    wanted.current = warning;
    const element = dialog.current;
    if (!element) return;
    if (warning && !element.open) {
      // The page's polite live region, watched from now on: it says "You are still signed in." later.
      ensureAnnouncer();
      returnFocusTo.current = document.activeElement;
      element.showModal();
      button.current?.focus();
    } else if (!warning && element.open) {
      element.close();
    }
  }, [warning]);

  const stay = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const outcome = await onStay();
    setBusy(false);
    // "renewed": the parent takes the warning away; "signed-out": the page is left for sign-in.
    if (outcome !== "failed") return;
    setProblem(NOT_REACHED);
    if (wanted.current && dialog.current && !dialog.current.open) {
      dialog.current.showModal();
      button.current?.focus();
    }
  };

  const primary = () => (wanted.current?.kind === "absolute-soon" ? onAcknowledge() : void stay());

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        // Escape: the button's action, never an early end.
        event.preventDefault();
        primary();
      }}
      onClose={() => {
        // Closed by the browser itself (a second Escape may force it): still the button's action.
        if (wanted.current) primary();
        const target = returnFocusTo.current;
        returnFocusTo.current = null;
        if (target instanceof HTMLElement && target.isConnected) target.focus();
        setProblem(null);
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border-2 border-blue-950 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/70"
    >
      {warning ? (
        <>
          <h2 id={titleId} className="text-xl font-bold">
            Your session is about to end
          </h2>
          <div id={textId}>
            {warning.kind === "idle-soon" ? (
              <p className="mt-3">
                You have not used Homeward for almost 30 minutes. For your security, you will be signed out{" "}
                <strong>
                  {timeLeftInWords(warning.endsAt - warning.shownAt)}, at {clockTime(warning.endsAt, timeZone)}
                </strong>
                , unless you choose to stay signed in.
              </p>
            ) : (
              <p className="mt-3">
                You signed in almost 12 hours ago, the longest a session can last. You will be signed out{" "}
                <strong>
                  {timeLeftInWords(warning.endsAt - warning.shownAt)}, at {clockTime(warning.endsAt, timeZone)}
                </strong>
                , and this cannot be extended. Sign in again afterwards to continue.
              </p>
            )}
            <p className="mt-2">Anything you typed and did not save will be saved as a draft first.</p>
          </div>
          {problem ? (
            <p role="alert" className="mt-3 border-l-4 border-red-700 bg-red-50 p-2 font-semibold">
              {problem}
            </p>
          ) : null}
          <div className="mt-5">
            <button
              ref={button}
              type="button"
              // Not `disabled` while it works: that would take focus off it.
              aria-disabled={busy}
              onClick={primary}
              className="min-h-11 rounded bg-blue-900 px-4 py-2 font-semibold text-white hover:bg-blue-800 aria-disabled:opacity-75"
            >
              {warning.kind === "idle-soon" ? (busy ? "Staying signed in…" : "Stay signed in") : "I understand"}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
