/**
 * The rules of a recovery and of an ending without one: times that cannot be. Located and recovered
 * are two moments in either order; the agency cannot learn of a recovery before it happened; none
 * of them is in the future or before the child was last seen. Pure: `now` is passed in.
 */
import { FUTURE_GRACE_MS, type RuleViolation } from "./reporting-rules";

export type RecoveryTimes = { locatedAt: Date | null; recoveredAt: Date | null; knownAt: Date | null };
type TimesContext = { lastSeenAt: Date; now: Date };

/** One moment: not in the future, not before the child was last seen. */
function momentViolations(field: string, at: Date | null, what: string, { lastSeenAt, now }: TimesContext): RuleViolation[] {
  if (!at) return [];
  if (at.getTime() > now.getTime() + FUTURE_GRACE_MS) return [{ field, code: "IN_FUTURE", message: `${what} cannot be in the future.` }];
  if (at.getTime() < lastSeenAt.getTime()) return [{ field, code: "BEFORE_LAST_SEEN", message: `${what} cannot be before the child was last seen. Please check it.` }];
  return [];
}

export function checkRecoveryTimes(times: RecoveryTimes, context: TimesContext): RuleViolation[] {
  const violations = [
    ...momentViolations("locatedAt", times.locatedAt, "The time the child was located", context),
    ...momentViolations("recoveredAt", times.recoveredAt, "The time the child was recovered", context),
    ...momentViolations("knownAt", times.knownAt, "The time the agency learned of the recovery", context),
  ];
  if (times.locatedAt === null && times.recoveredAt === null) {
    violations.push({ field: "locatedAt", code: "NO_MOMENT", message: "Enter when the child was located, when they were recovered, or both." });
  }
  if (times.knownAt && times.recoveredAt && times.knownAt.getTime() < times.recoveredAt.getTime()) {
    violations.push({ field: "knownAt", code: "KNOWN_BEFORE_RECOVERED", message: "The agency cannot have learned of the recovery before it happened. Check both times." });
  }
  return violations;
}

export function checkEndedAt(endedAt: Date, context: TimesContext): RuleViolation[] {
  return momentViolations("endedAt", endedAt, "The time the episode ended", context);
}
