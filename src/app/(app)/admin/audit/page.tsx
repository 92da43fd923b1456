import type { Metadata } from "next";
import { requirePageActor } from "@/server/authz/actor";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { checkAuditChain } from "@/server/audit/check-audit-chain";
import { currentRequestId } from "@/server/request-id";
import { formatInstant } from "@/lib/format-time";
import { Pagination } from "@/features/ui/pagination";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor("/admin/audit");
  const requested = Number((await searchParams).page ?? "1");
  const chain = await checkAuditChain(actor);
  const { events, page, pageCount, total } = await listAuditEvents(actor, { page: requested }, { requestId: await currentRequestId() });
  const tz = actor.agency.timeZone;
  return (
    <>
      <h1 className="text-3xl font-bold">Audit trail</h1>
      <p className="mt-2 text-slate-700">
        Every sign-in, sign-out and record viewed or changed in {actor.agency.name}, newest first. {total} events in all.
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
          Latest hash (write it down or send it elsewhere; a later check shows whether anything before it changed):{" "}
          <code className="break-all font-mono text-sm">{chain.lastHash}</code>
        </p>
      </section>
      <table className="mt-6 w-full border-collapse text-left text-sm">
        <caption className="sr-only">Audit events, page {page} of {pageCount}</caption>
        <thead>
          <tr className="border-b-2 border-slate-700">
            <th scope="col" className="py-2 pr-3">When</th>
            <th scope="col" className="py-2 pr-3">Who</th>
            <th scope="col" className="py-2 pr-3">What</th>
            <th scope="col" className="py-2 pr-3">Outcome</th>
            <th scope="col" className="py-2">Request</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="border-b border-slate-300 align-top">
              <td className="py-2 pr-3 whitespace-nowrap">{formatInstant(event.occurredAt, tz)}</td>
              <td className="py-2 pr-3">{event.actorName ?? "Unknown"}</td>
              <td className="py-2 pr-3">{event.text}</td>
              <td className="py-2 pr-3">{event.outcome.toLowerCase()}</td>
              <td className="py-2 font-mono text-xs">{event.requestId.slice(0, 8)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination label="Audit pages" page={page} pageCount={pageCount} hrefFor={(n) => `/admin/audit?page=${n}`} previous="Newer events" next="Older events" />
    </>
  );
}
