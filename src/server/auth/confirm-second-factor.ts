import "server-only";
import { db } from "@/server/db";
import { auditWho } from "@/server/audit/audit";
import { ZConfirmSecondFactorSchema } from "@/lib/schemas/account";
import { BadRequestError } from "@/server/use-case-errors";
import { ForbiddenError } from "@/server/authz/errors";
import { can } from "@/server/authz/permissions";
import { markSecondFactorGiven, type SignInSession } from "./sessions";
import { storeConfirmedSecondFactor } from "./second-factor-store";

/**
 * Sets up (or replaces) the person's second factor from a confirmed code: at sign-in when they
 * must have one, or from their profile. The session counts as having given its second factor.
 * Answers the ten recovery codes, shown once.
 */
export async function confirmSecondFactor(session: SignInSession, input: unknown, context: { requestId: string; now?: Date }): Promise<{ recoveryCodes: string[] }> {
  if (session.step !== "second-factor" && session.step !== "done") throw new BadRequestError("Finish signing in first: reload the page.");
  // From the profile, as every change to one's own account; at sign-in nobody may skip it.
  if (session.step === "done" && !can(session.roles, "profile:manage")) throw new ForbiddenError();
  const parsed = ZConfirmSecondFactorSchema.safeParse(input);
  if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message);
  const now = context.now ?? new Date();
  return db().$transaction(async (tx) => {
    const result = await storeConfirmedSecondFactor(tx, auditWho(session, context.requestId), {
      userId: session.userId,
      agencyId: session.agency.id,
      pending: parsed.data.pending,
      code: parsed.data.code,
      now,
    });
    await markSecondFactorGiven(tx, session.sessionId, now);
    return result;
  });
}
