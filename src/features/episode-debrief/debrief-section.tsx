import type { ReactNode } from "react";
import type { CaseSectionProps } from "@/features/cases/case-section";
import { clockText, type Clock } from "@/domain/clocks";
import { CONCERN_LEVELS, DEBRIEF_ATTEMPT_RESULTS, RAN_FROM, RAN_TO, TRAFFICKING_FINDINGS } from "@/domain/code-sets";
import { labelOf } from "@/domain/ncic-codes";
import type { DebriefFacts } from "@/domain/episode-facts";
import { instantToWallTime } from "@/domain/zoned-time";
import { formatInstant } from "@/lib/format-time";
import { screeningInstrumentLabel, screeningInstrumentOptions } from "@/lib/schemas/episode-debrief";
import { agencyScreeningInstruments } from "@/server/episodes/screening-instruments";
import { AttemptForm, DebriefActionButton, DebriefForm, DeterminationForm, ScreenForm, TraffickingReportForm, type DebriefFormValues } from "./debrief-forms";

const STATE_BORDER: Record<Clock["state"], string> = {
  pending: "border-amber-700 bg-amber-50",
  overdue: "border-red-800 bg-red-50",
  "on-time": "border-green-800 bg-green-50",
  late: "border-red-800 bg-red-50",
};

/**
 * The return debrief, the trafficking screen, the determination and the trafficking report. The
 * debrief waits for the recovery; the determination can be recorded at any time after the missing
 * event, and the report to law enforcement shows whenever one is owed (while missing too).
 */
export async function DebriefSection(props: CaseSectionProps) {
  const { facts, progress, canFile } = props;
  if (!facts.missingEvent) return null;
  const recovered = facts.recovery?.recoveredAt != null;
  const canChange = canFile && progress.editable;
  const instruments = recovered && canChange ? screeningInstrumentOptions(await agencyScreeningInstruments(facts.agencyId)) : [];
  return (
    <>
      <section aria-labelledby="debrief-heading" className="mt-8 min-w-0 break-words">
        <h2 id="debrief-heading" tabIndex={-1} className="text-2xl font-bold">
          Return debrief
        </h2>
        {progress.debrief.clock ? (
          <ClockNote clock={progress.debrief.clock} timeZone={props.timeZone} from="after the recovery" />
        ) : (
          <p className="mt-1 max-w-prose">The debrief is due after the child&apos;s recovery; its clock starts when the recovery is recorded.</p>
        )}
        {recovered ? (
          <>
            <DebriefStatus {...props} />
            {canChange && !facts.debrief?.completedAt ? (
              <DebriefForm episodeId={facts.id} version={facts.version} initial={formValuesOf(facts.debrief, props.timeZone)} />
            ) : (
              <DebriefAnswers debrief={facts.debrief} timeZone={props.timeZone} />
            )}
            <Attempts {...props} />
            <Screens {...props} instruments={instruments} />
          </>
        ) : null}
        <Determination {...props} />
        {recovered ? <Completion {...props} /> : null}
      </section>
      <TraffickingReport {...props} />
    </>
  );
}

/** A clock in words and as a time in the agency's zone: the colour only repeats the words. */
function ClockNote({ clock, timeZone, from }: { clock: Clock; timeZone: string; from: string }) {
  return (
    <p className={`mt-2 rounded border-l-8 p-3 ${STATE_BORDER[clock.state]}`}>
      <strong>{clockText(clock)}</strong>. Deadline: {formatInstant(clock.deadline, timeZone)} ({clock.ruleHours} hours {from}).
      {clock.lateReason ? ` Reason for the delay: ${clock.lateReason}` : ""}
    </p>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6 min-w-0">
      <h3 id={id} className="text-xl font-bold">
        {title}
      </h3>
      {children}
    </section>
  );
}

function DebriefStatus({ facts, timeZone, names }: CaseSectionProps) {
  const debrief = facts.debrief;
  if (!debrief) return <p className="mt-2">Nothing of the debrief is recorded yet.</p>;
  return (
    <ul className="mt-2 list-disc space-y-1 pl-6">
      {debrief.ranAgainBeforeDebrief ? <li>Not held: the child ran again before the debrief.</li> : null}
      {debrief.completedAt ? <li>Marked complete {formatInstant(debrief.completedAt, timeZone)}.</li> : <li>Not marked complete yet.</li>}
      {debrief.acceptedWithoutInterviewAt ? (
        <li>
          Accepted without an interview {formatInstant(debrief.acceptedWithoutInterviewAt, timeZone)}
          {debrief.acceptedWithoutInterviewById ? ` by ${names[debrief.acceptedWithoutInterviewById] ?? "a supervisor"}` : ""}.
        </li>
      ) : null}
    </ul>
  );
}

