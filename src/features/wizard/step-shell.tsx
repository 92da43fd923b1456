"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import type { AutosaveState, Conflict } from "./use-step-form";
import { AnswersList } from "./answers-list";
import { useHydrated } from "@/features/ui/use-hydrated";

function time(at?: number) {
  return at ? new Date(at).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" }) : "";
}

const AUTOSAVE_TEXT: Record<AutosaveState["state"], (at?: number) => string> = {
  idle: () => "Changes are saved as a draft while you type.",
  saving: () => "Saving draft…",
  saved: (at) => `Draft saved at ${time(at)}.`,
  offline: () => "Not connected: your answers are kept on this device and will be saved when the connection is back.",
  unavailable: () =>
    "Homeward cannot reach its database right now: what you type is kept on this page and saved by itself when it is back. If a child is missing, the reports do not wait: call law enforcement, then NCMEC at 1-800-THE-LOST (1-800-843-5678), and record both here afterwards.",
  restored: (at) => `We restored what you typed at ${time(at)} that had not been saved.`,
  "signed-out": () => "Your session has ended: what you typed is kept on this page only, until you sign in again.",
  "someone-else": () => "Someone else is signed in on this browser: what you typed is kept on this page only, until you sign in again as yourself.",
};

/**
 * The session ended with answers not saved (issue 16): they stay on this page (not in the device's
 * storage) while the person signs in again in another tab; this page then saves them by itself.
 */
function SignInAgain({ someoneElse, onCheck }: { someoneElse: boolean; onCheck: () => Promise<void> }) {
  return (
    <div role="alert" aria-labelledby="sign-in-again-heading" className="rounded border-2 border-amber-700 bg-amber-50 p-4">
      <h2 id="sign-in-again-heading" className="text-lg font-bold">
        {someoneElse ? "Sign in as yourself to save what you typed" : "Sign in again to save what you typed"}
      </h2>
      <p className="mt-2 max-w-prose">
        {someoneElse
          ? "Someone else signed in on this browser. What you typed here is kept on this page only and is not saved under their name: sign out there, then sign in as yourself."
          : "Your session has ended before your answers were saved. They are kept on this page only (nothing is left on this device): keep this page open, sign in again in a new tab, and this page saves them by itself."}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-4">
        <a href="/sign-in?callbackUrl=%2F" target="_blank" rel="noopener" className="font-semibold text-blue-800 underline">
          Sign in again (opens a new tab)
        </a>
        <button type="button" onClick={() => void onCheck()} className="rounded border-2 border-blue-800 px-3 py-1 font-semibold text-blue-900 hover:bg-blue-50">
          I have signed in: save now
        </button>
      </div>
    </div>
  );
}

/** The frame of every step form: error summary, conflict notice, the fields, Back and Save. */
export function StepShell(props: {
  title: string;
  intro?: ReactNode;
  summary: SummaryError[];
  attempt: number;
  conflict: Conflict | null;
  autosave: AutosaveState;
  /** After signing in again in another tab: save what this page kept, now. */
  onCheckSignedIn: () => Promise<void>;
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  backHref: string | null;
  submitLabel?: string;
  submitting: boolean;
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <form method="post" onSubmit={props.onSubmit} noValidate className="space-y-6">
      <ErrorSummary key={props.attempt} errors={props.summary} />
      {props.conflict ? (
        <div role="alert" className="rounded border-2 border-amber-700 bg-amber-50 p-4">
          <h2 className="text-lg font-bold">This step was changed by someone else</h2>
          <p className="mt-2">{props.conflict.message}</p>
          {props.conflict.current ? (
            <div className="mt-3">
              <h3 className="font-semibold">Their saved answers</h3>
              <AnswersList values={props.conflict.current} />
            </div>
          ) : null}
        </div>
      ) : null}
      {props.autosave.state === "signed-out" || props.autosave.state === "someone-else" ? <SignInAgain someoneElse={props.autosave.state === "someone-else"} onCheck={props.onCheckSignedIn} /> : null}
      <h1 className="text-3xl font-bold">{props.title}</h1>
      {props.intro ? <div className="max-w-prose text-slate-800">{props.intro}</div> : null}
      {props.children}
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {AUTOSAVE_TEXT[props.autosave.state](props.autosave.at)}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={props.submitting || !hydrated} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
          {props.submitting ? "Saving…" : (props.submitLabel ?? "Save and continue")}
        </button>
        {props.backHref ? (
          <Link href={props.backHref} className="text-blue-800 underline">
            Back
          </Link>
        ) : null}
      </div>
    </form>
  );
}
