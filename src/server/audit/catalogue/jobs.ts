import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): The job queue and e-mail. */
export const JOB_EVENTS = {
  // Written by the system (no actor): the daily job that enforces the 90-day rule (src/domain/account-inactivity.ts).
  "user.deactivated_unused": {
    label: "Account deactivated after 90 days unused",
    details: z.object({ lastUsedAt: z.iso.datetime(), sessionsEnded: z.int().min(0) }).strict(),
  },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
