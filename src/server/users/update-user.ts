import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { audit, auditWho } from "@/server/audit/audit";
import { ValidationError } from "@/server/use-case-errors";
import { parseStep } from "@/server/episodes/field-errors";
import { ZUpdatePersonSchema } from "@/lib/schemas/people";
import { RefusedChangeError, assertKeepsAnAdmin, isUniqueClash, lockAgency, withRefusalAudited } from "./account-changes";
import { EMAIL_IN_USE_MESSAGE } from "./create-invitation";
import { loadAgencyPerson } from "./load-agency-person";

type Fields = { name: string; email: string; roles: string[]; teamId: string | null; onCall: boolean };
const FIELDS = ["name", "email", "roles", "teamId", "onCall"] as const;

const sameValue = (a: Fields[keyof Fields], b: Fields[keyof Fields]) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v) => b.includes(v)) : a === b;

/**
 * Changes a person's name, e-mail address, roles, team and on-call standing; a changed role takes
 * effect on their next request. Taking ADMIN from the agency's last active admin is refused.
 * Audited with each changed field before and after; a form sent back unchanged records nothing.
 */
export async function updateUser(actor: Actor, userId: string, input: unknown, context: { requestId: string; now?: Date }): Promise<{ changed: boolean }> {
  assertCan(actor, "users:manage");
  const scope = agencyScope(actor);
  const values = parseStep(ZUpdatePersonSchema, input);
  const who = auditWho(actor, context.requestId);
  const emailInUse = () => new RefusedChangeError({ area: "user", change: "update", reason: "email-in-use" }, { type: "User", id: userId }, { email: EMAIL_IN_USE_MESSAGE }, EMAIL_IN_USE_MESSAGE);
  return withRefusalAudited(who, async () => {
    try {
      return await db().$transaction(async (tx) => {
        await lockAgency(tx, scope.agencyId);
        const person = await loadAgencyPerson(tx, scope.agencyId, userId);
        const after: Fields = { ...values, teamId: values.teamId === "" ? null : values.teamId };
        if (after.teamId && !(await tx.team.findFirst({ where: { id: after.teamId, agencyId: scope.agencyId }, select: { id: true } }))) {
          throw new ValidationError({ teamId: "Choose a team from the list" });
        }
        const changed = FIELDS.filter((field) => !sameValue(person[field], after[field]));
        if (changed.length === 0) return { changed: false };
        if (changed.includes("email") && (await tx.user.findUnique({ where: { email: after.email }, select: { id: true } }))) throw emailInUse();
        await assertKeepsAnAdmin(tx, scope.agencyId, { id: person.id, roles: after.roles, active: person.active }, "update");
        await tx.user.update({ where: { id: person.id }, data: { ...values, teamId: after.teamId } });
        // Their episodes sort under the new name in the case list (decision 017).
        if (changed.includes("name")) await tx.episode.updateMany({ where: { agencyId: scope.agencyId, caseworkerId: person.id }, data: { caseworkerName: after.name } });
        // Someone who no longer holds SUPERVISOR leads no team.
        if (!after.roles.includes("SUPERVISOR")) await tx.teamSupervisor.deleteMany({ where: { userId: person.id } });
        await audit(tx, who, "user.updated", {
          target: { type: "User", id: person.id },
          details: {
            before: Object.fromEntries(changed.map((field) => [field, person[field]])),
            after: Object.fromEntries(changed.map((field) => [field, after[field]])),
          },
        });
        return { changed: true };
      });
    } catch (error) {
      if (isUniqueClash(error)) throw emailInUse();
      throw error;
    }
  });
}
