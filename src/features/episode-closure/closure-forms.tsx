"use client";

import { useRef, useState } from "react";
import { AskForDecisionForm, DecisionForms } from "@/features/cases/decision-forms";
import { useSectionForm } from "@/features/cases/section-form";
import { TextAreaField } from "@/features/ui/fields";

/**
 * The forms of the closure: the caseworker asks for sign-off; a supervisor approves or returns it
 * with a comment, reopens a closed episode or voids one entered in error (after confirming). Each
 * posts with the page's version of the episode; errors are shown next to the field and in a
 * summary that takes focus.
 */

const BUTTON = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";
const SECOND_BUTTON = "rounded border-2 border-blue-800 bg-white px-4 py-2 font-semibold text-blue-900 disabled:opacity-70";
const DANGER_BUTTON = "rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-70";
const DISCLOSURE = "cursor-pointer font-semibold break-words text-blue-800 underline";
const PANEL = "mt-4 min-w-0 rounded border border-slate-300 bg-white p-3 sm:p-4";

type EpisodeForm = { episodeId: string; version: number };

const useClosureForm = (version: number, prefix: string, title: string) => useSectionForm(version, prefix, title, "closure-heading");

/** The caseworker asks a supervisor to sign off; after a return, the comment answers the supervisor's. */
export function RequestClosureForm({ episodeId, version, answering }: EpisodeForm & { answering: boolean }) {
  return (
    <AskForDecisionForm
      version={version}
      path={`/api/episodes/${episodeId}/closure/request`}
      prefix="closure-request"
      headingId="closure-heading"
      notAsked="Closure was not asked for"
      label={answering ? "Your answer to the supervisor's comment" : "Comment for the supervisor (optional)"}
      button="Ask for closure"
    />
  );
}

/** A supervisor approves the requested closure (optional comment) or returns it with a comment the caseworker will see. */
export function SignOffForms({ episodeId, version }: EpisodeForm) {
  return (
    <DecisionForms
      version={version}
      words={{
        prefix: "closure",
        headingId: "closure-heading",
        approvePath: `/api/episodes/${episodeId}/closure/approve`,
        returnPath: `/api/episodes/${episodeId}/closure/return`,
        approveButton: "Approve closure",
        notApproved: "Closure was not approved",
        notReturned: "Closure was not returned",
        returnLabel: "What the caseworker must do first",
        returnHint: "The caseworker sees this comment on the case.",
      }}
    />
  );
}

/** A supervisor reopens a closed episode, with a reason. */
export function ReopenForm({ episodeId, version }: EpisodeForm) {
  const form = useClosureForm(version, "closure-reopen", "The episode was not reopened");
  const [reason, setReason] = useState("");
  return (
    <details className={PANEL}>
      <summary className={DISCLOSURE}>Reopen this episode</summary>
      <form method="post"
        className="mt-3 space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.send(`/api/episodes/${episodeId}/closure/reopen`, { reason });
        }}
      >
        {form.summary}
        <TextAreaField id={form.id("reason")} label="Why it is reopened" rows={3} value={reason} error={form.fieldErrors.reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={form.busy} className={BUTTON}>
          Reopen episode
        </button>
      </form>
    </details>
  );
}

/** A supervisor voids an episode entered in error: the reason first, then a confirmation saying what voiding does. */
export function VoidForm({ episodeId, version }: EpisodeForm) {
  const form = useClosureForm(version, "closure-void", "The episode was not voided");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const fieldErrors = reasonError ? { reason: reasonError } : form.fieldErrors;
  return (
    <details className={PANEL}>
      <summary className={DISCLOSURE}>Void this episode (entered in error)</summary>
      <form method="post"
        className="mt-3 space-y-4"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!confirming) {
            if (reason.trim() === "") {
              setReasonError("Give the reason this episode was entered in error.");
              return;
            }
            setReasonError(undefined);
            setConfirming(true);
            requestAnimationFrame(() => confirmHeading.current?.focus());
            return;
          }
          if (!(await form.send(`/api/episodes/${episodeId}/closure/void`, { reason }))) setConfirming(false);
        }}
      >
        {form.summaryOf(fieldErrors)}
        <TextAreaField
          id={form.id("reason")}
          label="Why this episode was entered in error"
          rows={3}
          value={reason}
          error={fieldErrors.reason}
          readOnly={confirming}
          onChange={(e) => setReason(e.target.value)}
        />
        {confirming ? (
          <div className="rounded border-l-8 border-red-800 bg-red-50 p-3">
            <h3 ref={confirmHeading} tabIndex={-1} className="text-lg font-bold">
              Void this episode?
            </h3>
            <p className="mt-1 max-w-prose">
              It stays on record with your reason, but it is left out of every count and list of open episodes, and it can no longer be changed or reopened.
            </p>
            <div className="mt-3 flex flex-wrap gap-3">
              <button type="submit" disabled={form.busy} className={DANGER_BUTTON}>
                Yes, void this episode
              </button>
              <button type="button" className={SECOND_BUTTON} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="submit" className={DANGER_BUTTON}>
            Void episode…
          </button>
        )}
      </form>
    </details>
  );
}
