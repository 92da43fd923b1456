"use client";

import { useState } from "react";
import { useCaseAction } from "@/features/cases/case-action";
import { ErrorSummary } from "@/features/ui/error-summary";
import { SelectField, TextAreaField, TextField } from "@/features/ui/fields";
import { focusSection } from "@/features/ui/focus-section";
import { SEARCH_ACTIVITY_KINDS } from "@/domain/code-sets";

/**
 * The forms of the search while the child is missing: add an activity to the log, record a lead
 * passed to law enforcement, record the records for the NCIC update sent, mark a long-term item
 * done. Each posts with the page's version of the episode; errors are shown next to each field and
 * in a summary that takes focus.
 */

const BUTTON = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";
const DISCLOSURE = "cursor-pointer font-semibold break-words text-blue-800 underline";

/** One form's posting, its field ids (`prefix-field`) and its error summary. */
function useSearchForm(version: number, prefix: string, title: string) {
  const action = useCaseAction(version);
  const id = (field: string) => `${prefix}-${field}`;
  const errors = [...Object.entries(action.fieldErrors).map(([field, message]) => ({ fieldId: id(field), message })), ...(action.failure ? [{ message: action.failure }] : [])];
  const summary = <ErrorSummary errors={errors} title={title} />;
  return { ...action, id, summary };
}

type EpisodeForm = { episodeId: string; version: number };

/** Adds one thing done to find the child to the search log; a lead starts its own clock. */
export function AddActivityForm({ episodeId, version, nowWallTime }: EpisodeForm & { nowWallTime: string }) {
  const form = useSearchForm(version, "search-activity", "The activity was not recorded");
  const [kind, setKind] = useState("");
  const [at, setAt] = useState(nowWallTime);
  const [contactedPerson, setContactedPerson] = useState("");
  const [outcome, setOutcome] = useState("");
  const [note, setNote] = useState("");
  const [isLead, setIsLead] = useState(false);

  return (
    <details className="mt-4 min-w-0 rounded border border-slate-300 bg-white p-3 sm:p-4">
      <summary className={DISCLOSURE}>Add a search activity</summary>
      <form method="post"
        className="mt-3 space-y-4"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const saved = await form.send(`/api/episodes/${episodeId}/search/activities`, { kind, at, contactedPerson, outcome, note, isLead });
          if (saved) {
            setKind("");
            setContactedPerson("");
            setOutcome("");
            setNote("");
            setIsLead(false);
          }
        }}
      >
        {form.summary}
        <SelectField id={form.id("kind")} label="What was done" options={SEARCH_ACTIVITY_KINDS} value={kind} error={form.fieldErrors.kind} onChange={(e) => setKind(e.target.value)} />
        <TextField id={form.id("at")} type="datetime-local" label="When" hint="In the agency's time zone." value={at} error={form.fieldErrors.at} onChange={(e) => setAt(e.target.value)} />
        <TextField id={form.id("contactedPerson")} label="Person contacted (optional)" value={contactedPerson} error={form.fieldErrors.contactedPerson} onChange={(e) => setContactedPerson(e.target.value)} />
        <TextAreaField id={form.id("outcome")} label="Outcome (optional)" rows={2} value={outcome} error={form.fieldErrors.outcome} onChange={(e) => setOutcome(e.target.value)} />
        <TextAreaField id={form.id("note")} label="Note (optional)" rows={2} value={note} error={form.fieldErrors.note} onChange={(e) => setNote(e.target.value)} />
        <div className="flex items-start gap-2">
          <input id={form.id("isLead")} type="checkbox" className="mt-1 h-5 w-5 shrink-0 accent-blue-800" checked={isLead} onChange={(e) => setIsLead(e.target.checked)} aria-describedby={`${form.id("isLead")}-hint`} />
          <div className="min-w-0">
            <label htmlFor={form.id("isLead")} className="font-semibold">
              This gave a lead
            </label>
            <p id={`${form.id("isLead")}-hint`} className="text-sm text-slate-700">
              A lead must be passed to law enforcement; its deadline starts at the time above.
            </p>
          </div>
        </div>
        <button type="submit" disabled={form.busy} className={BUTTON}>
          {form.busy ? "Recording…" : "Record the activity"}
        </button>
      </form>
    </details>
  );
}

