import type { CaseSectionProps } from "@/features/cases/case-section";
import type { ApprovalEntry } from "@/domain/episode-facts";
import { stepTitle } from "@/domain/steps";
import { formatInstant } from "@/lib/format-time";
import { ReassignForm, RequestReviewForm, ReviewDecisionForms } from "./review-forms";

/**
 * A supervisor's review of the submitted report: where it stands, the supervisor's comment on a
 * returned report, what changed since the decision, the history with its comments, and the forms
 * for what the person may do (episodeProgress()'s review; the server decides each case again). A
 * supervisor finds the closure's sign-off from here.
 */
export function ReviewSection(props: CaseSectionProps) {
  const { facts, progress, canFile, canApprove, viewerId } = props;
  if (!facts.submittedAt && !facts.review) return null;
  const { review } = progress;
  const ownEpisode = viewerId === facts.caseworkerId;
  const decides = canApprove && !ownEpisode && review.state === "requested" && progress.editable;
  return (
    <section aria-labelledby="review-heading" className="mt-8 min-w-0 break-words">
      <h2 id="review-heading" tabIndex={-1} className="text-2xl font-bold">
        Supervisor review
      </h2>
      <p className="mt-1 max-w-prose">
        <strong>{statusWords(props)}</strong>
      </p>
      <p className="mt-1 max-w-prose">The reports to law enforcement and NCMEC never wait for this review.</p>
      <ReturnedComment {...props} />
      {review.changedSinceDecision.length > 0 ? (
        <p className="mt-3 max-w-prose">Changed since the supervisor&apos;s decision: {review.changedSinceDecision.map(stepTitle).join(", ")}.</p>
      ) : null}
      {canFile && review.canRequest && review.state === "returned" ? (
        <p className="mt-3 max-w-prose">
          Change the report as the comment asks (
          <a href={`/cases/${facts.id}/report/review`} className="text-blue-800 underline">
            review or change the report
          </a>
          ); each change is recorded, and you are asked to send it to NCMEC and law enforcement. Then ask for review again.
        </p>
      ) : null}
      {canFile && review.canRequest && progress.unsentAmendments.length > 0 ? (
        <p className="mt-2 max-w-prose font-semibold">
          Changes not yet sent to NCMEC and law enforcement:{" "}
          <a href="#amendments" className="text-blue-800 underline">
            send them and record it
          </a>
          .
        </p>
      ) : null}
      {canFile && review.canRequest ? <RequestReviewForm episodeId={facts.id} version={facts.version} again={review.state !== "none"} /> : null}
      {decides ? (
        <>
          <h3 className="mt-6 text-xl font-bold">Your review</h3>
          <p className="mt-1 max-w-prose">Approve the report, or return it with a comment saying what the caseworker must change.</p>
          <ReviewDecisionForms episodeId={facts.id} version={facts.version} />
        </>
      ) : null}
      {canApprove && ownEpisode && review.state === "requested" ? (
        <p className="mt-3 max-w-prose">This is your own episode: another supervisor or the on-call supervisor reviews its report.</p>
      ) : null}
      <History {...props} />
      {canApprove ? (
        <p className="mt-4 max-w-prose">
          Closure sign-off for this episode is under{" "}
          <a href="#closure-heading" className="text-blue-800 underline">
            Closure
          </a>
          .
        </p>
      ) : null}
    </section>
  );
}

const by = ({ names, timeZone }: CaseSectionProps, id: string | null | undefined, at: Date | null | undefined) =>
  `${(id && names[id]) || "a former staff member"} on ${at ? formatInstant(at, timeZone) : "a date not recorded"}`;

/** Where the review stands, in words: who did what, when. */
function statusWords(props: CaseSectionProps): string {
  const review = props.facts.review;
  switch (props.progress.review.state) {
    case "requested":
      return `Waiting for a supervisor's review: asked for by ${by(props, review?.requestedById, review?.requestedAt)}.`;
    case "returned":
      return `Returned by ${by(props, review?.decidedById, review?.decidedAt)}: change what the comment asks, then ask for review again.`;
    case "approved":
      return `Approved by ${by(props, review?.decidedById, review?.decidedAt)}.`;
    default:
      return "Review has not been asked for.";
  }
}

