import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): The job queue and e-mail. */
export const JOB_EVENTS = {} as const satisfies Record<string, { label: string; details: z.ZodType }>;
