import "server-only";
import type { Tx } from "@/server/db";
import { audit, type AuditWho } from "@/server/audit/audit";
import { notifyUser } from "@/server/notifications/notify-user";
import { env } from "@/config/env";
import { openText, sealText } from "@/lib/sealed-text";
import { BadRequestError, ValidationError } from "@/server/use-case-errors";
import { checkTotpCode, groupedSecret, hashRecoveryCode, newRecoveryCodes, newTotpSecret, sealTotpSecret, totpQrCode } from "./totp";

/**
 * A second factor being set up: the page shows the secret (QR code and text) and keeps it sealed
 * for the person (it opens for nobody else) until they confirm it with a code. Nothing is stored
 * until then, so a set-up left half-way changes nothing, and an existing factor keeps working.
 */
const PENDING_PURPOSE = "totp-set-up";

function pendingOptions(userId: string) {
  const applicationSecret = env().NEXTAUTH_SECRET;
  if (!applicationSecret) throw new Error("NEXTAUTH_SECRET is not set: second factors cannot be set up without it.");
  return { applicationSecret, purpose: PENDING_PURPOSE, context: userId };
}

export type SecondFactorSetUp = { qrCode: string; secretText: string; pending: string };

export async function startSecondFactorSetUp(person: { userId: string; email: string; agencyName: string }): Promise<SecondFactorSetUp> {
  const secret = newTotpSecret();
  return {
    qrCode: await totpQrCode(secret, { email: person.email, agencyName: person.agencyName }),
    secretText: groupedSecret(secret),
    pending: sealText(secret, pendingOptions(person.userId)),
  };
}

export const WRONG_SET_UP_CODE = "The code is not right. Check that the app shows Homeward with your email address, then enter the code it shows now.";

/**
 * Checks the person's first code against the secret being set up and stores it (encrypted) with
 * ten new recovery codes, replacing any factor and codes they had. Tells them; audited. Answers the
 * recovery codes, shown once. Runs in the caller's transaction.
 */
export async function storeConfirmedSecondFactor(
  tx: Tx,
  who: AuditWho,
  input: { userId: string; agencyId: string; pending: string; code: string; now: Date },
): Promise<{ recoveryCodes: string[] }> {
  const secret = openText(input.pending, pendingOptions(input.userId));
  if (!secret) throw new BadRequestError("This set-up has expired or was changed: reload the page to start again.");
  const check = await checkTotpCode(secret, input.code, null, input.now);
  if (!check.ok) throw new ValidationError({ code: WRONG_SET_UP_CODE }, WRONG_SET_UP_CODE);

  const before = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { totpEnabledAt: true } });
  await tx.user.update({
    where: { id: input.userId },
    data: { totpSecret: sealTotpSecret(secret, input.userId), totpEnabledAt: input.now, totpLastStep: check.step },
  });
  const recoveryCodes = await replaceRecoveryCodes(tx, input.userId);
  await audit(tx, who, "account.second_factor_set_up", { target: { type: "User", id: input.userId }, details: { replaced: before.totpEnabledAt !== null } });
  await notifyUser(tx, { key: `second_factor.added:${input.userId}:${input.now.toISOString()}`, agencyId: input.agencyId, userId: input.userId, kind: "second_factor.added" });
  return { recoveryCodes };
}

/** Ten new single-use recovery codes in place of the old ones; only their keyed hashes are kept. */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}
