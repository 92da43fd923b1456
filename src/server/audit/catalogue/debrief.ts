import type { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the return debrief, the trafficking screen, determination and report (details never carry what was found). */
export const DEBRIEF_EVENTS = {} as const satisfies Record<string, { label: string; details: z.ZodType }>;
