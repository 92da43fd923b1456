/** An instant shown in the agency's time zone, with the zone named (e.g. "Nov 22, 2026, 2:05 AM EST"). */
export function formatInstant(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(instant);
}
