import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/server/authz/actor";
import { orNotFound } from "@/server/not-found-page";
import { getEpisode } from "@/server/episodes/get-episode";
import { currentRequestId } from "@/server/request-id";
import { PACKET_SCHEMA_VERSION } from "@/domain/packet";

export const metadata: Metadata = { title: "Report packet" };

const VARIANTS = [
  { variant: "full", title: "Full packet", use: "For NCMEC (read it to the call center, attach it to the web report, or send the JSON system to system) and for law enforcement." },
  { variant: "public-safe", title: "Public-safe packet", use: "For posters and publicity: nothing about foster care or custody, health, risks or case numbers." },
] as const;

export default async function PacketPage({ params }: { params: Promise<{ episodeId: string }> }) {
  const actor = await requirePageActor("/cases/[episodeId]/packet");
  const { episodeId } = await params;
  const view = await orNotFound(getEpisode(actor, episodeId, { permission: "cases:view", requestId: await currentRequestId() }), { actor, page: "/cases/[episodeId]/packet" });
  const complete = view.progress.packet.status === "final";
  const gaps = view.progress.ncmecGaps;
  const href = (variant: string, format: string) => `/api/episodes/${episodeId}/packet?variant=${variant}&format=${format}`;
  return (
    <>
      <p>
        <Link href={`/cases/${episodeId}`} className="text-blue-800 underline">
          Back to the case
        </Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">NCMEC report packet for {view.childName}</h1>
      {complete ? (
        <p className="mt-2 max-w-prose">Every step of the report is saved: these are final packets.</p>
      ) : (
        <p className="mt-2 max-w-prose rounded border-l-4 border-amber-700 bg-amber-50 p-3">
          The report is not complete, so these are <strong>drafts</strong>: each page is marked DRAFT and lists what is missing.
        </p>
      )}
      {gaps.length > 0 ? (
        <section aria-labelledby="packet-gaps" className="mt-4">
          <h2 id="packet-gaps" className="text-xl font-bold">
            Not in the packet yet
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {gaps.map((gap) => (
              <li key={gap.item}>{gap.item}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="mt-6 grid gap-4 sm:grid-cols-2">
        {VARIANTS.map((v) => (
          <section key={v.variant} aria-labelledby={`variant-${v.variant}`} className="rounded border border-slate-300 bg-white p-4">
            <h2 id={`variant-${v.variant}`} className="text-xl font-bold">
              {v.title}
            </h2>
            <p className="mt-1">{v.use}</p>
            <ul className="mt-3 space-y-1">
              <li>
                <a className="text-blue-800 underline" href={href(v.variant, "pdf")} download>
                  Download the {v.title.toLowerCase()} as PDF{complete ? "" : " (draft)"}
                </a>
              </li>
              <li>
                <a className="text-blue-800 underline" href={href(v.variant, "json")} download>
                  Download the {v.title.toLowerCase()} as JSON{complete ? "" : " (draft)"}
                </a>
              </li>
            </ul>
          </section>
        ))}
      </div>
      <p className="mt-6 text-sm text-slate-700">
        The JSON follows the schema at{" "}
        <a className="text-blue-800 underline" href="/api/schemas/ncmec-packet">
          /api/schemas/ncmec-packet
        </a>{" "}
        (version {PACKET_SCHEMA_VERSION}). Every download is recorded in the audit trail.
      </p>
    </>
  );
}
