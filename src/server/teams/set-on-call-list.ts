import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { parseStep } from "@/server/episodes/field-errors";
import { ZPeopleChoiceSchema } from "@/lib/schemas/people";
import { lockAgency } from "@/server/users/account-changes";

const NOT_ACTIVE = "Choose active people of the agency";

/** Sets the agency-wide on-call list: who is called when a team's supervisors are not there. */
export async function setOnCallList(actor: Actor, input: unknown, context: { requestId: string }): Promise<{ changed: boolean }> {
  assertCan(actor, "teams:manage");
  const scope = agencyScope(actor);
  const chosen = [...new Set(parseStep(ZPeopleChoiceSchema, input).userIds)].sort();
  return db().$transaction(async (tx) => {
    await lockAgency(tx, scope.agencyId);
    if ((await tx.user.count({ where: { id: { in: chosen }, agencyId: scope.agencyId, active: true } })) !== chosen.length) {
      throw new ValidationError({ userIds: NOT_ACTIVE }, NOT_ACTIVE);
    }
    const before = (await tx.user.findMany({ where: { agencyId: scope.agencyId, onCall: true }, select: { id: true } })).map((row) => row.id).sort();
    if (before.join() === chosen.join()) return { changed: false };
    await tx.user.updateMany({ where: { agencyId: scope.agencyId, onCall: true, id: { notIn: chosen } }, data: { onCall: false } });
    await tx.user.updateMany({ where: { agencyId: scope.agencyId, id: { in: chosen } }, data: { onCall: true } });
    await audit(tx, auditWho(actor, context.requestId), "on_call.set", { details: { before, after: chosen } });
    return { changed: true };
  });
}
