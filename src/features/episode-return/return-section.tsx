import type { CaseSectionProps } from "@/features/cases/case-section";
import { NoticeCard } from "@/features/cases/clock-summary";
import { NoticeForms } from "@/features/cases/notice-forms";
import { END_REASONS, MARK_KINDS, RECOVERED_BY, RECOVERY_PLACE_KINDS, US_STATES, answerLabel, type EpisodeNoticeEvent } from "@/domain/code-sets";
import { labelOf } from "@/domain/ncic-codes";
import type { RecoveryFacts } from "@/domain/episode-facts";
import type { NoticeProgress } from "@/domain/notice-rules";
import { formatInstant } from "@/lib/format-time";
import { RecoveryForm } from "./recovery-form";
import { EndEpisodeForm } from "./end-episode-form";

const DL = "mt-3 grid max-w-2xl grid-cols-1 gap-x-4 gap-y-1 break-words sm:grid-cols-[14rem_minmax(0,1fr)] sm:gap-y-2";

/** Located and recovered, the return notices, and an ending without a recovery with its cancellation notices. */
export function ReturnSection(props: CaseSectionProps) {
  const { facts, progress, canFile, timeZone } = props;
  // Nothing to record until the report says when the child went missing.
  if (!facts.missingEvent) return null;
  const canEdit = canFile && progress.editable;
  const { recovery, ended } = facts;
  return (
    <section aria-labelledby="recovery-heading" className="mt-8">
      <h2 id="recovery-heading" tabIndex={-1} className="text-2xl font-bold">
        Recovery
      </h2>
      {ended ? (
        <dl className={DL}>
          <dt className="font-semibold">Ended without a recovery</dt>
          <dd>
            {formatInstant(ended.endedAt, timeZone)}: {labelOf(END_REASONS, ended.reason)}
          </dd>
          {ended.note ? (
            <>
              <dt className="font-semibold">Note</dt>
              <dd className="whitespace-pre-line">{ended.note}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {recovery ? <RecoverySummary recovery={recovery} {...props} /> : ended ? null : <p className="mt-2">The child has not been located or recovered yet.</p>}

      {progress.reportsDueAfterRecovery ? (
        <div className="mt-4 rounded border-l-8 border-amber-700 bg-amber-50 p-4">
          <h3 className="text-lg font-bold">Reports still due</h3>
          <p className="mt-1 max-w-prose">
            The child was recovered before {[facts.lawEnforcement ? null : "the report to law enforcement", facts.ncmec ? null : "the report to NCMEC"].filter(Boolean).join(" and ")}{" "}
            was made. It is still required, and its deadline keeps running: record it in the report.
          </p>
        </div>
      ) : null}

      {canEdit && !ended ? (
        <details className="mt-4">
          <summary className="cursor-pointer font-semibold text-blue-800 underline">{recovery ? "Correct the recovery" : "Record that the child was located or recovered"}</summary>
          <RecoveryForm episodeId={facts.id} version={facts.version} recovery={recovery} timeZone={timeZone} />
        </details>
      ) : null}

      {progress.returnNotices.length > 0 ? (
        <Notices
          {...props}
          event="RETURN"
          title="Return notices"
          intro="Law enforcement (so the NCIC entry is cleared), NCMEC (so its case is closed) and the agency's list, each told within its deadline from when the agency learned of the recovery."
          notices={progress.returnNotices}
        />
      ) : null}

      {canEdit && !ended && !recovery?.recoveredAt ? <EndEpisodeForm episodeId={facts.id} version={facts.version} nowWallTime={props.nowWallTime} /> : null}

      {progress.cancelNotices.length > 0 ? (
        <Notices
          {...props}
          event="CANCEL"
          title="Reports to cancel"
          intro="The episode ended without a recovery: law enforcement and NCMEC are asked to cancel their reports, each within its deadline from the end."
          notices={progress.cancelNotices}
        />
      ) : null}
    </section>
  );
}

function RecoverySummary({ recovery, timeZone, names }: CaseSectionProps & { recovery: RecoveryFacts }) {
  const at = (instant: Date | null) => (instant ? formatInstant(instant, timeZone) : "Not recorded");
  const where = [recovery.address, recovery.city, recovery.state ? labelOf(US_STATES, recovery.state) : ""].filter(Boolean).join(", ");
  const rows: [string, string][] = [
    ["Located", at(recovery.locatedAt)],
    ["Recovered", at(recovery.recoveredAt)],
    ["Agency learned of the recovery", at(recovery.knownAt)],
    ["Where", where || "Not recorded"],
    ["Kind of place", recovery.placeKind ? labelOf(RECOVERY_PLACE_KINDS, recovery.placeKind) : "Not recorded"],
    ["Found in another state", recovery.outOfState ? "Yes: the Interstate Compact for Juveniles applies" : "No"],
    ["How the child came back", recovery.recoveredBy ? labelOf(RECOVERED_BY, recovery.recoveredBy) : "Not recorded"],
    ...(recovery.recoveredBy === "LAW_ENFORCEMENT"
      ? ([
          ["Officer", recovery.officerName ?? "Not recorded"],
          ["Law enforcement's case number", recovery.lawEnforcementCaseNumber ?? "Not recorded"],
        ] as [string, string][])
      : []),
    ["Condition", recovery.condition || "Not recorded"],
    ["New marks", recovery.newMarks.length === 0 ? "None" : recovery.newMarks.map((mark) => `${labelOf(MARK_KINDS, mark.kind)}, ${mark.location}: ${mark.description}`).join("; ")],
    ["Placed now", recovery.placement || "Not recorded"],
    ["Summary for a later packet", recovery.packetSummary || "Not written"],
    ["Recorded", `${formatInstant(recovery.recordedAt, timeZone)}${names[recovery.recordedById] ? ` by ${names[recovery.recordedById]}` : ""}`],
  ];
  return (
    <dl className={DL}>
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd className="whitespace-pre-line">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Words before a card's heading, so the return and cancellation cards are told apart from the
 * missing notices (whose card is named "Notice: The court"; no name here contains another).
 */
const CARD_WORDS: Record<Exclude<EpisodeNoticeEvent, "MISSING">, string> = { RETURN: "Return", CANCEL: "Cancellation" };
const CONFIRMED_WORDS: Record<Exclude<EpisodeNoticeEvent, "MISSING">, Partial<Record<string, string>>> = {
  RETURN: { LAW_ENFORCEMENT: "NCIC entry cleared", NCMEC: "NCMEC's case closed" },
  CANCEL: { LAW_ENFORCEMENT: "NCIC entry cancelled", NCMEC: "NCMEC's case closed" },
};

function Notices({
  facts,
  progress,
  canRecord,
  timeZone,
  nowWallTime,
  names,
  event,
  title,
  intro,
  notices,
}: CaseSectionProps & { event: Exclude<EpisodeNoticeEvent, "MISSING">; title: string; intro: string; notices: NoticeProgress[] }) {
  return (
    <>
      <h3 className="mt-6 text-xl font-bold">{title}</h3>
      <p className="mt-1 max-w-prose">{intro}</p>
      <div className="mt-3 grid grid-cols-[minmax(0,1fr)] gap-4 sm:grid-cols-2">
        {notices.map((notice) => {
          const record = notice.record;
          const confirmedWords = CONFIRMED_WORDS[event][notice.recipient];
          return (
            <NoticeCard key={notice.recipient} notice={{ ...notice, label: `${CARD_WORDS[event]}: ${notice.label}` }} timeZone={timeZone}>
              {record?.sentAt ? (
                <ul className="mt-1 break-words">
                  {record.toldBy ? <li>Told by: {record.toldBy}</li> : null}
                  {record.toWhom ? <li>Person told: {record.toWhom}</li> : null}
                  {record.method ? <li>How: {record.method}</li> : null}
                  {confirmedWords ? (
                    <li>
                      {confirmedWords}: {answerLabel(record.confirmed)}
                    </li>
                  ) : null}
                  {names[record.recordedById] ? <li>Recorded by {names[record.recordedById]}</li> : null}
                </ul>
              ) : null}
              {canRecord && progress.editable ? (
                <NoticeForms episodeId={facts.id} version={facts.version} recipient={notice.recipient} label={notice.label} reasons={notice.reasons} nowWallTime={nowWallTime} event={event} />
              ) : null}
            </NoticeCard>
          );
        })}
      </div>
    </>
  );
}
