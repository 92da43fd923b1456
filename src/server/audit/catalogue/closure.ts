import type { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): sign-off, reopening and voiding. */
export const CLOSURE_EVENTS = {} as const satisfies Record<string, { label: string; details: z.ZodType }>;
