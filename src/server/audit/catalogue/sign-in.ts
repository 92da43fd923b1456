import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): Passwords, second factors, the person's own account. */
export const SIGN_IN_EVENTS = {} as const satisfies Record<string, { label: string; details: z.ZodType }>;
