import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { getOnTimeReport } from "@/server/reports/get-on-time-report";
import { onTimeReportQuery } from "@/server/reports/on-time-report-input";
import type { OnTimeList, OnTimeReport } from "@/server/reports/read-on-time-report";
import { RATE_EXPLAINED, REFUSAL_EXPLAINED, outcomeText } from "@/server/reports/on-time-report-document";
import { BadRequestError } from "@/server/use-case-errors";
import { currentRequestId } from "@/server/request-id";
import { formatInstant } from "@/lib/format-time";
import { CLOCK_LABELS } from "@/domain/clocks";
import {
  TRAFFICKING_FIGURES,
  TRAFFICKING_FIGURE_LABELS,
  calendarDateText,
  clockName,
  federalPeriodCode,
  federalPeriodLabel,
  federalPeriodOf,
  previousFederalPeriod,
  rateText,
  type FederalPeriod,
  type Figures,
  type KindFigures,
  type ReportClock,
  type ReturnRow,
  type TraffickingFigure,
} from "@/domain/on-time-rate";
import { SelectField, TextField } from "@/features/ui/fields";
import {
  drillDownParams,
  drillDownTitle,
  filterWords,
  listCursorParam,
  parseDrillDown,
  parseListCursor,
  type ClockFilter,
  type DrillDown,
} from "@/domain/on-time-drill-down";

export const metadata: Metadata = { title: "On-time rate" };

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The periods offered in the list: the one we are in and the seven before it (four years). */
function recentPeriods(now: Date, timeZone: string, chosen: FederalPeriod | null): FederalPeriod[] {
  const periods: FederalPeriod[] = [federalPeriodOf(now, timeZone)];
  while (periods.length < 8) periods.push(previousFederalPeriod(periods.at(-1)!));
  if (chosen && !periods.some((period) => federalPeriodCode(period) === federalPeriodCode(chosen))) periods.push(chosen);
  return periods;
}

const LINK = "text-blue-800 underline";
const CELL = "py-2 pr-3 align-top";

export default async function OnTimePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor("/reports/on-time");
  const search = await searchParams;
  const input = { period: first(search.period), from: first(search.from), to: first(search.to) };
  const parsed = parseDrillDown(first(search.show), first(search.caseworker));
  const after = parseListCursor(first(search.after));
  const unknownList = parsed === "unknown" || after === "unknown";
  const asked = parsed && parsed !== "unknown" && after !== "unknown" ? { drillDown: parsed, after } : null;
  let report: OnTimeReport | null = null;
  let problem: string | null = null;
  try {
    report = await getOnTimeReport(actor, input, { requestId: await currentRequestId() }, asked);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    problem = error.message;
  }
  const tz = actor.agency.timeZone;
  const periods = recentPeriods(report?.now ?? new Date(), tz, report?.period ?? null);

  return (
    <>
      <h1 className="text-3xl font-bold">On-time rate</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Whether {actor.agency.name} met each deadline of a reporting period: the reports to law enforcement and NCMEC, the notices, the debrief and the
        trafficking report. A clock belongs to the period in which it started, on the agency&apos;s calendar ({tz}), and counts against the caseworker
        assigned when it was met or, if it never was, at its deadline.
      </p>

      <div className="mt-6 grid gap-4 md:grid-cols-2">
        <form method="get" action="/reports/on-time" className="rounded border border-slate-300 bg-white p-4" aria-labelledby="period-heading">
          <h2 id="period-heading" className="text-xl font-bold">
            A federal reporting period
          </h2>
          <div className="mt-3">
            <SelectField
              id="period"
              name="period"
              label="Period"
              hint="October to March, or April to September."
              options={periods.map((period) => ({ code: federalPeriodCode(period), label: federalPeriodLabel(period) }))}
              placeholder="Choose a period"
              defaultValue={report?.period ? federalPeriodCode(report.period) : ""}
            />
          </div>
          <button type="submit" className="mt-4 rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900">
            Show the period
          </button>
        </form>
        <form method="get" action="/reports/on-time" className="rounded border border-slate-300 bg-white p-4" aria-labelledby="range-heading">
          <h2 id="range-heading" className="text-xl font-bold">
            Or a range of days
          </h2>
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <TextField id="from" name="from" type="date" label="First day" hint={`Calendar days in ${tz}.`} defaultValue={report && !report.period ? report.range.from : (input.from ?? "")} />
            <TextField id="to" name="to" type="date" label="Last day (included)" defaultValue={report && !report.period ? report.range.to : (input.to ?? "")} />
          </div>
          <button type="submit" className="mt-4 rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900">
            Show these days
          </button>
        </form>
      </div>

      {problem ? (
        <div role="alert" className="mt-6 rounded border-2 border-red-700 p-3 font-semibold text-red-800">
          This report cannot be shown: {problem}
        </div>
      ) : null}

      {report ? <ReportBody report={report} unknownList={unknownList} /> : null}
    </>
  );
}

