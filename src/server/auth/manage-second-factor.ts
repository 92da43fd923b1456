import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { audit, auditWho } from "@/server/audit/audit";
import { mustHaveSecondFactor } from "@/domain/second-factor-policy";
import { ConflictError } from "@/server/use-case-errors";
import { replaceRecoveryCodes } from "./second-factor-store";

/** Ten new recovery codes in place of the old ones (all of which stop working); shown once. */
export async function regenerateRecoveryCodes(actor: Actor, context: { requestId: string }): Promise<{ recoveryCodes: string[] }> {
  assertCan(actor, "profile:manage");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } });
    if (!user.totpEnabledAt) throw new ConflictError("INCOMPLETE", "Set up a second factor first: recovery codes come with it.");
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.userId);
    await audit(tx, auditWho(actor, context.requestId), "account.recovery_codes_regenerated", { target: { type: "User", id: actor.userId }, details: { count: recoveryCodes.length } });
    return { recoveryCodes };
  });
}

/** Removes the person's own second factor, only where the policy lets them go without one. */
export async function removeSecondFactor(actor: Actor, context: { requestId: string }): Promise<void> {
  assertCan(actor, "profile:manage");
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { roles: true, totpEnabledAt: true, agency: { select: { caseworkerSecondFactorOptional: true } } },
    });
    if (mustHaveSecondFactor(user, user.agency)) throw new ConflictError("INELIGIBLE", "Your agency asks you to keep a second factor: you can replace it, not remove it.");
    if (!user.totpEnabledAt) return;
    await tx.user.update({ where: { id: actor.userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await audit(tx, auditWho(actor, context.requestId), "account.second_factor_removed", { target: { type: "User", id: actor.userId } });
  });
}
