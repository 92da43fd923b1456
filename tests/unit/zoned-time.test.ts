import { describe, expect, it } from "vitest";
import {
  calendarDateIn,
  instantToWallTime,
  isValidTimeZone,
  wallTimeToInstant,
  zoneOffsetMs,
} from "@/domain/zoned-time";

const NEW_YORK = "America/New_York";
const PHOENIX = "America/Phoenix";
const HONOLULU = "Pacific/Honolulu";

describe("wallTimeToInstant", () => {
  it.each([
    // New York, spring forward 2026-03-08 02:00 EST → 03:00 EDT
    { case: "NY winter", zone: NEW_YORK, wall: "2026-01-15T12:00", utc: "2026-01-15T17:00:00.000Z", ambiguous: false },
    { case: "NY last minute before spring forward", zone: NEW_YORK, wall: "2026-03-08T01:59", utc: "2026-03-08T06:59:00.000Z", ambiguous: false },
    { case: "NY first minute after spring forward", zone: NEW_YORK, wall: "2026-03-08T03:00", utc: "2026-03-08T07:00:00.000Z", ambiguous: false },
    { case: "NY summer", zone: NEW_YORK, wall: "2026-07-04T21:30", utc: "2026-07-05T01:30:00.000Z", ambiguous: false },
    // New York, fall back 2026-11-01 02:00 EDT → 01:00 EST
    { case: "NY just before the repeated hour", zone: NEW_YORK, wall: "2026-11-01T00:59", utc: "2026-11-01T04:59:00.000Z", ambiguous: false },
    { case: "NY repeated hour starts: earlier (EDT)", zone: NEW_YORK, wall: "2026-11-01T01:00", utc: "2026-11-01T05:00:00.000Z", ambiguous: true },
    { case: "NY 01:30 twice: earlier (EDT)", zone: NEW_YORK, wall: "2026-11-01T01:30", utc: "2026-11-01T05:30:00.000Z", ambiguous: true },
    { case: "NY 01:59 twice: earlier (EDT)", zone: NEW_YORK, wall: "2026-11-01T01:59", utc: "2026-11-01T05:59:00.000Z", ambiguous: true },
    { case: "NY after fall back", zone: NEW_YORK, wall: "2026-11-01T02:00", utc: "2026-11-01T07:00:00.000Z", ambiguous: false },
    // Phoenix: MST (UTC-7) all year, no gap and no repeat
    { case: "Phoenix during NY's gap", zone: PHOENIX, wall: "2026-03-08T02:30", utc: "2026-03-08T09:30:00.000Z", ambiguous: false },
    { case: "Phoenix in summer", zone: PHOENIX, wall: "2026-07-01T12:00", utc: "2026-07-01T19:00:00.000Z", ambiguous: false },
    { case: "Phoenix during NY's repeat", zone: PHOENIX, wall: "2026-11-01T01:30", utc: "2026-11-01T08:30:00.000Z", ambiguous: false },
    // Honolulu: HST (UTC-10) all year
    { case: "Honolulu in winter", zone: HONOLULU, wall: "2026-01-01T00:00", utc: "2026-01-01T10:00:00.000Z", ambiguous: false },
    { case: "Honolulu late evening, next day in UTC", zone: HONOLULU, wall: "2026-07-31T23:45", utc: "2026-08-01T09:45:00.000Z", ambiguous: false },
    // Leap day and UTC itself
    { case: "leap day 2028", zone: "UTC", wall: "2028-02-29T08:15", utc: "2028-02-29T08:15:00.000Z", ambiguous: false },
  ])("$case: $wall in $zone is $utc", ({ zone, wall, utc, ambiguous }) => {
    expect(wallTimeToInstant(wall, zone)).toEqual({ ok: true, instant: new Date(utc), ambiguous });
  });

  it.each([
    { wall: "2026-03-08T02:00", zone: NEW_YORK },
    { wall: "2026-03-08T02:30", zone: NEW_YORK },
    { wall: "2026-03-08T02:59", zone: NEW_YORK },
    { wall: "2026-03-29T02:30", zone: "Europe/Berlin" },
  ])("$wall in $zone was skipped by spring forward → nonexistent", ({ wall, zone }) => {
    expect(wallTimeToInstant(wall, zone)).toEqual({ ok: false, reason: "nonexistent" });
  });

  it.each([
    { case: "February 30", wall: "2026-02-30T10:00" },
    { case: "February 29 in a common year", wall: "2026-02-29T10:00" },
    { case: "February 29 in a century that is not a leap year", wall: "2100-02-29T10:00" },
    { case: "April 31", wall: "2026-04-31T10:00" },
    { case: "month 13", wall: "2026-13-01T10:00" },
    { case: "month 0", wall: "2026-00-10T10:00" },
    { case: "day 0", wall: "2026-01-00T10:00" },
    { case: "24:00", wall: "2026-03-07T24:00" },
    { case: "minute 60", wall: "2026-03-07T10:60" },
    { case: "year 0000", wall: "0000-01-01T00:00" },
    { case: "seconds", wall: "2026-03-07T10:00:00" },
    { case: "space instead of T", wall: "2026-03-07 10:00" },
    { case: "one-digit hour", wall: "2026-03-07T9:00" },
    { case: "a zone suffix", wall: "2026-03-07T10:00Z" },
    { case: "date only", wall: "2026-03-07" },
    { case: "empty", wall: "" },
    { case: "words", wall: "tomorrow at noon" },
  ])("$case ($wall) is invalid", ({ wall }) => {
    expect(wallTimeToInstant(wall, NEW_YORK)).toEqual({ ok: false, reason: "invalid" });
  });

  it("an unknown time zone is a configuration error, not a wall-time problem", () => {
    expect(() => wallTimeToInstant("2026-03-07T10:00", "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("instantToWallTime and calendarDateIn", () => {
  it.each([
    { utc: "2026-03-08T06:59:00Z", zone: NEW_YORK, wall: "2026-03-08T01:59" },
    { utc: "2026-03-08T07:00:00Z", zone: NEW_YORK, wall: "2026-03-08T03:00" },
    { utc: "2026-11-01T05:30:00Z", zone: NEW_YORK, wall: "2026-11-01T01:30" },
    { utc: "2026-11-01T06:30:00Z", zone: NEW_YORK, wall: "2026-11-01T01:30" },
    { utc: "2026-11-01T04:00:00Z", zone: NEW_YORK, wall: "2026-11-01T00:00" },
    { utc: "2026-03-08T09:30:00Z", zone: PHOENIX, wall: "2026-03-08T02:30" },
    { utc: "2026-01-01T09:59:59Z", zone: HONOLULU, wall: "2025-12-31T23:59" },
    { utc: "2026-06-15T12:34:56.789Z", zone: "UTC", wall: "2026-06-15T12:34" },
  ])("$utc in $zone reads $wall", ({ utc, zone, wall }) => {
    expect(instantToWallTime(new Date(utc), zone)).toBe(wall);
    expect(calendarDateIn(new Date(utc), zone)).toBe(wall.slice(0, 10));
  });

  it.each([
    { case: "NY evening is the next UTC day", utc: "2026-07-05T01:30:00Z", zone: NEW_YORK, date: "2026-07-04" },
    { case: "Honolulu is still yesterday", utc: "2026-01-01T09:00:00Z", zone: HONOLULU, date: "2025-12-31" },
    { case: "Honolulu midnight", utc: "2026-01-01T10:00:00Z", zone: HONOLULU, date: "2026-01-01" },
    { case: "Tokyo is already tomorrow", utc: "2026-12-31T15:00:00Z", zone: "Asia/Tokyo", date: "2027-01-01" },
  ])("$case: $date", ({ utc, zone, date }) => {
    expect(calendarDateIn(new Date(utc), zone)).toBe(date);
  });

  it("an invalid Date is an error, not a string", () => {
    expect(() => instantToWallTime(new Date(Number.NaN), NEW_YORK)).toThrow(RangeError);
  });
});

describe("round trips", () => {
  // Every quarter hour of both New York change days and a Phoenix and Honolulu day: each wall time
  // that exists maps back to itself, and each instant's wall time maps to that instant (or, in the
  // repeated hour, to the earlier of its two instants).
  const zonesAndDays = [
    { zone: NEW_YORK, day: "2026-03-08" },
    { zone: NEW_YORK, day: "2026-11-01" },
    { zone: PHOENIX, day: "2026-03-08" },
    { zone: HONOLULU, day: "2026-11-01" },
  ];
  const quarterHours = Array.from({ length: 96 }, (_, i) => {
    const [hour, minute] = [Math.floor(i / 4), (i % 4) * 15];
    return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  });

  it.each(zonesAndDays)("wall → instant → wall in $zone on $day", ({ zone, day }) => {
    const nonexistent: string[] = [];
    for (const time of quarterHours) {
      const wall = `${day}T${time}`;
      const result = wallTimeToInstant(wall, zone);
      if (!result.ok) {
        nonexistent.push(time);
        continue;
      }
      expect(instantToWallTime(result.instant, zone)).toBe(wall);
    }
    expect(nonexistent).toEqual(zone === NEW_YORK && day === "2026-03-08" ? ["02:00", "02:15", "02:30", "02:45"] : []);
  });

  it.each(zonesAndDays)("instant → wall → instant in $zone on $day", ({ zone, day }) => {
    const start = new Date(`${day}T00:00:00Z`).getTime();
    for (let minutes = 0; minutes < 48 * 60; minutes += 15) {
      const instant = new Date(start + minutes * 60 * 1000);
      const result = wallTimeToInstant(instantToWallTime(instant, zone), zone);
      if (!result.ok) throw new Error(`${instant.toISOString()} gave ${result.reason}`);
      if (result.ambiguous) {
        // The later reading of a repeated hour comes back as the earlier one, exactly an hour before.
        expect([0, 60 * 60 * 1000]).toContain(instant.getTime() - result.instant.getTime());
      } else {
        expect(result.instant).toEqual(instant);
      }
    }
  });
});

describe("zoneOffsetMs", () => {
  const hours = (n: number) => n * 60 * 60 * 1000;
  it.each([
    { utc: "2026-03-08T06:59:00Z", zone: NEW_YORK, offset: hours(-5) },
    { utc: "2026-03-08T07:00:00Z", zone: NEW_YORK, offset: hours(-4) },
    { utc: "2026-11-01T05:59:00Z", zone: NEW_YORK, offset: hours(-4) },
    { utc: "2026-11-01T06:00:00Z", zone: NEW_YORK, offset: hours(-5) },
    { utc: "2026-01-15T12:00:00Z", zone: PHOENIX, offset: hours(-7) },
    { utc: "2026-07-15T12:00:00Z", zone: PHOENIX, offset: hours(-7) },
    { utc: "2026-01-15T12:00:00Z", zone: HONOLULU, offset: hours(-10) },
    { utc: "2026-07-15T12:00:00Z", zone: HONOLULU, offset: hours(-10) },
    { utc: "2026-07-15T12:00:00Z", zone: "Asia/Kolkata", offset: hours(5.5) },
  ])("$zone at $utc is UTC$offset ms", ({ utc, zone, offset }) => {
    expect(zoneOffsetMs(new Date(utc), zone)).toBe(offset);
  });
});

describe("isValidTimeZone", () => {
  it.each([
    { zone: NEW_YORK, valid: true },
    { zone: PHOENIX, valid: true },
    { zone: HONOLULU, valid: true },
    { zone: "UTC", valid: true },
    { zone: "Mars/Olympus_Mons", valid: false },
    { zone: "", valid: false },
    { zone: "  ", valid: false },
    { zone: "+05:00", valid: false },
    { zone: "-0700", valid: false },
    { zone: "New York", valid: false },
  ])("'$zone' → $valid", ({ zone, valid }) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
