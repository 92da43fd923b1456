"use client";

import { deadlineOf } from "@/domain/reporting-rules";
import { wallTimeToInstant } from "@/domain/zoned-time";
import { formatInstant } from "@/lib/format-time";

/** Whether a typed report time is past the 24-hour deadline (null when it cannot tell yet). */
export function isLate(reportedAtWall: string | undefined, discoveredAt: string | null, timeZone: string): boolean | null {
  if (!discoveredAt || !reportedAtWall) return null;
  const reported = wallTimeToInstant(reportedAtWall, timeZone);
  if (!reported.ok) return null;
  return reported.instant.getTime() > deadlineOf(new Date(discoveredAt)).getTime();
}

export function DeadlineNote({ discoveredAt, timeZone }: { discoveredAt: string | null; timeZone: string }) {
  if (!discoveredAt) return null;
  return (
    <p className="rounded border-l-4 border-blue-800 bg-blue-50 p-3">
      Deadline: <strong>{formatInstant(deadlineOf(new Date(discoveredAt)), timeZone)}</strong> (24 hours after the agency learned
      the child was missing).
    </p>
  );
}
