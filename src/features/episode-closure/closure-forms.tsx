"use client";

import { useRef, useState } from "react";
import { useCaseAction } from "@/features/cases/case-action";
import { ErrorSummary } from "@/features/ui/error-summary";
import { TextAreaField } from "@/features/ui/fields";
import { focusSection } from "@/features/ui/focus-section";

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

/**
 * One form's posting, its field ids (`prefix-field`) and its error summary. A form of the closure is
 * gone once it succeeds: focus then moves to the section's heading.
 */
function useClosureForm(version: number, prefix: string, title: string) {
  const action = useCaseAction(version);
  async function send(path: string, body: Record<string, unknown>) {
    const ok = await action.send(path, body);
    if (ok) focusSection("closure-heading");
    return ok;
  }
  const id = (field: string) => `${prefix}-${field}`;
  const summaryOf = (fieldErrors: Record<string, string>) => (
    <ErrorSummary errors={[...Object.entries(fieldErrors).map(([field, message]) => ({ fieldId: id(field), message })), ...(action.failure ? [{ message: action.failure }] : [])]} title={title} />
  );
  return { ...action, send, id, summary: summaryOf(action.fieldErrors), summaryOf };
}

/** The caseworker asks a supervisor to sign off; after a return, the comment answers the supervisor's. */
export function RequestClosureForm({ episodeId, version, answering }: EpisodeForm & { answering: boolean }) {
  const form = useClosureForm(version, "closure-request", "Closure was not asked for");
  const [comment, setComment] = useState("");
  return (
    <form
      className={`${PANEL} space-y-4`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (await form.send(`/api/episodes/${episodeId}/closure/request`, { comment })) setComment("");
      }}
    >
      {form.summary}
      <TextAreaField
        id={form.id("comment")}
        label={answering ? "Your answer to the supervisor's comment" : "Comment for the supervisor (optional)"}
        rows={3}
        value={comment}
        error={form.fieldErrors.comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <button type="submit" disabled={form.busy} className={BUTTON}>
        Ask for closure
      </button>
    </form>
  );
}

/** A supervisor approves the requested closure (optional comment) or returns it with a comment the caseworker will see. */
export function SignOffForms({ episodeId, version }: EpisodeForm) {
  const approve = useClosureForm(version, "closure-approve", "Closure was not approved");
  const giveBack = useClosureForm(version, "closure-return", "Closure was not returned");
  const [approveComment, setApproveComment] = useState("");
  const [returnComment, setReturnComment] = useState("");
  return (
    <>
      <form
        className={`${PANEL} space-y-4`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void approve.send(`/api/episodes/${episodeId}/closure/approve`, { comment: approveComment });
        }}
      >
        {approve.summary}
        <TextAreaField id={approve.id("comment")} label="Comment (optional)" rows={2} value={approveComment} error={approve.fieldErrors.comment} onChange={(e) => setApproveComment(e.target.value)} />
        <button type="submit" disabled={approve.busy} className={BUTTON}>
          Approve closure
        </button>
      </form>
      <form
        className={`${PANEL} space-y-4`}
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (await giveBack.send(`/api/episodes/${episodeId}/closure/return`, { comment: returnComment })) setReturnComment("");
        }}
      >
        {giveBack.summary}
        <TextAreaField
          id={giveBack.id("comment")}
          label="What the caseworker must do first"
          hint="The caseworker sees this comment on the case."
          rows={3}
          value={returnComment}
          error={giveBack.fieldErrors.comment}
          onChange={(e) => setReturnComment(e.target.value)}
        />
        <button type="submit" disabled={giveBack.busy} className={SECOND_BUTTON}>
          Return with comment
        </button>
      </form>
    </>
  );
}

/** A supervisor reopens a closed episode, with a reason. */
export function ReopenForm({ episodeId, version }: EpisodeForm) {
  const form = useClosureForm(version, "closure-reopen", "The episode was not reopened");
  const [reason, setReason] = useState("");
  return (
    <details className={PANEL}>
      <summary className={DISCLOSURE}>Reopen this episode</summary>
      <form
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
      <form
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
