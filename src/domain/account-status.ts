import { isLocked } from "./sign-in-lockout";

/**
 * Where a person's account stands, in the admin's words: switched off, invited (no password set
 * yet), locked after failed sign-ins, or active. The first that applies wins.
 */
export const ACCOUNT_STATUSES = [
  { code: "ACTIVE", label: "Active" },
  { code: "INVITED", label: "Invited" },
  { code: "LOCKED", label: "Locked" },
  { code: "DEACTIVATED", label: "Deactivated" },
] as const;

export type AccountStatus = (typeof ACCOUNT_STATUSES)[number]["code"];

export function accountStatus(account: { active: boolean; hasPassword: boolean; lockedUntil: Date | null }, now: Date): AccountStatus {
  if (!account.active) return "DEACTIVATED";
  if (!account.hasPassword) return "INVITED";
  if (isLocked({ lockedUntil: account.lockedUntil, failedSignInCount: 0 }, now)) return "LOCKED";
  return "ACTIVE";
}

export function accountStatusLabel(status: AccountStatus): string {
  return ACCOUNT_STATUSES.find((entry) => entry.code === status)?.label ?? status;
}

export function isAccountStatus(value: string): value is AccountStatus {
  return ACCOUNT_STATUSES.some((entry) => entry.code === value);
}
