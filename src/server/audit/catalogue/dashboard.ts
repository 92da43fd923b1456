import { z } from "zod";
import { OPEN_STAGES, URGENCIES } from "@/domain/dashboard";

const count = z.int().nonnegative();

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the supervisors' dashboard. */
export const DASHBOARD_EVENTS = {
  // Once per page load, with the filter (ids and codes) and what it showed; its background refreshes are not audited.
  "dashboard.viewed": {
    label: "Viewed the open episodes",
    details: z
      .object({
        team: z.enum(["mine", "all", "one"]),
        teamId: z.uuid().optional(),
        caseworkerId: z.uuid().optional(),
        stage: z.enum(OPEN_STAGES).optional(),
        clock: z.enum(URGENCIES).optional(),
        page: z.int().positive(),
        results: count,
        open: count,
        overdue: count,
        dueSoon: count,
      })
      .strict(),
  },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
