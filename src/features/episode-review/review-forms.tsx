"use client";

import { useState } from "react";
import { AskForDecisionForm, DecisionForms } from "@/features/cases/decision-forms";
import { useSectionForm } from "@/features/cases/section-form";
import { SelectField } from "@/features/ui/fields";

/**
 * The forms of a report's review and of reassignment: the caseworker asks for review (again); a
 * supervisor approves or returns the report with a comment, or gives the case to another
 * caseworker. Each posts with the page's version of the episode; errors are shown next to the field
 * and in a summary that takes focus. The server decides each case again.
 */

const BUTTON = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";
const PANEL = "mt-4 min-w-0 rounded border border-slate-300 bg-white p-3 sm:p-4";

type EpisodeForm = { episodeId: string; version: number };

/** The caseworker asks for review; after a return the comment answers the supervisor's. */
export function RequestReviewForm({ episodeId, version, again }: EpisodeForm & { again: boolean }) {
  return (
    <AskForDecisionForm
      version={version}
      path={`/api/episodes/${episodeId}/review/request`}
      prefix="review-request"
      headingId="review-heading"
      notAsked="Review was not asked for"
      label={again ? "Your answer to the supervisor's comment (optional)" : "Comment for the supervisor (optional)"}
      button={again ? "Ask for review again" : "Ask for review"}
      asked="Review asked for. A supervisor has been told."
    />
  );
}

/** A supervisor approves the report (optional comment) or returns it with a comment the caseworker will see. */
export function ReviewDecisionForms({ episodeId, version }: EpisodeForm) {
  return (
    <DecisionForms
      version={version}
      words={{
        prefix: "review",
        headingId: "review-heading",
        approvePath: `/api/episodes/${episodeId}/review/approve`,
        returnPath: `/api/episodes/${episodeId}/review/return`,
        approveButton: "Approve the report",
        notApproved: "The report was not approved",
        notReturned: "The report was not returned",
        returnLabel: "What the caseworker must change",
        returnHint: "The caseworker sees this comment on the case and in their notifications. The reports already made stand: no clock restarts.",
        approved: "Report approved. The caseworker has been told.",
        returned: "Report returned. The caseworker has been told.",
      }}
    />
  );
}

/** A supervisor gives the case to another active caseworker of the agency, chosen from the list. */
export function ReassignForm({ episodeId, version, caseworkers }: EpisodeForm & { caseworkers: readonly { id: string; label: string }[] }) {
  const form = useSectionForm(version, "reassign", "The case was not reassigned", "reassign-heading");
  const [caseworkerId, setCaseworkerId] = useState("");
  return (
    <form method="post"
      className={`${PANEL} space-y-4`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (await form.send(`/api/episodes/${episodeId}/reassign`, { caseworkerId }, "Case reassigned. Both caseworkers have been told.")) setCaseworkerId("");
      }}
    >
      {form.summary}
      <SelectField
        id={form.id("caseworkerId")}
        label="Caseworker who takes the case"
        hint="The agency's active caseworkers. Both caseworkers are told; the case history keeps who had it when."
        options={caseworkers.map((person) => ({ code: person.id, label: person.label }))}
        placeholder="Choose a caseworker…"
        value={caseworkerId}
        error={form.fieldErrors.caseworkerId}
        onChange={(e) => setCaseworkerId(e.target.value)}
      />
      <button type="submit" disabled={form.busy} className={BUTTON}>
        Reassign the case
      </button>
    </form>
  );
}
