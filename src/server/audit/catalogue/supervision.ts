import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): supervisors' review of a report and reassignment of an episode. */
export const SUPERVISION_EVENTS = {
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
