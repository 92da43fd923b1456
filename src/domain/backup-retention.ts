/**
 * Which nightly backups to keep (docs/decisions/020-backups.md): the newest of each of the last
 * `daily` days that have one, and the newest of each of the last `weekly` ISO weeks that have one
 * (days and weeks in UTC). The newest backup is always kept. Manual backups are not the rule's.
 */
export type RetainedBackup = { id: string; takenAt: Date };
export type RetentionPolicy = { daily: number; weekly: number };

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4 };

function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The ISO week (year and number) of a day, in UTC: weeks start on Monday. */
export function isoWeekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The backups the rule removes, oldest first. */
export function backupsToRemove(backups: readonly RetainedBackup[], policy: RetentionPolicy = DEFAULT_RETENTION): RetainedBackup[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const backup of newestFirst) {
    const day = dayOf(backup.takenAt);
    if (!days.has(day) && days.size < policy.daily) keep.add(backup.id);
    days.add(day);
    const week = isoWeekOf(backup.takenAt);
    if (!weeks.has(week) && weeks.size < policy.weekly) keep.add(backup.id);
    weeks.add(week);
  }
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  return newestFirst.filter((backup) => !keep.has(backup.id)).reverse();
}
