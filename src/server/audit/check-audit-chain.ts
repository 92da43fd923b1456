import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { verifyAuditTrail, type TrailReport } from "./audit-chain";

/** Whether the actor's agency's audit trail verifies, with its anchor to write down or send elsewhere. */
export async function checkAuditChain(actor: Actor): Promise<TrailReport> {
  assertCan(actor, "audit:view");
  const { agencyId } = agencyScope(actor);
  return db().$transaction((tx) => verifyAuditTrail(tx, agencyId), { isolationLevel: "RepeatableRead", timeout: 120_000 });
}
