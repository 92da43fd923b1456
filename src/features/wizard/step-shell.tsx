"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorSummary, type SummaryError } from "@/features/ui/error-summary";
import type { AutosaveState, Conflict } from "./use-step-form";
import { AnswersList } from "./answers-list";

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
};

/** The frame of every step form: error summary, conflict notice, the fields, Back and Save. */
export function StepShell(props: {
  title: string;
  intro?: ReactNode;
  summary: SummaryError[];
  attempt: number;
  conflict: Conflict | null;
  autosave: AutosaveState;
  onSubmit: (event?: React.BaseSyntheticEvent) => Promise<void>;
  backHref: string | null;
  submitLabel?: string;
  submitting: boolean;
  children: ReactNode;
}) {
  return (
    <form onSubmit={props.onSubmit} noValidate className="space-y-6">
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
      <h1 className="text-3xl font-bold">{props.title}</h1>
      {props.intro ? <div className="max-w-prose text-slate-800">{props.intro}</div> : null}
      {props.children}
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {AUTOSAVE_TEXT[props.autosave.state](props.autosave.at)}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={props.submitting} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
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
