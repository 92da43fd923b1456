import type { Metadata } from "next";
import { requirePageActor } from "@/server/authz/actor";
import { currentRequestId } from "@/server/request-id";
import { getBackupStatus } from "@/server/backups/get-backup-status";
import { formatInstant } from "@/lib/format-time";
import { MarkBackupCopied } from "@/features/admin/mark-backup-copied";

export const metadata: Metadata = { title: "Backups" };

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export default async function BackupsPage() {
  const actor = await requirePageActor("/admin/backups");
  const status = await getBackupStatus(actor, { requestId: await currentRequestId() });
  const tz = actor.agency.timeZone;
  return (
    <>
      <h1 className="text-3xl font-bold">Backups</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        {status.nightly
          ? "Homeward backs up its whole database every night, photos included, and keeps the last seven nights and one a week for four weeks. Each backup is encrypted with a key kept apart from it."
          : "This installation's database is run elsewhere: its backups are its provider's (point-in-time recovery). Backups taken here with npm run db:backup are listed below."}{" "}
        A backup on the same machine is lost with its disk: copy each one elsewhere, with the key kept apart from it.
      </p>

      {/* With warnings, the admin pages' banner (../layout.tsx) says them above this page. */}
      {status.warnings.length === 0 ? (
        <section aria-labelledby="state-heading" className="mt-4 max-w-3xl rounded border-l-8 border-green-800 bg-green-50 p-4">
          <h2 id="state-heading" className="text-lg font-bold">
            The backups are in order
          </h2>
          <p className="mt-1">{status.backups.length ? "A recent backup exists and a recent one has been copied off this machine." : "Nothing to warn about."}</p>
        </section>
      ) : null}

      <section aria-labelledby="list-heading" className="mt-6 max-w-3xl">
        <h2 id="list-heading" className="text-xl font-bold">
          Recent backups
        </h2>
        {status.backups.length === 0 ? (
          <p className="mt-2">No backup has been taken yet.</p>
        ) : (
          <ul className="mt-2 grid gap-3">
            {status.backups.map((backup) => {
              const taken = formatInstant(backup.takenAt, tz);
              return (
                <li key={backup.id} className="rounded border border-slate-300 bg-white p-3">
                  <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                    <dt className="font-semibold">Taken</dt>
                    <dd>{taken}</dd>
                    <dt className="font-semibold">Kind</dt>
                    <dd>{backup.kind === "NIGHTLY" ? "Nightly" : "Taken by hand"}</dd>
                    <dt className="font-semibold">Size</dt>
                    <dd>{megabytes(backup.bytes)}</dd>
                    <dt className="font-semibold">Copied off this machine</dt>
                    <dd>
                      {backup.copiedOffAt
                        ? `Yes, ${formatInstant(backup.copiedOffAt, tz)} (${backup.copiedBy === "command" ? "by the copy command" : "marked by an admin"})`
                        : "Not yet"}
                    </dd>
                  </dl>
                  {backup.copiedOffAt ? null : (
                    <div className="mt-2">
                      <MarkBackupCopied backupId={backup.id} takenAtText={taken} />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {status.restores.length ? (
        <section aria-labelledby="restores-heading" className="mt-6 max-w-3xl">
          <h2 id="restores-heading" className="text-xl font-bold">
            Restores
          </h2>
          {status.restores.map((restore) => (
            <article key={restore.id} aria-labelledby={`restore-${restore.id}`} className="mt-3 rounded border border-slate-300 bg-white p-3">
              <h3 id={`restore-${restore.id}`} className="font-bold">
                Restored {formatInstant(restore.restoredAt, tz)} from the backup of {formatInstant(restore.backupTakenAt, tz)}
              </h3>
              {restore.lost.length === 0 ? (
                <p className="mt-1">Nothing {actor.agency.name} recorded after that backup was lost.</p>
              ) : (
                <>
                  <p className="mt-1">
                    {restore.lost.length === 1 ? "One thing" : `${restore.lost.length} things`} {actor.agency.name} recorded after that backup {restore.lost.length === 1 ? "is" : "are"} not in it. Enter
                    these again:
                  </p>
                  <ul className="mt-2 grid gap-2">
                    {restore.lost.map((event, index) => (
                      <li key={index} className="border-l-4 border-slate-400 pl-3">
                        {formatInstant(event.occurredAt, tz)}: {event.text}
                        {event.actorName ? `, by ${event.actorName}` : ""}
                        {event.targetType && event.targetId ? ` (${event.targetType.toLowerCase()} ${event.targetId})` : ""}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
