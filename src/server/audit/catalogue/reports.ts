import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the on-time rate and its exports. */
export const REPORT_EVENTS = {
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
