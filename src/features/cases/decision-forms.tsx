"use client";

import { useState } from "react";
import { TextAreaField } from "@/features/ui/fields";
import { useSectionForm } from "./section-form";

const BUTTON = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-70";
const SECOND_BUTTON = "rounded border-2 border-blue-800 bg-white px-4 py-2 font-semibold text-blue-900 disabled:opacity-70";
const PANEL = "mt-4 min-w-0 rounded border border-slate-300 bg-white p-3 sm:p-4";

/** What one supervisor's decision (a closure's sign-off, a report's review) is called and where it posts. */
export type DecisionWords = {
  /** The field ids' prefix and the section heading focus returns to. */
  prefix: string;
  headingId: string;
  approvePath: string;
  returnPath: string;
  approveButton: string;
  notApproved: string;
  notReturned: string;
  returnLabel: string;
  returnHint: string;
  /** Said to screen readers once done (the form goes away). */
  approved?: string;
  returned?: string;
};

/** A supervisor approves (optional comment) or returns with a comment the caseworker will see. */
export function DecisionForms({ version, words }: { version: number; words: DecisionWords }) {
  const approve = useSectionForm(version, `${words.prefix}-approve`, words.notApproved, words.headingId);
  const giveBack = useSectionForm(version, `${words.prefix}-return`, words.notReturned, words.headingId);
  const [approveComment, setApproveComment] = useState("");
  const [returnComment, setReturnComment] = useState("");
  return (
    <>
      <form method="post"
        className={`${PANEL} space-y-4`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void approve.send(words.approvePath, { comment: approveComment }, words.approved);
        }}
      >
        {approve.summary}
        <TextAreaField id={approve.id("comment")} label="Comment (optional)" rows={2} value={approveComment} error={approve.fieldErrors.comment} onChange={(e) => setApproveComment(e.target.value)} />
        <button type="submit" disabled={approve.busy} className={BUTTON}>
          {words.approveButton}
        </button>
      </form>
      <form method="post"
        className={`${PANEL} space-y-4`}
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (await giveBack.send(words.returnPath, { comment: returnComment }, words.returned)) setReturnComment("");
        }}
      >
        {giveBack.summary}
        <TextAreaField
          id={giveBack.id("comment")}
          label={words.returnLabel}
          hint={words.returnHint}
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

/** The caseworker asks for a supervisor's decision with an optional comment (after a return, the answer to the supervisor's). */
export function AskForDecisionForm({
  version,
  path,
  prefix,
  headingId,
  notAsked,
  label,
  button,
  asked,
}: {
  version: number;
  path: string;
  prefix: string;
  headingId: string;
  notAsked: string;
  label: string;
  button: string;
  asked?: string;
}) {
  const form = useSectionForm(version, prefix, notAsked, headingId);
  const [comment, setComment] = useState("");
  return (
    <form method="post"
      className={`${PANEL} space-y-4`}
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (await form.send(path, { comment }, asked)) setComment("");
      }}
    >
      {form.summary}
      <TextAreaField id={form.id("comment")} label={label} rows={3} value={comment} error={form.fieldErrors.comment} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" disabled={form.busy} className={BUTTON}>
        {button}
      </button>
    </form>
  );
}
