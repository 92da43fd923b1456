import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the supervisors' dashboard. */
export const DASHBOARD_EVENTS = {
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
