import type { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the search while the child is missing. */
export const SEARCH_EVENTS = {} as const satisfies Record<string, { label: string; details: z.ZodType }>;
