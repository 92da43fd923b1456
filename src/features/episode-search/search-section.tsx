import type { ReactNode } from "react";
import type { CaseSectionProps } from "@/features/cases/case-section";
import { clockText, type Clock } from "@/domain/clocks";
import { SEARCH_ACTIVITY_KINDS } from "@/domain/code-sets";
import type { SearchActivity } from "@/domain/episode-facts";
import type { LeadProgress } from "@/domain/episode-progress";
import { formatInstant } from "@/lib/format-time";
import { AddActivityForm, LeadPassedForm, LongTermItemButton, NcicRecordsSentForm } from "./search-forms";

const STATE_BORDER: Record<Clock["state"], string> = {
  pending: "border-amber-700 bg-amber-50",
  overdue: "border-red-800 bg-red-50",
  "on-time": "border-green-800 bg-green-50",
  late: "border-red-800 bg-red-50",
};

/** The search while the child is missing: the search log, leads, the NCIC update's records and the long-term checklist. */
export function SearchSection(props: CaseSectionProps) {
  const { facts, progress, canFile } = props;
  if (!facts.submittedAt && facts.searchActivities.length === 0) return null;
  const canChange = canFile && progress.editable;
  return (
    <section aria-labelledby="search-heading" className="mt-8 min-w-0 break-words">
      <h2 id="search-heading" tabIndex={-1} className="text-2xl font-bold">
        Search while missing
      </h2>
      {progress.missing ? (
        <p className="mt-1 max-w-prose">Record everything done to find the child. A lead must be passed to law enforcement before its deadline.</p>
      ) : (
        <p className="mt-1 max-w-prose">The child is no longer missing: no more search activities can be added.</p>
      )}
      <SearchReminders {...props} />
      <NcicUpdate {...props} />
      <SearchLog {...props} />
      {progress.missing && canChange && facts.missingEvent ? <AddActivityForm episodeId={facts.id} version={facts.version} nowWallTime={props.nowWallTime} /> : null}
      <LongTermChecklist {...props} />
    </section>
  );
}

/** A deadline in words and as a time in the agency's zone: the colour only repeats the words. */
function ClockLine({ clock, timeZone }: { clock: Clock; timeZone: string }) {
  return (
    <p className="mt-1">
      <strong>{clockText(clock)}</strong> (deadline {formatInstant(clock.deadline, timeZone)})
    </p>
  );
}

function Card({ label, clock, children }: { label: string; clock: Clock | null; children: ReactNode }) {
  return (
    <section aria-label={label} className={`mt-4 min-w-0 rounded border-l-8 p-3 sm:p-4 ${clock ? STATE_BORDER[clock.state] : "border-slate-500 bg-slate-50"}`}>
      {children}
    </section>
  );
}

