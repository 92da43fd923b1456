import { describe, expect, it } from "vitest";
import { backupsToRemove, isoWeekOf } from "@/domain/backup-retention";

const at = (iso: string) => ({ id: iso, takenAt: new Date(iso) });
/** One backup a night at 02:30 UTC for `nights` nights up to and including `last`. */
function nightly(last: string, nights: number) {
  const end = new Date(`${last}T02:30:00Z`).getTime();
  return Array.from({ length: nights }, (_, i) => at(new Date(end - i * 86_400_000).toISOString()));
}
const days = (backups: { id: string }[]) => backups.map((b) => b.id.slice(0, 10));

describe("which nightly backups are kept", () => {
  it("keeps the last seven nights and one a week for the last four weeks", () => {
    // Sunday 2026-12-06 back to Monday 2026-10-26: six weeks of nights.
    const all = nightly("2026-12-06", 42);
    const removed = backupsToRemove(all);
    const kept = all.filter((b) => !removed.includes(b)).map((b) => b.id.slice(0, 10)).sort();
    // Seven daily (Nov 30 – Dec 6, which is week 49), plus the newest of weeks 48, 47 and 46 (Sundays).
    expect(kept).toEqual(["2026-11-15", "2026-11-22", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(removed).toHaveLength(42 - 10);
    // Oldest first.
    expect(days(removed)[0]).toBe("2026-10-26");
  });

  it("keeps only the newest of several backups in one day, beyond the newest backup", () => {
    const all = [at("2026-12-06T02:30:00Z"), at("2026-12-06T09:00:00Z"), at("2026-12-06T15:00:00Z")];
    expect(backupsToRemove(all).map((b) => b.id)).toEqual(["2026-12-06T02:30:00Z", "2026-12-06T09:00:00Z"]);
  });

  it("counts days that have a backup, not calendar days, so a machine that was off keeps its last seven", () => {
    const all = [at("2026-01-01T02:30:00Z"), at("2026-02-01T02:30:00Z"), at("2026-03-01T02:30:00Z")];
    expect(backupsToRemove(all)).toEqual([]);
  });

  it("removes nothing from none or one", () => {
    expect(backupsToRemove([])).toEqual([]);
    expect(backupsToRemove([at("2026-12-06T02:30:00Z")])).toEqual([]);
  });

  it("names ISO weeks as ISO 8601 does, across the turn of a year", () => {
    expect(isoWeekOf(new Date("2026-12-06T12:00:00Z"))).toBe("2026-W49");
    expect(isoWeekOf(new Date("2026-12-07T00:00:00Z"))).toBe("2026-W50");
    expect(isoWeekOf(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeekOf(new Date("2025-12-29T00:00:00Z"))).toBe("2026-W01");
  });
});
