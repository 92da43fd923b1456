import { describe, expect, it } from "vitest";
import { backupWarnings } from "@/domain/backup-health";

const now = new Date("2026-12-06T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe("what the admin's pages say of the backups", () => {
  it("says none has been taken where nightly backups are expected, and nothing where the provider keeps them", () => {
    expect(backupWarnings({ nightly: true, latestTakenAt: null, latestCopiedOffTakenAt: null }, now)).toEqual(["none-yet"]);
    expect(backupWarnings({ nightly: false, latestTakenAt: null, latestCopiedOffTakenAt: null }, now)).toEqual([]);
  });

  it("says the newest backup is stale after two days", () => {
    expect(backupWarnings({ nightly: true, latestTakenAt: hoursAgo(47), latestCopiedOffTakenAt: hoursAgo(47) }, now)).toEqual([]);
    expect(backupWarnings({ nightly: true, latestTakenAt: hoursAgo(49), latestCopiedOffTakenAt: hoursAgo(49) }, now)).toEqual(["stale"]);
  });

  it("says when no backup of the last seven days has left the machine", () => {
    expect(backupWarnings({ nightly: true, latestTakenAt: hoursAgo(3), latestCopiedOffTakenAt: null }, now)).toEqual(["not-copied-off"]);
    expect(backupWarnings({ nightly: true, latestTakenAt: hoursAgo(3), latestCopiedOffTakenAt: hoursAgo(7 * 24 + 1) }, now)).toEqual(["not-copied-off"]);
    expect(backupWarnings({ nightly: true, latestTakenAt: hoursAgo(3), latestCopiedOffTakenAt: hoursAgo(6 * 24) }, now)).toEqual([]);
    // A backup taken by hand where the provider keeps the database's backups: copied off, or said.
    expect(backupWarnings({ nightly: false, latestTakenAt: hoursAgo(100), latestCopiedOffTakenAt: null }, now)).toEqual(["not-copied-off"]);
  });
});
