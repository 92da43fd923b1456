import { z } from "zod";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): People, teams and invitations (admins' account management). */
export const PEOPLE_EVENTS = {} as const satisfies Record<string, { label: string; details: z.ZodType }>;