function formValuesOf(debrief: DebriefFacts | null, timeZone: string): DebriefFormValues {
  return {
    interviewerName: debrief?.interviewerName ?? "",
    interviewerRole: debrief?.interviewerRole ?? "",
    interviewedAt: debrief?.interviewedAt ? instantToWallTime(debrief.interviewedAt, timeZone) : "",
    place: debrief?.place ?? "",
    othersPresent: debrief?.othersPresent ?? "",
    ranFrom: [...(debrief?.ranFrom ?? [])],
    ranTo: [...(debrief?.ranTo ?? [])],
    factorsNarrative: debrief?.factorsNarrative ?? "",
    responseNow: debrief?.responseNow ?? "",
    plansLater: debrief?.plansLater ?? "",
    stayedWhere: debrief?.stayedWhere ?? "",
    stayedWith: debrief?.stayedWith ?? "",
    needsMet: debrief?.needsMet ?? "",
    harm: debrief?.harm ?? "",
  };
}

/** The debrief as recorded, for those who read it (and once it is complete). */
function DebriefAnswers({ debrief, timeZone }: { debrief: DebriefFacts | null; timeZone: string }) {
  if (!debrief) return null;
  const rows: [string, string][] = [
    ["Interviewed by", [debrief.interviewerName, debrief.interviewerRole].filter(Boolean).join(", ")],
    ["When", debrief.interviewedAt ? formatInstant(debrief.interviewedAt, timeZone) : ""],
    ["Where", debrief.place],
    ["Others present", debrief.othersPresent],
    ["Ran from", debrief.ranFrom.map((code) => labelOf(RAN_FROM, code)).join(", ")],
    ["Ran to", debrief.ranTo.map((code) => labelOf(RAN_TO, code)).join(", ")],
    ["The factors", debrief.factorsNarrative],
    ["Response in the current placement", debrief.responseNow],
    ["Plans for later placements", debrief.plansLater],
    ["Where the child stayed", debrief.stayedWhere],
    ["Who the child stayed with", debrief.stayedWith],
    ["How the child met their needs", debrief.needsMet],
    ["Harm suffered", debrief.harm],
  ];
  return (
    <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[14rem_minmax(0,1fr)]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd className="whitespace-pre-line">{value || "Not recorded"}</dd>
        </div>
      ))}
    </dl>
  );
}

