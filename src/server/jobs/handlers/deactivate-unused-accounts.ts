import "server-only";
import { db, type Tx } from "@/server/db";
import { audit } from "@/server/audit/audit";
import { revokeAccountTokens } from "@/server/accounts/account-tokens";
import { notifyUser } from "@/server/notifications/notify-user";
import { claimEffect } from "@/server/jobs/once";
import { logJobEvent } from "@/server/jobs/log-job";
import { accountsToDeactivate, lastUsedAt, type AccountActivity } from "@/domain/account-inactivity";

type AccountRow = Omit<AccountActivity, "roles"> & { roles: string[] };

/**
 * The daily job: in each agency, deactivates the accounts unused for 90 days (never the last
 * active admin; src/domain/account-inactivity.ts) and tells the agency's active admins. One
 * transaction per agency, with the agency locked, so two runs at once (two instances, or pg-boss
 * running a job again) and an admin's changes take turns; each account's effect is claimed under
 * a key of the account and the instant it was last used, so it happens once.
 */
export async function deactivateUnusedAccounts(context: { requestId: string; now?: Date }): Promise<{ deactivated: number }> {
  const now = context.now ?? new Date();
  const agencies = await db().agency.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  let deactivated = 0;
  for (const agency of agencies) {
    deactivated += await db().$transaction((tx) => deactivateInAgency(tx, agency.id, { requestId: context.requestId, now }), { timeout: 60_000 });
  }
  if (deactivated > 0) logJobEvent("info", "users.deactivated_unused", { count: deactivated });
  return { deactivated };
}

async function deactivateInAgency(tx: Tx, agencyId: string, context: { requestId: string; now: Date }): Promise<number> {
  // The lock every change to the agency's people takes (src/server/users/account-changes.ts), so an
  // admin deactivating someone at the same moment cannot leave the agency without an active admin.
  await tx.$queryRaw`SELECT "id" FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR UPDATE`;
  const accounts = await tx.$queryRaw<AccountRow[]>`
    SELECT u."id", u."roles"::text[] AS "roles", u."active", u."lastSignInAt", u."createdAt",
           (SELECT max(t."createdAt") FROM "AccountToken" t WHERE t."userId" = u."id" AND t."purpose" = 'INVITATION') AS "lastInvitedAt",
           (SELECT max(e."occurredAt") FROM "AuditEvent" e
             WHERE e."agencyId" = u."agencyId" AND e."targetType" = 'User' AND e."targetId" = u."id"::text
               AND e."action" = 'user.reactivated' AND e."outcome" = 'SUCCESS') AS "lastReactivatedAt"
      FROM "User" u WHERE u."agencyId" = ${agencyId}::uuid AND u."active" ORDER BY u."id"`;
  const chosen = new Set(accountsToDeactivate(accounts, context.now));
  // Told: the admins who stay active (the spared last admin included).
  const admins = accounts.filter((a) => a.roles.includes("ADMIN") && !chosen.has(a.id));
  let done = 0;
  for (const account of accounts.filter((a) => chosen.has(a.id))) {
    const lastUsed = lastUsedAt(account).toISOString();
    const key = `deactivate-unused:${account.id}:${lastUsed}`;
    if (!(await claimEffect(tx, key))) continue;
    await tx.user.update({ where: { id: account.id }, data: { active: false, deactivatedAt: context.now } });
    const { count: sessionsEnded } = await tx.userSession.updateMany({
      where: { userId: account.id, endedAt: null },
      data: { endedAt: context.now, endReason: "DEACTIVATED" },
    });
    await revokeAccountTokens(tx, account.id, context.now);
    await audit(tx, { requestId: context.requestId, userId: null, agencyId }, "user.deactivated_unused", {
      target: { type: "User", id: account.id },
      details: { lastUsedAt: lastUsed, sessionsEnded },
    });
    for (const admin of admins) {
      await notifyUser(tx, { key: `${key}:${admin.id}`, agencyId, userId: admin.id, kind: "account.deactivated_unused", details: { userId: account.id } });
    }
    done++;
  }
  return done;
}
