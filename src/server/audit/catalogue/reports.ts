import { z } from "zod";

/** What an on-time report covered and what it counted: a period code or calendar days, and numbers. */
const onTimeReportDetails = {
  period: z.string().regex(/^\d{4}[AB]$/).nullable(),
  from: z.iso.date(),
  to: z.iso.date(),
  due: z.int(),
  onTime: z.int(),
  late: z.int(),
  overdue: z.int(),
  running: z.int(),
  returned: z.int(),
};

/** Audit events of one area, merged into AUDIT_EVENTS (../audit-events.ts): the on-time rate and its exports. */
export const REPORT_EVENTS = {
  "report.on_time_viewed": { label: "Viewed the on-time report", details: z.object(onTimeReportDetails).strict() },
  "report.on_time_exported": {
    label: "Downloaded the on-time report",
    details: z.object({ ...onTimeReportDetails, format: z.enum(["csv", "pdf"]) }).strict(),
  },
} as const satisfies Record<string, { label: string; details: z.ZodType }>;