function Attempts({ facts, progress, canFile, canApprove, viewerId, timeZone, nowWallTime }: CaseSectionProps) {
  const debrief = facts.debrief;
  const canChange = canFile && progress.editable && !debrief?.completedAt;
  const canAccept =
    canApprove && viewerId !== facts.caseworkerId && progress.editable && facts.debriefAttempts.length > 0 && !debrief?.completedAt && !debrief?.acceptedWithoutInterviewAt && !debrief?.interviewedAt;
  return (
    <Part id="debrief-attempts-heading" title="Attempts to debrief the child">
      {facts.debriefAttempts.length === 0 ? (
        <p className="mt-1">No attempt that did not happen is recorded.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {facts.debriefAttempts.map((attempt) => (
            <li key={attempt.id} className="border-l-4 border-slate-400 pl-3">
              <span className="font-semibold">{formatInstant(attempt.at, timeZone)}</span>: {labelOf(DEBRIEF_ATTEMPT_RESULTS, attempt.result)}.
              {attempt.nextAttemptOn ? ` Next attempt: ${attempt.nextAttemptOn}.` : ""}
              {attempt.note ? <span className="block whitespace-pre-line">{attempt.note}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {canChange ? <AttemptForm episodeId={facts.id} version={facts.version} nowWallTime={nowWallTime} /> : null}
      {canAccept ? (
        <>
          <p className="mt-3 max-w-prose">After documented attempts, a supervisor other than the episode&apos;s caseworker may accept the debrief without an interview.</p>
          <DebriefActionButton
            episodeId={facts.id}
            version={facts.version}
            path="debrief/accept-without-interview"
            label="Accept the debrief without an interview"
            savedText="The debrief was accepted without an interview."
          />
        </>
      ) : null}
    </Part>
  );
}

function Screens({ facts, progress, canFile, timeZone, nowWallTime, instruments }: CaseSectionProps & { instruments: readonly { code: string; label: string }[] }) {
  return (
    <Part id="trafficking-screens-heading" title="Sex-trafficking screens">
      <p className="mt-1 max-w-prose">Required for every returned child, with or without an interview. Record the instrument&apos;s result, not the questionnaire.</p>
      {facts.screens.length === 0 ? (
        <p className="mt-1">No screen is recorded yet.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {facts.screens.map((screen) => (
            <li key={screen.id} className="border-l-4 border-slate-400 pl-3">
              <span className="font-semibold">{screeningInstrumentLabel(screen.instrument)}</span>
              {screen.version ? ` (${screen.version})` : ""}: {labelOf(CONCERN_LEVELS, screen.result)}. Screened by {screen.screenedBy}, {formatInstant(screen.screenedAt, timeZone)}.
            </li>
          ))}
        </ul>
      )}
      {canFile && progress.editable ? <ScreenForm episodeId={facts.id} version={facts.version} nowWallTime={nowWallTime} instruments={instruments} /> : null}
    </Part>
  );
}

function Determination({ facts, progress, canFile, timeZone }: CaseSectionProps) {
  const determination = facts.determination;
  return (
    <Part id="trafficking-determination-heading" title="Trafficking determination">
      <p className="mt-1 max-w-prose">A child can be identified as a victim at any time: while missing, at the recovery or at the debrief.</p>
      {determination ? (
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>Sex trafficking: {labelOf(TRAFFICKING_FINDINGS, determination.sex)}</li>
          <li>Labor trafficking: {labelOf(TRAFFICKING_FINDINGS, determination.labor)}</li>
          {determination.informationReceivedAt ? <li>Information received {formatInstant(determination.informationReceivedAt, timeZone)}</li> : null}
        </ul>
      ) : (
        <p className="mt-1">No determination is recorded yet.</p>
      )}
      {canFile && progress.editable ? (
        <DeterminationForm
          episodeId={facts.id}
          version={facts.version}
          initial={{
            sex: determination?.sex ?? "",
            labor: determination?.labor ?? "",
            informationReceivedAt: determination?.informationReceivedAt ? instantToWallTime(determination.informationReceivedAt, timeZone) : "",
          }}
        />
      ) : null}
    </Part>
  );
}

function Completion({ facts, progress, canFile }: CaseSectionProps) {
  if (facts.debrief?.completedAt) return null;
  const canChange = canFile && progress.editable;
  const { gaps } = progress.debrief;
  return (
    <Part id="debrief-complete-heading" title="Mark the debrief complete">
      {gaps.length > 0 ? (
        <>
          <p className="mt-1 font-semibold">Still missing:</p>
          <ul className="mt-1 list-disc space-y-1 pl-6">
            {gaps.map((gap) => (
              <li key={gap}>{gap}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-1">Nothing is missing: the debrief can be marked complete.</p>
      )}
      {canChange ? (
        <>
          <DebriefActionButton episodeId={facts.id} version={facts.version} path="debrief/complete" label="Mark the debrief complete" savedText="The debrief was marked complete." />
          <details className="mt-4">
            <summary className="cursor-pointer font-semibold text-blue-800 underline">The child ran again before the debrief</summary>
            <p className="mt-2 max-w-prose">Once the new absence is reported as a new missing episode, record this debrief as not held because the child ran again.</p>
            <DebriefActionButton
              episodeId={facts.id}
              version={facts.version}
              path="debrief/ran-again"
              label="Record: ran again before the debrief"
              savedText="The debrief was recorded as not held: the child ran again."
            />
          </details>
        </>
      ) : null}
    </Part>
  );
}

function TraffickingReport({ facts, progress, canRecord, timeZone, nowWallTime, names }: CaseSectionProps) {
  const { owed, clock } = progress.trafficking;
  if (!owed) return null;
  const report = facts.traffickingReport;
  return (
    <section aria-labelledby="trafficking-report-heading" className="mt-8 min-w-0 break-words">
      <h2 id="trafficking-report-heading" tabIndex={-1} className="text-2xl font-bold">
        Trafficking report to law enforcement
      </h2>
      {clock ? (
        <ClockNote clock={clock} timeZone={timeZone} from="after the agency received the information" />
      ) : (
        <p className="mt-1">Record when the agency received the information that identified the child: the clock runs from then.</p>
      )}
      {report ? (
        <p className="mt-2">
          Law enforcement was told {formatInstant(report.reportedAt, timeZone)}: {report.agencyName}
          {report.officerName ? `, ${report.officerName}` : ""}
          {report.caseNumber ? `, case number ${report.caseNumber}` : ""}. Recorded by {names[report.recordedById] ?? "a colleague"}.
        </p>
      ) : null}
      {canRecord && progress.editable && clock && !report ? <TraffickingReportForm episodeId={facts.id} version={facts.version} nowWallTime={nowWallTime} /> : null}
    </section>
  );
}
