import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the reminders and escalations of running clocks, and the notifications page. */
export const REMINDER_EVENTS = {
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
