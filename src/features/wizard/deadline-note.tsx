"use client";

import { wallTimeToInstant } from "@/domain/zoned-time";
import { formatInstant } from "@/lib/format-time";
import type { StepDeadline } from "./step-props";

/** Whether a typed report time is past the step's deadline (null when it cannot tell yet). */
export function isLate(reportedAtWall: string | undefined, deadline: StepDeadline | null, timeZone: string): boolean | null {
  if (!deadline || !reportedAtWall) return null;
  const reported = wallTimeToInstant(reportedAtWall, timeZone);
  if (!reported.ok) return null;
  return reported.instant.getTime() > new Date(deadline.at).getTime();
}

export function DeadlineNote({ deadline, timeZone }: { deadline: StepDeadline | null; timeZone: string }) {
  if (!deadline) return null;
  return (
    <p className="rounded border-l-4 border-blue-800 bg-blue-50 p-3">
      Deadline: <strong>{formatInstant(new Date(deadline.at), timeZone)}</strong> ({deadline.hours} hours after the agency learned the child was missing).
    </p>
  );
}
