import "server-only";
import { db } from "@/server/db";
import { audit } from "./audit";

export type Refusal = { reason: "not-found" | "forbidden" | "cross-site"; route: string };

/**
 * Audits a refused access (another agency's record, a role without the right, a cross-site write)
 * in a transaction of its own: a refusal changes nothing else. The route is a pattern with the ids
 * taken out; who asked is known when they were signed in.
 */
export async function recordRefusal(who: { requestId: string; userId: string | null; agencyId: string | null }, refusal: Refusal): Promise<void> {
  await db().$transaction((tx) => audit(tx, who, "access.refused", { outcome: "DENIED", details: refusal }));
}