/** The supervisor's comment on a returned report, shown first for the caseworker to answer. */
function ReturnedComment(props: CaseSectionProps) {
  const { returnedComment } = props.progress.review;
  if (returnedComment === null) return null;
  const entry = [...(props.facts.review?.entries ?? [])].reverse().find((candidate) => candidate.action === "RETURNED");
  return (
    <div className="mt-4 max-w-prose rounded border-l-8 border-amber-700 bg-amber-50 p-3 sm:p-4">
      <h3 className="text-xl font-bold">The supervisor&apos;s comment on the report</h3>
      {entry ? <p className="mt-1 text-sm">{`${props.names[entry.byId] ?? "A former staff member"}, ${formatInstant(entry.at, props.timeZone)}`}</p> : null}
      <blockquote className="mt-2 text-lg whitespace-pre-wrap">{returnedComment}</blockquote>
    </div>
  );
}

const ACTION_WORDS: Record<ApprovalEntry["action"], string> = { REQUESTED: "Review asked for", APPROVED: "Approved", RETURNED: "Returned with a comment", REOPENED: "Reopened" };

/** Every request and decision, oldest first: who, when, what, and the comment. */
function History({ facts, names, timeZone }: CaseSectionProps) {
  const entries = facts.review?.entries ?? [];
  if (entries.length === 0) return null;
  return (
    <>
      <h3 className="mt-6 text-xl font-bold">Review history</h3>
      <ol className="mt-2 max-w-prose space-y-3">
        {entries.map((entry, index) => (
          <li key={`${index}-${entry.at.toISOString()}`} className="min-w-0 rounded border border-slate-300 bg-white p-3">
            <p>
              <strong>{ACTION_WORDS[entry.action]}</strong> by {names[entry.byId] ?? "a former staff member"}, {formatInstant(entry.at, timeZone)}
            </p>
            {entry.comment ? <p className="mt-1 border-l-4 border-slate-400 pl-3 whitespace-pre-wrap">{entry.comment}</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

/** A supervisor gives the open case to another active caseworker of the agency. */
export function ReassignSection({ facts, progress, canApprove, caseworkers, caseworkerName }: CaseSectionProps & { caseworkers: readonly { id: string; name: string; email: string }[]; caseworkerName: string }) {
  if (!canApprove || !progress.editable) return null;
  const choices = caseworkers.filter((person) => person.id !== facts.caseworkerId).map((person) => ({ id: person.id, label: `${person.name} (${person.email})` }));
  return (
    <section aria-labelledby="reassign-heading" className="mt-8 min-w-0 break-words">
      <h2 id="reassign-heading" tabIndex={-1} className="text-2xl font-bold">
        Reassign
      </h2>
      <p className="mt-1 max-w-prose">The case is with {caseworkerName}.</p>
      {choices.length > 0 ? (
        <ReassignForm episodeId={facts.id} version={facts.version} caseworkers={choices} />
      ) : (
        <p className="mt-2 max-w-prose">The agency has no other active caseworker to give it to.</p>
      )}
    </section>
  );
}

/**
 * Near the top of the case page: a returned report for the caseworker to answer, or a report
 * waiting for a supervisor's review, with a link down to the review.
 */
export function ReviewCallout({ progress, canFile, canApprove, viewerId, facts }: CaseSectionProps) {
  const { state } = progress.review;
  if (!progress.editable) return null;
  if (state === "returned" && canFile) {
    return (
      <p className="mt-4 max-w-prose rounded border-l-8 border-amber-700 bg-amber-50 p-3 font-semibold">
        A supervisor returned the report with a comment.{" "}
        <a href="#review-heading" className="text-blue-800 underline">
          Read the supervisor&apos;s comment
        </a>
      </p>
    );
  }
  if (state === "requested" && canApprove && viewerId !== facts.caseworkerId) {
    return (
      <p className="mt-4 max-w-prose rounded border-l-8 border-blue-800 bg-blue-50 p-3 font-semibold">
        This report is waiting for a supervisor&apos;s review.{" "}
        <a href="#review-heading" className="text-blue-800 underline">
          Review the report
        </a>
      </p>
    );
  }
  return null;
}
