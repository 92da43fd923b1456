import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): The agency's rules, notices and the audit trail itself. */
export const AGENCY_EVENTS = {} as const satisfies Record<string, { label: string; details: z.ZodType }>;
