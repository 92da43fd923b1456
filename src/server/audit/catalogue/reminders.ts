import { z } from "zod";
import { CLOCK_KINDS } from "@/domain/clocks";
import { REMINDER_THRESHOLDS } from "@/domain/clock-reminders";

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the reminders and escalations of running clocks, and the notifications page. */
export const REMINDER_EVENTS = {
  // Written by the system (no actor), once per clock and threshold, in the transaction that tells
  // the people: the target is the episode; `people` is how many were told (none when nobody active
  // was there to tell, which the trail should show as well).
  "reminder.sent": {
    label: "Deadline reminder sent",
    details: z.object({ clockKind: z.enum(CLOCK_KINDS), threshold: z.enum(REMINDER_THRESHOLDS), people: z.int().min(0) }).strict(),
  },
  "notifications.listed": { label: "Viewed the notifications", details: z.object({ page: z.int(), results: z.int(), unread: z.int() }).strict() },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
