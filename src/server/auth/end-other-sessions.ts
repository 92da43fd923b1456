import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { auditWho } from "@/server/audit/audit";
import { endSessionsOf } from "./sessions";

/** Signs the person out of every other browser; this one stays signed in. */
export async function endOtherSessions(actor: Actor, context: { requestId: string; now?: Date }): Promise<{ ended: number }> {
  assertCan(actor, "profile:manage");
  const now = context.now ?? new Date();
  const ended = await db().$transaction((tx) =>
    endSessionsOf(tx, auditWho(actor, context.requestId), { userId: actor.userId, except: actor.sessionId, reason: "ENDED_BY_USER", now }),
  );
  return { ended };
}
