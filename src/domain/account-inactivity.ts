/**
 * Accounts unused for 90 days are deactivated (CJIS Security Policy, account management: inactive
 * accounts disabled within 90 days), except the agency's last active admin, who would otherwise
 * leave the agency with nobody able to reactivate anyone. Pure: `now` is passed in.
 */
export const INACTIVITY_LIMIT_DAYS = 90;
export const INACTIVITY_LIMIT_MS = INACTIVITY_LIMIT_DAYS * 24 * 60 * 60 * 1000;

export type AccountActivity = {
  id: string;
  roles: readonly string[];
  active: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  /** The latest invitation sent to the person, if any. */
  lastInvitedAt: Date | null;
  /** When an admin last reactivated the account, if ever: a fresh start for the count. */
  lastReactivatedAt: Date | null;
};

/**
 * When the account was last used, or, for a person who never signed in, last given a chance to
 * be: the latest of sign-in, creation, invitation and reactivation.
 */
export function lastUsedAt(account: AccountActivity): Date {
  const instants = [account.lastSignInAt, account.createdAt, account.lastInvitedAt, account.lastReactivatedAt].filter((at): at is Date => at !== null);
  return new Date(Math.max(...instants.map((at) => at.getTime())));
}

/** Unused for the whole limit: 90 days of elapsed time or more since it was last used. */
export function isUnused(account: AccountActivity, now: Date): boolean {
  return now.getTime() - lastUsedAt(account).getTime() >= INACTIVITY_LIMIT_MS;
}

const isAdmin = (account: AccountActivity) => account.roles.includes("ADMIN");

/**
 * Which of one agency's accounts to deactivate now: every active, unused account, except that
 * when every active admin is unused the most recently used of them stays (ties: the lowest id, so
 * that every run and every instance picks the same one).
 */
export function accountsToDeactivate(agencyAccounts: readonly AccountActivity[], now: Date): string[] {
  const active = agencyAccounts.filter((account) => account.active);
  const unused = active.filter((account) => isUnused(account, now));
  const activeAdmins = active.filter(isAdmin);
  const everyAdminUnused = activeAdmins.length > 0 && activeAdmins.every((admin) => isUnused(admin, now));
  const spared = everyAdminUnused
    ? [...activeAdmins].sort((a, b) => lastUsedAt(b).getTime() - lastUsedAt(a).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0]?.id
    : undefined;
  return unused.filter((account) => account.id !== spared).map((account) => account.id);
}
