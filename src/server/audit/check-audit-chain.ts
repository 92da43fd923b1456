import "server-only";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { checkTrailFromCheckpoints, type CheckedTrail } from "./audit-checkpoints";

/**
 * Whether the actor's agency's audit trail verifies, with its anchor to write down or send
 * elsewhere: the events written since the last check are checked now, and the page says when the
 * whole trail was last checked from its start (the nightly job; decision 024).
 */
export async function checkAuditChain(actor: Actor, now = new Date()): Promise<CheckedTrail> {
  assertCan(actor, "audit:view");
  const { agencyId } = agencyScope(actor);
  return checkTrailFromCheckpoints(agencyId, now);
}
