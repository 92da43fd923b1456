/** Durations in words, for clocks and reminders. */
const MINUTE_MS = 60 * 1000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * "45 min", "3 h 5 min", "1 day 2 h", "less than a minute". Rounded down to whole minutes (never
 * promise more time than is left) and at most two units: once it is days, minutes do not matter.
 * Zero units are left out ("2 h", "3 days"). A negative duration is shown by its size: the caller
 * says whether it is time left or time late.
 */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  if (totalMinutes < 1) return "less than a minute";
  const days = Math.floor(totalMinutes / MINUTES_PER_DAY);
  const hours = Math.floor((totalMinutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const minutes = totalMinutes % MINUTES_PER_HOUR;
  const units =
    days > 0
      ? [days === 1 ? "1 day" : `${days} days`, hours > 0 ? `${hours} h` : ""]
      : [hours > 0 ? `${hours} h` : "", minutes > 0 ? `${minutes} min` : ""];
  return units.filter(Boolean).join(" ");
}
