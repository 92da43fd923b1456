import Link from "next/link";
import { signedInActor } from "@/server/authz/actor";
import { can } from "@/server/authz/permissions";
import { backupWarningsNow } from "@/server/backups/get-backup-status";
import { BACKUP_WARNING_TEXT } from "@/domain/backup-health";

/** The admin's pages: each checks the actor itself; this adds the warning about the backups above them. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await signedInActor();
  const warnings = can(actor.roles, "backups:manage") ? await backupWarningsNow(actor) : [];
  return (
    <>
      {warnings.length ? (
        <aside aria-labelledby="backup-warning-heading" className="mb-6 rounded border-l-8 border-amber-700 bg-amber-50 p-4">
          <h2 id="backup-warning-heading" className="font-bold">
            Warning: the backups need attention
          </h2>
          <ul className="mt-1 list-disc pl-6">
            {warnings.map((warning) => (
              <li key={warning}>{BACKUP_WARNING_TEXT[warning]}</li>
            ))}
          </ul>
          <p className="mt-1">
            <Link href="/admin/backups" className="text-blue-800 underline">
              See the backups
            </Link>
          </p>
        </aside>
      ) : null}
      {children}
    </>
  );
}
