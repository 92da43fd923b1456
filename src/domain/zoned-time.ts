/**
 * Wall-clock time in an IANA time zone ↔ UTC instants, with nothing but `Intl.DateTimeFormat`.
 * Pure: no clock reads. Wall times are minute-precision "YYYY-MM-DDTHH:mm", the value of an
 * `<input type="datetime-local">`; calendar dates are "YYYY-MM-DD".
 */

export type WallTimeResult =
  | { ok: true; instant: Date; ambiguous: boolean }
  | { ok: false; reason: "invalid" | "nonexistent" };

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

/** No zone is more than 14 hours from UTC, so the instant of a wall time lies within this of it read as UTC. */
const MAX_ZONE_OFFSET_MS = 14 * HOUR_MS;

const WALL_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export type CalendarDate = { year: number; month: number; day: number };

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "YYYY-MM-DD" → its parts, or null when malformed or not a real day (2026-02-30). Year 0000 is refused. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = CALENDAR_DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

type WallFields = CalendarDate & { hour: number; minute: number };

function parseWallTime(wall: string): WallFields | null {
  const match = WALL_TIME_PATTERN.exec(wall);
  if (!match) return null;
  const date = parseCalendarDate(wall.slice(0, 10));
  const [hour, minute] = [Number(match[4]), Number(match[5])];
  // 24:00 is refused: the form never produces it and it would be a second name for 00:00 the next day.
  if (!date || hour > 23 || minute > 59) return null;
  return { ...date, hour, minute };
}

/** The fields read as if they were UTC. `Date.UTC` would map years 0–99 to 1900–1999, so set the year apart. */
function fieldsAsUtcMs(fields: WallFields & { second?: number }): number {
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second ?? 0, 0);
  return date.getTime();
}

// Building a formatter is the slow part of Intl, and a deployment only ever sees a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone: a zone is agency configuration, not user input.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function zonedFields(instant: Date, timeZone: string): WallFields & { second: number } {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid Date");
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  return {
    // Intl counts years before 1 AD as "1 BC", "2 BC", …; astronomical years are 0, -1, ….
    year: parts.era === "BC" || parts.era === "B" ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines still say "24" for midnight even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant (negative west of Greenwich). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  return fieldsAsUtcMs(zonedFields(instant, timeZone)) - wholeSecond;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

function formatWall(fields: WallFields): string {
  const date = `${pad(fields.year, 4)}-${pad(fields.month, 2)}-${pad(fields.day, 2)}`;
  return `${date}T${pad(fields.hour, 2)}:${pad(fields.minute, 2)}`;
}

/**
 * The instant a wall-clock time in `timeZone` names. A time skipped by a spring-forward change is
 * "nonexistent" (the caseworker must pick a real time, not have one guessed for them). A time that
 * happens twice at a fall-back change is the earlier one, flagged `ambiguous`: for a deadline clock
 * the earlier reading is the stricter one, and the UI can ask when it matters.
 * Throws RangeError for an unknown time zone.
 */
export function wallTimeToInstant(wall: string, timeZone: string): WallTimeResult {
  const fields = parseWallTime(wall);
  if (!fields) return { ok: false, reason: "invalid" };
  const wallAsUtc = fieldsAsUtcMs(fields);

  // Every offset the zone used in the window where the instant must be; each gives one candidate.
  const offsets = new Set<number>();
  for (const probe of [-MAX_ZONE_OFFSET_MS, -MAX_ZONE_OFFSET_MS / 2, 0, MAX_ZONE_OFFSET_MS / 2, MAX_ZONE_OFFSET_MS]) {
    offsets.add(zoneOffsetMs(new Date(wallAsUtc + probe), timeZone));
  }
  const instants = [...offsets]
    .map((offset) => wallAsUtc - offset)
    .filter((candidate) => instantToWallTime(new Date(candidate), timeZone) === wall)
    .sort((a, b) => a - b);

  const earliest = instants[0];
  if (earliest === undefined) return { ok: false, reason: "nonexistent" };
  return { ok: true, instant: new Date(earliest), ambiguous: instants.length > 1 };
}

/** "YYYY-MM-DDTHH:mm" of the instant on the zone's wall clock; seconds are dropped, not rounded. */
export function instantToWallTime(instant: Date, timeZone: string): string {
  return formatWall(zonedFields(instant, timeZone));
}

/** "YYYY-MM-DD": the day it was in that zone at that instant. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  return instantToWallTime(instant, timeZone).slice(0, 10);
}

/**
 * Whether Intl knows the zone by name ("America/New_York", "UTC"). Fixed offsets ("+05:00") are
 * refused even where the engine takes them: an agency's zone must carry its daylight-saving rules.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "" || /^[+-]/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A calendar date as a date column holds it (UTC midnight of that day) and back: "2011-05-14" ↔
 * 2011-05-14T00:00:00Z. The one place calendar dates cross into `Date`s and out again.
 */
export function dateColumnOf(calendarDate: string): Date {
  return new Date(`${calendarDate}T00:00:00Z`);
}

export function calendarDateOf(dateColumn: Date): string {
  return dateColumn.toISOString().slice(0, 10);
}
