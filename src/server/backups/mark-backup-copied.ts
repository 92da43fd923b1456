import "server-only";
import { z } from "zod";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { NotFoundError } from "@/server/authz/errors";
import { audit, auditWho } from "@/server/audit/audit";
import { isUuid } from "@/lib/uuid";
import { BadRequestError } from "@/server/use-case-errors";

const Input = z.object({ copied: z.literal(true) }).strict();

/**
 * An admin says a backup has been copied off the machine (the operator copied the file elsewhere):
 * the admin's pages stop warning about it. Backups belong to the installation, not one agency; the
 * event goes to the admin's agency's trail.
 */
export async function markBackupCopied(actor: Actor, backupId: string, input: unknown, context: { requestId: string }): Promise<{ copiedOffAt: Date }> {
  assertCan(actor, "backups:manage");
  if (!isUuid(backupId)) throw new NotFoundError();
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw new BadRequestError("Send {\"copied\": true} to mark the backup as copied off the machine.");
  return db().$transaction(async (tx) => {
    const backup = await tx.databaseBackup.findFirst({ where: { id: backupId, removedAt: null }, select: { id: true, copiedOffAt: true } });
    if (!backup) throw new NotFoundError();
    const copiedOffAt = backup.copiedOffAt ?? new Date();
    if (!backup.copiedOffAt) await tx.databaseBackup.update({ where: { id: backup.id }, data: { copiedOffAt, copiedOffBy: actor.userId } });
    await audit(tx, auditWho(actor, context.requestId), "backup.marked_copied", { details: { backupId: backup.id } });
    return { copiedOffAt };
  });
}
