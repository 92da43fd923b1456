import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { AUDIT_EVENTS, AUDIT_ACTIONS } from "./audit-events";

/** What the audit trail's filters offer: the agency's people (by id) and the catalogue's actions in words. */
export async function auditFilterChoices(actor: Actor): Promise<{ people: { code: string; label: string }[]; actions: { code: string; label: string }[] }> {
  assertCan(actor, "audit:view");
  const scope = agencyScope(actor);
  const users = await db().user.findMany({ where: scope.where(), select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const actions = AUDIT_ACTIONS.map((action) => ({ code: action, label: AUDIT_EVENTS[action].label })).sort((a, b) => a.label.localeCompare(b.label));
  return { people: users.map((user) => ({ code: user.id, label: user.name })), actions };
}
