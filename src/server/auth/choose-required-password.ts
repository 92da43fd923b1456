import "server-only";
import { db } from "@/server/db";
import { auditWho } from "@/server/audit/audit";
import { ZNewPasswordSchema } from "@/lib/schemas/account";
import { BadRequestError, ValidationError } from "@/server/use-case-errors";
import { endSessionsOf, type SignInSession } from "./sessions";
import { assertPasswordAllowed, storeNewPassword } from "./set-password";

/**
 * An admin asked for a new password (after a suspected compromise): the person chooses one before
 * anything else. Every other session of theirs ends.
 */
export async function chooseRequiredPassword(session: SignInSession, input: unknown, context: { requestId: string; now?: Date }): Promise<void> {
  if (session.step !== "new-password") throw new BadRequestError("No new password is needed now: reload the page.");
  const parsed = ZNewPasswordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ValidationError({ [String(issue.path[0] ?? "password")]: issue.message }, issue.message);
  }
  assertPasswordAllowed(parsed.data.password, { email: session.email, name: session.name, hasSecondFactor: session.hasSecondFactor });
  const now = context.now ?? new Date();
  const who = auditWho(session, context.requestId);
  await db().$transaction(
    async (tx) => {
      await storeNewPassword(tx, who, { userId: session.userId, agencyId: session.agency.id, password: parsed.data.password, via: "required", now });
      await endSessionsOf(tx, who, { userId: session.userId, except: session.sessionId, reason: "PASSWORD_CHANGED", now });
    },
    { timeout: 15_000 },
  );
}
