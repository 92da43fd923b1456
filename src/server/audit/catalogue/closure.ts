import { z } from "zod";

/**
 * Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): sign-off, reopening and
 * voiding. A comment or a reason is words a person typed: the details say only whether there was one.
 */
const none = z.object({}).strict();

export const CLOSURE_EVENTS = {
  "closure.requested": {
    label: "Asked for closure (supervisor's sign-off)",
    details: z.object({ again: z.boolean(), comment: z.boolean(), notified: z.int().min(0) }).strict(),
  },
  "closure.approved": { label: "Closure approved: episode closed", details: none },
  "closure.returned": { label: "Closure returned with a comment", details: none },
  "episode.reopened": { label: "Closed episode reopened", details: none },
  "episode.voided": { label: "Episode voided (entered in error)", details: none },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
