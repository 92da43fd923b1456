import type { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the recovery, the return and cancellation notices, an ending without recovery. */
export const RECOVERY_EVENTS = {} as const satisfies Record<string, { label: string; details: z.ZodType }>;
