import "server-only";
import { db } from "@/server/db";
import { assertCan, type Actor } from "@/server/authz/guard";
import { mustHaveSecondFactor } from "@/domain/second-factor-policy";

export type ProfileSession = { id: string; browser: string; createdAt: Date; lastSeenAt: Date; current: boolean };

/** What the person's own account page shows: their second factor and their signed-in sessions. */
export async function loadProfile(actor: Actor) {
  assertCan(actor, "profile:manage");
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: {
      totpEnabledAt: true,
      passwordChangedAt: true,
      roles: true,
      agency: { select: { caseworkerSecondFactorOptional: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
      sessions: { where: { endedAt: null }, orderBy: { createdAt: "desc" }, select: { id: true, userAgent: true, createdAt: true, lastSeenAt: true } },
    },
  });
  return {
    hasSecondFactor: user.totpEnabledAt !== null,
    secondFactorSince: user.totpEnabledAt,
    mayRemoveSecondFactor: !mustHaveSecondFactor(user, user.agency),
    recoveryCodesLeft: user._count.recoveryCodes,
    passwordChangedAt: user.passwordChangedAt,
    sessions: user.sessions.map((s): ProfileSession => ({
      id: s.id,
      browser: browserName(s.userAgent),
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.id === actor.sessionId,
    })),
  };
}

/** A browser in words from its User-Agent ("Firefox on Windows"); the raw string is kept, not shown. */
export function browserName(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrome\/|Chromium\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "A browser";
  const system = /Windows/.test(userAgent) ? "Windows" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Mac OS X/.test(userAgent) ? "macOS" : /Android/.test(userAgent) ? "Android" : /Linux/.test(userAgent) ? "Linux" : null;
  return system ? `${browser} on ${system}` : browser;
}
