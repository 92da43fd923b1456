"use client";

import { useState } from "react";
import { ErrorSummary } from "@/features/ui/error-summary";
import { SelectField, TextAreaField, TextField } from "@/features/ui/fields";
import { useCaseAction } from "@/features/cases/case-action";
import { focusSection } from "@/features/ui/focus-section";
import { END_REASONS } from "@/domain/code-sets";

const id = (field: string) => `end-${field}`;

/** Ends the episode without a recovery: why, when and a note. Law enforcement and NCMEC are then asked to cancel their reports. */
export function EndEpisodeForm({ episodeId, version, nowWallTime }: { episodeId: string; version: number; nowWallTime: string }) {
  const { send, busy, failure, fieldErrors } = useCaseAction(version);
  const [reason, setReason] = useState("");
  const [endedAt, setEndedAt] = useState(nowWallTime);
  const [note, setNote] = useState("");
  const summary = [...Object.entries(fieldErrors).map(([field, message]) => ({ fieldId: id(field), message })), ...(failure ? [{ message: failure }] : [])];

  return (
    <details className="mt-3">
      <summary className="cursor-pointer font-semibold text-blue-800 underline">End this episode without a recovery</summary>
      <form method="post"
        className="mt-3 space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send(`/api/episodes/${episodeId}/end`, { reason, endedAt, note }).then((ok) => ok && focusSection("recovery-heading"));
        }}
      >
        <ErrorSummary errors={summary} title="The episode was not ended" />
        <p className="max-w-prose">
          Only when the child will not be recovered in this episode. Law enforcement and NCMEC must then be asked to cancel their reports, each within a deadline.
        </p>
        <SelectField id={id("reason")} label="Why the episode ends" options={END_REASONS} value={reason} error={fieldErrors.reason} onChange={(e) => setReason(e.target.value)} />
        <TextField id={id("endedAt")} type="datetime-local" label="When it ended" hint="In the agency's time zone." value={endedAt} error={fieldErrors.endedAt} onChange={(e) => setEndedAt(e.target.value)} />
        <TextAreaField id={id("note")} label="Note" rows={2} value={note} error={fieldErrors.note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" disabled={busy} className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900 disabled:opacity-70">
          {busy ? "Ending…" : "End without recovery"}
        </button>
      </form>
    </details>
  );
}