function ReportBody({ report, unknownList }: { report: OnTimeReport; unknownList: boolean }) {
  const tz = report.timeZone;
  const query = onTimeReportQuery(report);
  const href = (list: DrillDown) => `/reports/on-time?${new URLSearchParams({ ...Object.fromEntries(query), ...drillDownParams(list) }).toString()}`;
  const nameOf = (id: string) => report.caseworkerNames[id] ?? "Unknown caseworker";
  const { late } = report;
  const allLate = report.figures.total.late;
  const refusals = report.figures.byKind.find((entry) => entry.kind === "LAW_ENFORCEMENT_REPORT")?.figures.metByRefusal ?? 0;
  return (
    <>
      <section aria-labelledby="report-heading" className="mt-8">
        <h2 id="report-heading" className="text-2xl font-bold">
          {report.label}
        </h2>
        <p className="mt-2">
          {calendarDateText(report.range.from)} to {calendarDateText(report.range.to)}, both included. Figures as of {formatInstant(report.now, tz)}.
        </p>
        <p className="mt-2 max-w-prose">
          {RATE_EXPLAINED} {REFUSAL_EXPLAINED} Law-enforcement reports met this way in this period: {refusals}.
        </p>
        <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
          <a href={`/api/reports/on-time?${query.toString()}&format=csv`} className={LINK} download>
            Download as CSV
          </a>
          <a href={`/api/reports/on-time?${query.toString()}&format=pdf`} className={LINK} download>
            Download as PDF (printable)
          </a>
        </p>
      </section>

      {unknownList ? (
        <p role="alert" className="mt-6 rounded border-2 border-red-700 p-3 font-semibold text-red-800">
          That list of episodes is not one this page shows. Choose a figure below.
        </p>
      ) : report.list ? (
        <EpisodesBehind report={report} list={report.list} nameOf={nameOf} listHref={href} closeHref={`/reports/on-time?${query.toString()}`} />
      ) : null}

      <section aria-labelledby="kinds-heading" className="mt-8">
        <h2 id="kinds-heading" className="text-2xl font-bold">
          Per clock
        </h2>
        <FiguresTable
          id="kinds"
          caption={`Figures per clock, ${report.label}`}
          firstColumn="Clock"
          rows={[...report.figures.byKind.map((entry) => ({ name: entry.label, entry, caseworkerId: null })), { name: "All clocks", entry: { kind: "all" as const, figures: report.figures.total }, caseworkerId: null }]}
          href={href}
        />
      </section>

      <section aria-labelledby="caseworkers-heading" className="mt-8">
        <h2 id="caseworkers-heading" className="text-2xl font-bold">
          Per caseworker
        </h2>
        {report.figures.byCaseworker.length === 0 ? (
          <p className="mt-2">No clock started in this period.</p>
        ) : (
          <FiguresTable
            id="caseworkers"
            caption={`Figures per caseworker, ${report.label}`}
            firstColumn="Caseworker and clock"
            rows={report.figures.byCaseworker.flatMap((entry) => [
              ...entry.byKind.map((kind) => ({ name: `${nameOf(entry.caseworkerId)}: ${kind.label}`, entry: kind, caseworkerId: entry.caseworkerId })),
              { name: `${nameOf(entry.caseworkerId)}: all clocks`, entry: { kind: "all" as const, figures: entry.total }, caseworkerId: entry.caseworkerId },
            ])}
            href={href}
          />
        )}
      </section>

      <section aria-labelledby="late-heading" className="mt-8">
        <h2 id="late-heading" className="text-2xl font-bold">
          Late reports and their reasons
        </h2>
        {late.length === 0 ? (
          <p className="mt-2">Nothing of this period was met late.</p>
        ) : (
          <>
            {allLate > late.length ? (
              <p className="mt-2">
                The first {late.length} of {allLate}, in the order they started.{" "}
                <Link href={href({ type: "clocks", kind: "all", filter: "late", caseworkerId: null })} className={LINK}>
                  List all {allLate} clocks met late
                </Link>
              </p>
            ) : null}
            <ClockTable id="late" caption={`Clocks met late, with the reason given, ${report.label}`} clocks={late} timeZone={tz} nameOf={nameOf} />
          </>
        )}
      </section>

      <section aria-labelledby="trafficking-heading" className="mt-8">
        <h2 id="trafficking-heading" className="text-2xl font-bold">
          Children returned and trafficking
        </h2>
        <p className="mt-2 max-w-prose">
          Children recovered in this period: whether a trafficking screen is recorded, and whether those identified as victims (under the agency&apos;s
          rule: confirmed, or suspected too when the agency reports suspected victims) were reported to law enforcement within 24 hours of the agency
          learning it.
        </p>
        <dl className="mt-3 grid max-w-2xl grid-cols-[1fr_auto] gap-x-6 gap-y-2">
          {TRAFFICKING_FIGURES.map((figure) => (
            <div key={figure} className="contents">
              <dt>{TRAFFICKING_FIGURE_LABELS[figure]}</dt>
              <dd className="text-right font-semibold">
                <CountLink count={report.trafficking[figure]} href={href({ type: "trafficking", figure })} description={`${TRAFFICKING_FIGURE_LABELS[figure]}: list the episodes`} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

type FigureRow = { name: string; entry: Pick<KindFigures, "figures"> & { kind: KindFigures["kind"] | "all" }; caseworkerId: string | null };

const FIGURE_COLUMNS: { filter: ClockFilter; label: string; count: (f: Figures) => number }[] = [
  { filter: "due", label: "Due", count: (f) => f.due },
  { filter: "on-time", label: "On time", count: (f) => f.onTime },
  { filter: "late", label: "Late", count: (f) => f.late },
  { filter: "overdue", label: "Not met, overdue", count: (f) => f.overdue },
  { filter: "running", label: "Not met, still running", count: (f) => f.running },
];

/** A table of figures; each count links to the episodes behind it. Scrolls in its own region on a narrow screen. */
function FiguresTable({ id, caption, firstColumn, rows, href }: { id: string; caption: string; firstColumn: string; rows: FigureRow[]; href: (list: DrillDown) => string }) {
  return (
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} className="relative mt-3 overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-left">
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        <thead>
          <tr className="border-b-2 border-slate-700">
            <th scope="col" className="py-2 pr-3">{firstColumn}</th>
            {FIGURE_COLUMNS.map((column) => (
              <th key={column.filter} scope="col" className="py-2 pr-3 text-right">
                {column.label}
              </th>
            ))}
            <th scope="col" className="py-2 text-right">On-time rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className={`border-b border-slate-300 ${row.entry.kind === "all" ? "font-semibold" : ""}`}>
              <th scope="row" className={`${CELL} ${row.entry.kind === "all" ? "" : "font-normal"}`}>
                {row.name}
              </th>
              {FIGURE_COLUMNS.map((column) => (
                <td key={column.filter} className={`${CELL} text-right`}>
                  <CountLink
                    count={column.count(row.entry.figures)}
                    href={href({ type: "clocks", kind: row.entry.kind, filter: column.filter, caseworkerId: row.caseworkerId })}
                    description={`${row.name}, ${filterWords(column.filter)}: list the episodes`}
                  />
                </td>
              ))}
              <td className="py-2 text-right align-top">{rateText(row.entry.figures.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A count, linked to its episodes when there are any; the link says what it lists. */
function CountLink({ count, href, description }: { count: number; href: string; description: string }) {
  if (count === 0) return <>0</>;
  return (
    <Link href={href} className={LINK}>
      {count}
      <span className="sr-only"> ({description})</span>
    </Link>
  );
}

function EpisodesBehind({
  report,
  list,
  nameOf,
  listHref,
  closeHref,
}: {
  report: OnTimeReport;
  list: OnTimeList;
  nameOf: (id: string) => string;
  listHref: (list: DrillDown) => string;
  closeHref: string;
}) {
  const tz = report.timeZone;
  const title = drillDownTitle(list.drillDown, nameOf);
  return (
    <section aria-labelledby="behind-heading" className="mt-8 rounded border-2 border-blue-800 p-4">
      <h2 id="behind-heading" className="text-2xl font-bold">
        Episodes behind the figure: {title}
      </h2>
      <p className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
        <Link href={closeHref} className={LINK}>
          Close this list
        </Link>
        {list.next ? (
          <Link href={`${listHref(list.drillDown)}&after=${encodeURIComponent(listCursorParam(list.next))}`} className={LINK}>
            Next page of this list
          </Link>
        ) : null}
      </p>
      {"returns" in list ? (
        <TraffickingEpisodes returns={list.returns} figure={list.drillDown.figure} timeZone={tz} />
      ) : (
        <ClockTable id="behind" caption={`${title}, in the order they started`} clocks={list.clocks} timeZone={tz} nameOf={nameOf} />
      )}
    </section>
  );
}

/** Clocks, each linked to its case by its case number, with what became of it, the reason given and whom it counts against. */
function ClockTable({ id, caption, clocks, timeZone, nameOf }: { id: string; caption: string; clocks: ReportClock[]; timeZone: string; nameOf: (id: string) => string }) {
  if (clocks.length === 0) return <p className="mt-3">No episode.</p>;
  return (
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} className="relative mt-3 overflow-x-auto">
      <table className="w-full min-w-[44rem] border-collapse text-left">
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        <thead>
          <tr className="border-b-2 border-slate-700">
            <th scope="col" className="py-2 pr-3">Case number</th>
            <th scope="col" className="py-2 pr-3">Clock</th>
            <th scope="col" className="py-2 pr-3">Started</th>
            <th scope="col" className="py-2 pr-3">Deadline</th>
            <th scope="col" className="py-2 pr-3">Outcome</th>
            <th scope="col" className="py-2 pr-3">Reason given</th>
            <th scope="col" className="py-2">Counted against</th>
          </tr>
        </thead>
        <tbody>
          {clocks.map((clock) => (
            <tr key={`${clock.episodeId}/${clock.kind}/${clock.subject}`} className="border-b border-slate-300">
              <th scope="row" className={`${CELL} font-normal`}>
                <Link href={`/cases/${clock.episodeId}`} className={LINK}>
                  {clock.caseNumber}
                </Link>
              </th>
              <td className={CELL}>{clockName(clock)}</td>
              <td className={CELL}>{formatInstant(clock.startedAt, timeZone)}</td>
              <td className={CELL}>{formatInstant(clock.deadline, timeZone)}</td>
              <td className={CELL}>{outcomeText(clock, timeZone)}</td>
              <td className={`${CELL} break-words`}>{clock.lateReason ?? (clock.outcome === "late" ? "No reason recorded" : "")}</td>
              <td className="py-2 align-top">{nameOf(clock.creditedCaseworkerId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TraffickingEpisodes({ returns: episodes, figure, timeZone: tz }: { returns: ReturnRow[]; figure: TraffickingFigure; timeZone: string }) {
  if (episodes.length === 0) return <p className="mt-3">No episode.</p>;
  const reportWords = (entry: (typeof episodes)[number]) => {
    const clock = entry.traffickingClock;
    if (!clock) return "Not identified as a victim";
    if (!clock.doneAt) return "Not reported yet";
    return `Reported ${formatInstant(clock.doneAt, tz)}, after ${Math.round((clock.doneAt.getTime() - clock.startedAt.getTime()) / 3_600_000)} h`;
  };
  return (
    <div role="region" aria-labelledby="behind-caption" tabIndex={0} className="relative mt-3 overflow-x-auto">
      <table className="w-full min-w-[36rem] border-collapse text-left">
        <caption id="behind-caption" className="sr-only">
          {TRAFFICKING_FIGURE_LABELS[figure]}, in the order they came back
        </caption>
        <thead>
          <tr className="border-b-2 border-slate-700">
            <th scope="col" className="py-2 pr-3">Case number</th>
            <th scope="col" className="py-2 pr-3">Recovered</th>
            <th scope="col" className="py-2 pr-3">Screened</th>
            <th scope="col" className="py-2">{CLOCK_LABELS.TRAFFICKING_REPORT}</th>
          </tr>
        </thead>
        <tbody>
          {episodes.map((entry) => (
            <tr key={entry.episodeId} className="border-b border-slate-300">
              <th scope="row" className={`${CELL} font-normal`}>
                <Link href={`/cases/${entry.episodeId}`} className={LINK}>
                  {entry.caseNumber}
                </Link>
              </th>
              <td className={CELL}>{formatInstant(entry.recoveredAt, tz)}</td>
              <td className={CELL}>{entry.screened ? "Yes" : "No screen recorded"}</td>
              <td className="py-2 align-top">{reportWords(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
