import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { checkAuditChain } from "@/server/audit/check-audit-chain";
import { strandOf } from "@/server/audit/audit-chain";
import { auditFilterChoices } from "@/server/audit/audit-filter-choices";
import { RECORD_TYPES, parseAuditFilters, type AuditFilters } from "@/server/audit/audit-filters";
import { BadRequestError } from "@/server/use-case-errors";
import { currentRequestId } from "@/server/request-id";
import { formatInstant } from "@/lib/format-time";
import { SelectField, TextField } from "@/features/ui/fields";

export const metadata: Metadata = { title: "Audit trail" };

const OUTCOME_WORDS = { SUCCESS: "Done", FAILURE: "Failed", DENIED: "Refused" } as const;

/** The filters as a query string (ids, codes and dates only), with a cursor when paging. */
function queryOf(filters: AuditFilters, cursor: { before?: string; after?: string } = {}): string {
  const { person, action, recordType, recordId, from, to } = filters;
  const entries = Object.entries({ person, action, recordType, recordId, from, to, ...cursor }).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return new URLSearchParams(entries).toString();
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("/admin/audit");
  const requestId = await currentRequestId();
  let filters: AuditFilters = {};
  let problem: string | null = null;
  try {
    filters = parseAuditFilters(await searchParams);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    problem = error.message;
  }
  const chain = await checkAuditChain(actor);
  const choices = await auditFilterChoices(actor);
  const { events, older, newer } = problem ? { events: [], older: null, newer: null } : await listAuditEvents(actor, filters, { requestId });
  const tz = actor.agency.timeZone;
  const query = queryOf(filters);
  return (
    <>
      <h1 className="text-3xl font-bold">Audit trail</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Every sign-in, sign-out and record viewed or changed in {actor.agency.name}, newest first. Events are kept for at least a year: nothing in Homeward
        deletes them.
      </p>
      <section
        aria-labelledby="chain-heading"
        className={`mt-4 rounded border-l-8 p-4 ${chain.problem ? "border-red-800 bg-red-50" : "border-green-800 bg-green-50"}`}
      >
        <h2 id="chain-heading" className="text-lg font-bold">
          {chain.problem ? "The audit trail does not verify" : "The audit trail verifies"}
        </h2>
        <p className="mt-1">
          {chain.problem
            ? chain.problem.message
            : `Each of its ${chain.events} events is chained to the one before it, and none has been changed, removed or cut off.`}
        </p>
        <p className="mt-1">
          {chain.fromStartAt
            ? `The whole trail was last checked from its start ${formatInstant(chain.fromStartAt, tz)} (every night); this view checked the ${chain.strands.reduce((sum, strand) => sum + strand.read, 0)} events written since the check before it.`
            : `This view checked the ${chain.strands.reduce((sum, strand) => sum + strand.read, 0)} events written since the check before it. The whole trail has not been checked from its start yet: that runs every night.`}
        </p>
        <p className="mt-1">
          Anchor (write it down or send it elsewhere; a later check shows whether anything before it changed):{" "}
          <code className="break-all font-mono text-sm">{chain.anchor}</code>
        </p>
        {chain.strands.length > 1 ? (
          <details className="mt-2">
            <summary className="cursor-pointer underline">Where each of its {chain.strands.length} strands ends</summary>
            <p className="mt-1 max-w-prose">
              Requests made at the same time are chained in separate strands so that they do not wait on each other; the anchor covers the end of each.
            </p>
            <ul className="mt-1 list-disc pl-6">
              {chain.strands.map((strand) => (
                <li key={strand.chainKey}>
                  Strand {strandOf(strand.chainKey).strand + 1}: {strand.events} events, last hash{" "}
                  <code className="break-all font-mono text-sm">{strand.lastHash}</code>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <form method="get" action="/admin/audit" className="mt-6 rounded border border-slate-300 bg-white p-4" aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="text-xl font-bold">
          Filter the events
        </h2>
        {problem ? (
          <div role="alert" className="mt-3 rounded border-2 border-red-700 p-3 font-semibold text-red-800">
            These filters cannot be used: {problem}
          </div>
        ) : null}
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <SelectField id="person" name="person" label="Person" options={choices.people} placeholder="Anyone" defaultValue={filters.person ?? ""} />
          <SelectField id="action" name="action" label="Action" options={choices.actions} placeholder="Any action" defaultValue={filters.action ?? ""} />
          <SelectField id="recordType" name="recordType" label="Kind of record" options={RECORD_TYPES} placeholder="Any record" defaultValue={filters.recordType ?? ""} />
          <TextField id="recordId" name="recordId" label="Record id" hint="With a kind of record: the id shown in its page's address." defaultValue={filters.recordId ?? ""} />
          <TextField id="from" name="from" type="date" label="From (date)" hint={`Calendar days in ${tz}.`} defaultValue={filters.from ?? ""} />
          <TextField id="to" name="to" type="date" label="To (date, included)" defaultValue={filters.to ?? ""} />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className="rounded bg-blue-800 px-5 py-2.5 font-semibold text-white hover:bg-blue-900">
            Show events
          </button>
          <Link href="/admin/audit" className="text-blue-800 underline">
            Clear the filters
          </Link>
          {problem ? null : (
            <a href={`/api/admin/audit/export${query ? `?${query}` : ""}`} className="text-blue-800 underline" download>
              Download these events (CSV)
            </a>
          )}
        </div>
      </form>

      <div role="region" aria-labelledby="events-caption" tabIndex={0} className="mt-6 overflow-x-auto">
        <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
          <caption id="events-caption" className="sr-only">
            Audit events, newest first
          </caption>
          <thead>
            <tr className="border-b-2 border-slate-700">
              <th scope="col" className="py-2 pr-3">When</th>
              <th scope="col" className="py-2 pr-3">Who</th>
              <th scope="col" className="py-2 pr-3">What</th>
              <th scope="col" className="py-2 pr-3">Outcome</th>
              <th scope="col" className="py-2 pr-3">Record</th>
              <th scope="col" className="py-2">Request</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className="border-b border-slate-300 align-top">
                <td className="py-2 pr-3 whitespace-nowrap">{formatInstant(event.occurredAt, tz)}</td>
                <td className="py-2 pr-3">{event.actorName ?? "Unknown"}</td>
                <td className="py-2 pr-3">{event.text}</td>
                <td className="py-2 pr-3">{OUTCOME_WORDS[event.outcome]}</td>
                <td className="py-2 pr-3">
                  {event.targetType ? (
                    <>
                      {RECORD_TYPES.find((type) => type.code === event.targetType)?.label ?? event.targetType}{" "}
                      <span className="font-mono text-xs break-all">{event.targetId}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="py-2 font-mono text-xs">{event.requestId.slice(0, 8)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length === 0 ? <p className="mt-4">No events match these filters.</p> : null}
      <nav aria-label="Audit pages" className="mt-4 flex flex-wrap gap-6">
        {newer ? (
          <Link href={`/admin/audit?${queryOf(filters, { after: newer })}`} className="text-blue-800 underline">
            Newer events
          </Link>
        ) : null}
        {older ? (
          <Link href={`/admin/audit?${queryOf(filters, { before: older })}`} className="text-blue-800 underline">
            Older events
          </Link>
        ) : null}
      </nav>
    </>
  );
}
