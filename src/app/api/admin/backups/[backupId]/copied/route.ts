import { z } from "zod";
import { routeHandler, readJson } from "@/server/http/route-handler";
import { markBackupCopied } from "@/server/backups/mark-backup-copied";

/** POST {"copied": true}: the admin marks a backup as copied off the machine. */
export const POST = routeHandler<{ backupId: string }>(async ({ actor, request, requestId, params }) => {
  const body = await readJson(request, z.unknown());
  return Response.json(await markBackupCopied(actor, params.backupId, body, { requestId }));
});
