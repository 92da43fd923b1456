import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { agencyScope } from "@/server/authz/agency-scope";
import { verifyAuditChain, type ChainReport } from "./audit-chain";

/** Whether the actor's agency's audit chain verifies, with its latest hash to write down or send elsewhere. */
export async function checkAuditChain(actor: Actor): Promise<ChainReport> {
  assertCan(actor, "audit:view");
  const { agencyId } = agencyScope(actor);
  return db().$transaction((tx) => verifyAuditChain(tx, agencyId), { isolationLevel: "RepeatableRead", timeout: 120_000 });
}
