import type { CaseSectionProps } from "@/features/cases/case-section";
import { APPROVAL_ACTIONS } from "@/domain/code-sets";
import { labelOf } from "@/domain/ncic-codes";
import type { ApprovalEntry } from "@/domain/episode-facts";
import { formatInstant } from "@/lib/format-time";
import { ReopenForm, RequestClosureForm, SignOffForms, VoidForm } from "./closure-forms";

/**
 * Asking for sign-off, the supervisor's decision, reopening and voiding: where the closure stands
 * and what is still missing in words (episodeProgress()'s closure), the sign-off history, and the
 * forms for what the person may do. The server decides each case again.
 */
export function ClosureSection(props: CaseSectionProps) {
  const { facts, progress, canFile, canApprove, viewerId } = props;
  // Never on one's own episode (the server refuses it too).
  const signsOff = canApprove && viewerId !== facts.caseworkerId;
  const started = facts.submittedAt !== null || facts.recovery?.recoveredAt != null || facts.ended !== null || facts.closure !== null || facts.closedAt !== null;
  const voidable = canApprove && progress.editable;
  if (!started && !voidable && !facts.voided) return null;
  const { closure } = progress;
  const waiting = closure.state === "requested" && progress.editable;
  return (
    <section aria-labelledby="closure-heading" className="mt-8 min-w-0 break-words">
      <h2 id="closure-heading" tabIndex={-1} className="text-2xl font-bold">
        Closure
      </h2>
      <p className="mt-1 max-w-prose">
        <strong>{statusWords(props)}</strong>
      </p>
      {facts.voided ? (
        <p className="mt-2 max-w-prose whitespace-pre-wrap">Reason: {facts.voided.reason}</p>
      ) : null}
      <ReturnedComment {...props} />
      {started && progress.editable && !waiting && closure.missing.length > 0 ? (
        <>
          <h3 className="mt-4 text-xl font-bold">Still missing before closure can be asked for</h3>
          <ul className="mt-2 max-w-prose list-disc space-y-1 pl-6">
            {closure.missing.map((item, index) => (
              <li key={`${index}-${item}`}>{item}</li>
            ))}
          </ul>
        </>
      ) : null}
      {canFile && progress.editable && closure.canRequest ? <RequestClosureForm episodeId={facts.id} version={facts.version} answering={closure.state === "returned"} /> : null}
      {signsOff && waiting ? (
        <>
          <h3 className="mt-6 text-xl font-bold">Your sign-off</h3>
          <p className="mt-1 max-w-prose">Approve to close the episode, or return it with a comment saying what the caseworker must do first.</p>
          <SignOffForms episodeId={facts.id} version={facts.version} />
        </>
      ) : null}
      <History {...props} />
      {canApprove && facts.closedAt && !facts.voided ? <ReopenForm episodeId={facts.id} version={facts.version} /> : null}
      {voidable ? <VoidForm episodeId={facts.id} version={facts.version} /> : null}
    </section>
  );
}

/** Where the closure stands, in words: who did what, when. */
function statusWords({ facts, progress, names, timeZone }: CaseSectionProps): string {
  const by = (id: string | null | undefined, at: Date | null | undefined) => `${(id && names[id]) || "a former staff member"} on ${at ? formatInstant(at, timeZone) : "a date not recorded"}`;
  if (facts.voided) return `Voided (entered in error) by ${by(facts.voided.voidedById, facts.voided.voidedAt)}.`;
  const closure = facts.closure;
  if (facts.closedAt) return closure?.status === "APPROVED" ? `Closed: approved by ${by(closure.decidedById, closure.decidedAt)}.` : `Closed on ${formatInstant(facts.closedAt, timeZone)}.`;
  switch (progress.closure.state) {
    case "requested":
      return `Waiting for a supervisor's sign-off: asked for by ${by(closure?.requestedById, closure?.requestedAt)}.`;
    case "returned":
      return `Returned by ${by(closure?.decidedById, closure?.decidedAt)}: answer the comment, then ask for closure again.`;
    case "reopened":
      return `Reopened by ${by(closure?.decidedById, closure?.decidedAt)}: closure must be asked for and signed off again.`;
    default:
      return progress.closure.canRequest ? "Nothing is missing: closure can be asked for." : "Not ready for closure yet.";
  }
}

/** The supervisor's comment on a returned closure, shown first for the caseworker to answer. */
function ReturnedComment({ facts, progress, names, timeZone }: CaseSectionProps) {
  if (progress.closure.state !== "returned" || progress.closure.returnedComment === null) return null;
  const entry = [...(facts.closure?.entries ?? [])].reverse().find((candidate) => candidate.action === "RETURNED");
  return (
    <div className="mt-4 max-w-prose rounded border-l-8 border-amber-700 bg-amber-50 p-3 sm:p-4">
      <h3 className="text-xl font-bold">The supervisor&apos;s comment</h3>
      {entry ? (
        <p className="mt-1 text-sm">
          {(names[entry.byId] ?? "A former staff member") + ", " + formatInstant(entry.at, timeZone)}
        </p>
      ) : null}
      <blockquote className="mt-2 text-lg whitespace-pre-wrap">{progress.closure.returnedComment}</blockquote>
    </div>
  );
}

/** Every request and decision, oldest first: who, when, what, and the comment. */
function History({ facts, names, timeZone }: CaseSectionProps) {
  const entries = facts.closure?.entries ?? [];
  if (entries.length === 0) return null;
  return (
    <>
      <h3 className="mt-6 text-xl font-bold">Sign-off history</h3>
      <ol className="mt-2 max-w-prose space-y-3">
        {entries.map((entry: ApprovalEntry, index) => (
          <li key={`${index}-${entry.at.toISOString()}`} className="min-w-0 rounded border border-slate-300 bg-white p-3">
            <p>
              <strong>{labelOf(APPROVAL_ACTIONS, entry.action)}</strong> by {names[entry.byId] ?? "a former staff member"}, {formatInstant(entry.at, timeZone)}
            </p>
            {entry.comment ? <p className="mt-1 border-l-4 border-slate-400 pl-3 whitespace-pre-wrap">{entry.comment}</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