function SearchReminders({ progress, timeZone }: CaseSectionProps) {
  const reminders = progress.searchReminders;
  if (reminders.length === 0) return null;
  return (
    <>
      <h3 className="mt-6 text-xl font-bold">Search reminders</h3>
      <p className="mt-1 max-w-prose">The agency asks for a search in each period while the child is missing; any activity recorded in the period meets it.</p>
      <ol className="mt-2 space-y-2">
        {reminders.map((reminder) => (
          <li key={reminder.subject} className={`min-w-0 rounded border-l-8 p-3 ${STATE_BORDER[reminder.state]}`}>
            <p className="font-semibold">
              Search {reminder.subject} of {reminders.length}: {formatInstant(reminder.startedAt, timeZone)} to {formatInstant(reminder.deadline, timeZone)}
            </p>
            <p className="mt-1">{clockText(reminder)}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

function NcicUpdate({ facts, progress, canRecord, timeZone, nowWallTime }: CaseSectionProps) {
  const clock = progress.ncicUpdate;
  const le = facts.lawEnforcement;
  if (!clock) {
    // The entry's time is what starts the clock: ask for it while it would still matter.
    if (!progress.missing || le?.outcome !== "REPORTED" || le.ncicEntered === false || le.ncicEnteredAt) return null;
    return (
      <Card label="Records for the NCIC update" clock={null}>
        <h3 className="text-lg font-bold">Records for the NCIC update</h3>
        <p className="mt-1 max-w-prose">
          When law enforcement entered the child into NCIC is not recorded. Add it on the law-enforcement step of the report: the records for the NCIC update are due 25 days after it.
        </p>
      </Card>
    );
  }
  return (
    <Card label="Records for the NCIC update" clock={clock}>
      <h3 className="text-lg font-bold">Records for the NCIC update</h3>
      <p className="mt-1 max-w-prose">
        Law enforcement must update the NCIC record within 30 days of the entry ({formatInstant(clock.startedAt, timeZone)}). Send them the child&apos;s medical and dental records and a photo taken
        within the last 180 days.
      </p>
      <ClockLine clock={clock} timeZone={timeZone} />
      {clock.doneAt ? <p className="mt-1">Sent {formatInstant(clock.doneAt, timeZone)}</p> : null}
      {canRecord && progress.editable ? <NcicRecordsSentForm episodeId={facts.id} version={facts.version} nowWallTime={nowWallTime} correcting={clock.doneAt !== null} /> : null}
    </Card>
  );
}

function SearchLog(props: CaseSectionProps) {
  const { facts } = props;
  return (
    <>
      <h3 className="mt-6 text-xl font-bold">Search log</h3>
      {facts.searchActivities.length === 0 ? (
        <p className="mt-1">No search activity recorded yet.</p>
      ) : (
        <ol className="mt-2 space-y-3">
          {facts.searchActivities.map((activity) => (
            <Activity key={activity.id} activity={activity} {...props} />
          ))}
        </ol>
      )}
    </>
  );
}

const kindLabel = (kind: SearchActivity["kind"]) => SEARCH_ACTIVITY_KINDS.find((entry) => entry.code === kind)?.label ?? kind;
/** A row of the activity's list only when something was written. */
const ifGiven = (term: string, value: string): [string, string][] => (value ? [[term, value]] : []);
const nameOf = (names: CaseSectionProps["names"], id: string) => names[id] ?? "a person no longer listed";

function Activity({ activity, facts, progress, canRecord, timeZone, names, nowWallTime }: CaseSectionProps & { activity: SearchActivity }) {
  const lead = activity.isLead ? (progress.leads.find((entry) => entry.activity.id === activity.id) ?? null) : null;
  const rows: [string, string][] = [
    ["When", formatInstant(activity.at, timeZone)],
    ["Recorded by", nameOf(names, activity.recordedById)],
    ...ifGiven("Person contacted", activity.contactedPerson),
    ...ifGiven("Outcome", activity.outcome),
    ...ifGiven("Note", activity.note),
  ];
  return (
    <li className="min-w-0 rounded border border-slate-300 bg-white p-3 sm:p-4">
      <h4 className="font-bold">{kindLabel(activity.kind)}</h4>
      <dl className="mt-1 grid grid-cols-1 gap-x-4 sm:grid-cols-[10rem_minmax(0,1fr)]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-semibold">{term}</dt>
            <dd className="mb-1 whitespace-pre-line">{value}</dd>
          </div>
        ))}
      </dl>
      {activity.isLead ? <Lead activity={activity} lead={lead} timeZone={timeZone} /> : null}
      {lead && canRecord && progress.editable ? (
        <LeadPassedForm episodeId={facts.id} version={facts.version} activityId={activity.id} nowWallTime={nowWallTime} correcting={activity.leadPassedAt !== null} />
      ) : null}
    </li>
  );
}

function Lead({ activity, lead, timeZone }: { activity: SearchActivity; lead: LeadProgress | null; timeZone: string }) {
  return (
    <div className={`mt-2 min-w-0 rounded border-l-8 p-3 ${lead ? STATE_BORDER[lead.clock.state] : "border-slate-500 bg-slate-50"}`}>
      <p className="font-bold">Lead</p>
      {lead ? <ClockLine clock={lead.clock} timeZone={timeZone} /> : <p className="mt-1">The child was found before this lead was due to be passed to law enforcement.</p>}
      {activity.leadPassedAt ? (
        <p className="mt-1">
          Passed to {activity.leadPassedTo} on {formatInstant(activity.leadPassedAt, timeZone)}
        </p>
      ) : null}
      {activity.leadPassedAt && activity.leadLateReason ? <p className="mt-1">Reason for the delay: {activity.leadLateReason}</p> : null}
    </div>
  );
}

function LongTermChecklist({ facts, progress, canRecord, timeZone, names }: CaseSectionProps) {
  const longTerm = progress.longTerm;
  if (!longTerm) return null;
  return (
    <>
      <h3 className="mt-6 text-xl font-bold">Long-term missing checklist</h3>
      <p className="mt-1 max-w-prose">
        The child has been missing the agency&apos;s number of days (the checklist applies from {formatInstant(longTerm.appliesFrom, timeZone)}). Each item helps find and identify a child missing a long
        time.
      </p>
      <ul className="mt-2 space-y-2">
        {longTerm.items.map(({ item, label, done }) => (
          <li key={item} className="min-w-0 rounded border border-slate-300 bg-white p-3">
            <p className="font-semibold">{label}</p>
            <p className="mt-1">{done ? `Done: marked by ${nameOf(names, done.doneById)} on ${formatInstant(done.doneAt, timeZone)}` : "Not done yet"}</p>
            {!done && canRecord && progress.editable ? <LongTermItemButton episodeId={facts.id} version={facts.version} item={item} label={label} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