/** Records that one lead was passed to law enforcement (or corrects that record). */
export function LeadPassedForm({ episodeId, version, activityId, nowWallTime, correcting }: EpisodeForm & { activityId: string; nowWallTime: string; correcting: boolean }) {
  const form = useSearchForm(version, `lead-${activityId}`, "The lead was not recorded as passed on");
  const [passedAt, setPassedAt] = useState(nowWallTime);
  const [passedTo, setPassedTo] = useState("");
  const [lateReason, setLateReason] = useState("");

  return (
    <details className="mt-2 min-w-0">
      <summary className={DISCLOSURE}>{correcting ? "Correct when and to whom the lead was passed" : "Record that the lead was passed to law enforcement"}</summary>
      <form method="post"
        className="mt-3 space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.send(`/api/episodes/${episodeId}/search/activities/${activityId}/lead-passed`, { passedAt, passedTo, lateReason });
        }}
      >
        {form.summary}
        <TextField id={form.id("passedAt")} type="datetime-local" label="When it was passed on" hint="In the agency's time zone." value={passedAt} error={form.fieldErrors.passedAt} onChange={(e) => setPassedAt(e.target.value)} />
        <TextField id={form.id("passedTo")} label="Who at law enforcement it was given to" value={passedTo} error={form.fieldErrors.passedTo} onChange={(e) => setPassedTo(e.target.value)} />
        <TextAreaField id={form.id("lateReason")} label="Reason, if after the deadline" rows={2} value={lateReason} error={form.fieldErrors.lateReason} onChange={(e) => setLateReason(e.target.value)} />
        <button type="submit" disabled={form.busy} className={BUTTON}>
          {form.busy ? "Recording…" : "Record as passed on"}
        </button>
      </form>
    </details>
  );
}

/** Records when the medical and dental records and a recent photo were sent for the NCIC update. */
export function NcicRecordsSentForm({ episodeId, version, nowWallTime, correcting }: EpisodeForm & { nowWallTime: string; correcting: boolean }) {
  const form = useSearchForm(version, "ncic-records", "The records were not recorded as sent");
  const [sentAt, setSentAt] = useState(nowWallTime);

  return (
    <details className="mt-2 min-w-0">
      <summary className={DISCLOSURE}>{correcting ? "Correct when the records were sent" : "Record that the records were sent"}</summary>
      <form method="post"
        className="mt-3 space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.send(`/api/episodes/${episodeId}/search/ncic-records-sent`, { sentAt });
        }}
      >
        {form.summary}
        <TextField id={form.id("sentAt")} type="datetime-local" label="When they were sent" hint="In the agency's time zone." value={sentAt} error={form.fieldErrors.sentAt} onChange={(e) => setSentAt(e.target.value)} />
        <button type="submit" disabled={form.busy} className={BUTTON}>
          {form.busy ? "Recording…" : "Record as sent"}
        </button>
      </form>
    </details>
  );
}

/** Marks one item of the long-term missing checklist done. */
export function LongTermItemButton({ episodeId, version, item, label }: EpisodeForm & { item: string; label: string }) {
  const form = useSearchForm(version, `long-term-${item}`, "Not marked done");
  return (
    <div className="mt-2">
      {form.summary}
      <button
        type="button"
        disabled={form.busy}
        aria-label={`Mark done: ${label}`}
        className={BUTTON}
        onClick={() => void form.send(`/api/episodes/${episodeId}/search/long-term/${item}`, {}).then((ok) => ok && focusSection("search-heading"))}
      >
        {form.busy ? "Recording…" : "Mark done"}
      </button>
    </div>
  );
}
